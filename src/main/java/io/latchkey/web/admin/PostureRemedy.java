package io.latchkey.web.admin;

import io.latchkey.posture.Finding;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the console offers for one posture finding: the one-click form that does what the finding's admin API call
 * does ({@link Action}), when the call is one the console may make without more care, and always the page where the
 * operator decides otherwise (the application's or the person's). Rotating a secret is not one click: it needs a
 * recent sign-in and shows the new value once, so it is offered through the application's page.
 */
public record PostureRemedy(Optional<Action> action, String label, String page, String pageLabel) {

    /** The one-click fixes, each the same command as the admin API call the finding names. */
    public enum Action {
        /** {@code PATCH /api/admin/applications/{id}} with the finding's merge patch. */
        PATCH("patch"),
        /** {@code POST /api/admin/applications/{id}/disable}. */
        DISABLE("disable"),
        /** {@code DELETE /api/admin/applications/{id}/secrets/{secret}}. */
        RETIRE_SECRET("retire_secret"),
        /** Revoke the application's refresh token families and live personal and service tokens. */
        REVOKE_TOKENS("revoke_tokens");

        private final String wireName;

        Action(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Optional<Action> fromWireName(String name) {
            for (Action action : values()) {
                if (action.wireName.equals(name)) {
                    return Optional.of(action);
                }
            }
            return Optional.empty();
        }
    }

    private static final Pattern SECRET = Pattern.compile("/api/admin/applications/[^/]+/secrets/([0-9]{1,18})");

    public static PostureRemedy of(Finding finding) {
        Finding.Fix fix = finding.fix();
        String id = finding.subject().id();
        if (finding.subject().kind() == Finding.Subject.Kind.ACCOUNT) {
            return new PostureRemedy(Optional.empty(), fix.text(), "/admin/people?q=" + encoded(id),
                    "Open " + id + " among the people");
        }
        String application = ApplicationsPage.pageOf(id);
        String pageLabel = "Open " + id;
        String applicationPath = "/api/admin/applications/" + id;
        Optional<Action> action = Optional.empty();
        if (fix.method().equals("PATCH") && fix.path().equals(applicationPath) && fix.body().isPresent()
                && fix.ifMatchVersion().isPresent()) {
            action = Optional.of(Action.PATCH);
        } else if (fix.method().equals("POST") && fix.path().equals(applicationPath + "/disable")
                && fix.ifMatchVersion().isPresent()) {
            action = Optional.of(Action.DISABLE);
        } else if (fix.method().equals("DELETE") && secretId(fix.path()).isPresent()
                && fix.path().startsWith(applicationPath + "/secrets/")) {
            action = Optional.of(Action.RETIRE_SECRET);
        } else if (fix.path().equals("/api/admin/refresh-token-families/revoke")
                || fix.path().equals("/api/admin/tokens?application=" + id)) {
            action = Optional.of(Action.REVOKE_TOKENS);
        }
        String label = switch (action.map(Enum::name).orElse("")) {
            case "REVOKE_TOKENS" -> "Revoke its live tokens";
            case "DISABLE" -> "Disable " + id;
            case "RETIRE_SECRET" -> "Retire the old secret now";
            default -> fix.text();
        };
        return new PostureRemedy(action, label, application, pageLabel);
    }

    /** The secret id of a {@code DELETE .../secrets/{id}} path. */
    static Optional<Long> secretId(String path) {
        Matcher matcher = SECRET.matcher(path);
        return matcher.matches() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
