package io.latchkey.posture;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one posture rule found about one application or account: the rule, how urgent it is, the facts it rests on
 * (with their dates and values, never a secret), and the one admin API call that fixes it.
 */
public record Finding(String rule, Severity severity, Subject subject, String summary, List<Fact> evidence, Fix fix) {

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(summary, "summary");
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(fix, "fix");
    }

    /** What the finding is about: an application by client_id or an account by username. */
    public record Subject(Kind kind, String id) {
        public enum Kind {
            APPLICATION("application"), ACCOUNT("account");

            private final String wireName;

            Kind(String wireName) {
                this.wireName = wireName;
            }

            public String wireName() {
                return wireName;
            }
        }

        public static Subject application(String clientId) {
            return new Subject(Kind.APPLICATION, clientId);
        }

        public static Subject account(String username) {
            return new Subject(Kind.ACCOUNT, username);
        }
    }

    /** One fact a finding rests on, e.g. {@code last_token_issued_at = 2026-01-02T03:04:05Z}. */
    public record Fact(String name, String value) {
        public static Fact of(String name, Object value) {
            return new Fact(name, String.valueOf(value));
        }
    }

    /**
     * The admin API call that fixes the finding: method, path (under the issuer), the {@code If-Match} it needs
     * when it changes a versioned resource, the JSON body if any, and what it does in a sentence.
     */
    public record Fix(String method, String path, Optional<Long> ifMatchVersion, Optional<Map<String, Object>> body,
                      String text) {
        public Fix {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(ifMatchVersion, "ifMatchVersion");
            body = body.map(Map::copyOf);
            Objects.requireNonNull(text, "text");
        }

        /** A merge patch of an application at the version the review read. */
        public static Fix patchApplication(String clientId, long version, Map<String, Object> body, String text) {
            return new Fix("PATCH", "/api/admin/applications/" + clientId, Optional.of(version), Optional.of(body), text);
        }
    }
}
