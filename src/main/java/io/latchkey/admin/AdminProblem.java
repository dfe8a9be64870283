package io.latchkey.admin;

import io.latchkey.error.Violation;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A refusal of the admin API, as a value carried out of a resource: the {@link ProblemType}, a human
 * {@code detail} that never repeats a secret, the broken rules (each with its field) and any header the answer
 * needs ({@code WWW-Authenticate}, {@code Retry-After}). {@link Problems} turns it into the RFC 9457 response.
 */
public final class AdminProblem extends RuntimeException {
    private final ProblemType type;
    private final String detail;
    private final List<Violation> violations;
    private final Map<String, String> headers;

    public AdminProblem(ProblemType type, String detail, List<Violation> violations, Map<String, String> headers) {
        super(type.uri(), null, false, false);
        this.type = Objects.requireNonNull(type, "type");
        this.detail = Objects.requireNonNull(detail, "detail");
        this.violations = List.copyOf(violations);
        this.headers = Map.copyOf(headers);
    }

    public AdminProblem(ProblemType type, String detail) {
        this(type, detail, List.of(), Map.of());
    }

    /** An invalid request naming the one field (a body field, a query or path parameter) that is wrong. */
    public static AdminProblem invalid(String field, String message) {
        return invalid(List.of(new Violation(field, message)));
    }

    /** An invalid request naming every broken rule. */
    public static AdminProblem invalid(List<Violation> violations) {
        String detail = violations.size() == 1 ? violations.get(0).field() + " " + violations.get(0).message()
                : violations.size() + " fields are invalid";
        return new AdminProblem(ProblemType.INVALID_REQUEST, detail, violations, Map.of());
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return detail;
    }

    public List<Violation> violations() {
        return violations;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
