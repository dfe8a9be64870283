package io.latchkey.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Versions on the wire: every resource's strong {@code ETag} is its version in quotes ({@code "7"}); a change
 * must say, in {@code If-Match}, which version it was made from (RFC 9110 §13.1.1), so that of two changes
 * made from the same read only the first applies.
 */
public final class EntityTags {
    private static final Pattern ENTITY_TAG = Pattern.compile("\\s*(W/)?\"([\\x21\\x23-\\x7e\\x80-\\xff]*)\"\\s*");

    private EntityTags() {
    }

    /** The strong entity tag of {@code version}. */
    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version {@code ifMatch} names. No header (or {@code *}, which names no version) is
     * {@link ProblemType#PRECONDITION_REQUIRED}; a header that can name no version of this server (weak tags,
     * which never match under the strong comparison If-Match uses, foreign or malformed tags) is
     * {@link ProblemType#PRECONDITION_FAILED}; several versions at once are refused as invalid.
     */
    public static long requiredVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            throw new AdminProblem(ProblemType.PRECONDITION_REQUIRED,
                    "send If-Match with the ETag of the version you read (a GET answers it)");
        }
        List<Long> versions = new ArrayList<>();
        for (String part : ifMatch.split(",")) {
            Matcher matcher = ENTITY_TAG.matcher(part);
            if (matcher.matches() && matcher.group(1) == null && matcher.group(2).matches("[0-9]{1,18}")) {
                versions.add(Long.parseLong(matcher.group(2)));
            }
        }
        if (versions.isEmpty()) {
            throw stale();
        }
        if (versions.size() > 1) {
            throw AdminProblem.invalid("If-Match", "must name one version");
        }
        return versions.get(0);
    }

    /** The version read is no longer the current one. */
    public static AdminProblem stale() {
        return new AdminProblem(ProblemType.PRECONDITION_FAILED,
                "the resource changed since the version in If-Match; read it again and reapply your change");
    }
}
