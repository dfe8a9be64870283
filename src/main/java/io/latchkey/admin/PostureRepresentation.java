package io.latchkey.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.latchkey.posture.Finding;
import io.latchkey.posture.PostureReview;
import io.latchkey.posture.Severity;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The posture review as JSON: when it ran, the count of findings per severity (every severity, zeros included), and
 * the findings, most urgent first.
 */
public record PostureRepresentation(
        @JsonProperty("reviewed_at") String reviewedAt,
        @JsonProperty("summary") Map<String, Integer> summary,
        @JsonProperty("findings") List<FindingRepresentation> findings) {

    /** One finding: the rule, its severity, what it is about, why (facts) and the call that fixes it. */
    public record FindingRepresentation(
            @JsonProperty("rule") String rule,
            @Schema(allowableValues = {"high", "medium", "low", "info"}) @JsonProperty("severity") String severity,
            @JsonProperty("subject") SubjectRepresentation subject,
            @JsonProperty("summary") String summary,
            @JsonProperty("evidence") List<FactRepresentation> evidence,
            @JsonProperty("fix") FixRepresentation fix) {
    }

    /** An application (by client_id) or an account (by username). */
    public record SubjectRepresentation(
            @Schema(allowableValues = {"application", "account"}) @JsonProperty("kind") String kind,
            @JsonProperty("id") String id) {
    }

    /** One fact the finding rests on. */
    public record FactRepresentation(@JsonProperty("name") String name, @JsonProperty("value") String value) {
    }

    /**
     * The admin API call that fixes the finding: method and path (relative to the issuer), the If-Match it must
     * send (the version the review read) when it changes a versioned resource, the JSON body when it has one.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FixRepresentation(
            @JsonProperty("method") String method,
            @JsonProperty("path") String path,
            @JsonProperty("if_match") String ifMatch,
            @Schema(type = "object") @JsonProperty("body") Map<String, Object> body,
            @JsonProperty("text") String text) {
    }

    public static PostureRepresentation of(PostureReview.Report report) {
        Map<String, Integer> summary = new LinkedHashMap<>();
        for (Severity severity : Severity.values()) {
            summary.put(severity.wireName(), report.counts().get(severity));
        }
        return new PostureRepresentation(report.reviewedAt().toString(), summary,
                report.findings().stream().map(PostureRepresentation::finding).toList());
    }

    private static FindingRepresentation finding(Finding finding) {
        Finding.Fix fix = finding.fix();
        return new FindingRepresentation(finding.rule(), finding.severity().wireName(),
                new SubjectRepresentation(finding.subject().kind().wireName(), finding.subject().id()),
                finding.summary(),
                finding.evidence().stream().map(f -> new FactRepresentation(f.name(), f.value())).toList(),
                new FixRepresentation(fix.method(), fix.path(),
                        fix.ifMatchVersion().map(EntityTags::of).orElse(null), fix.body().orElse(null), fix.text()));
    }
}
