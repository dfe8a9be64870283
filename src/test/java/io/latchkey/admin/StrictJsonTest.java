package io.latchkey.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.latchkey.client.AccessTokenPolicy;
import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.ClientType;
import io.latchkey.error.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bodies the strict reader refuses, each with its problem type and the field it names. */
class StrictJsonTest {
    private static final String VALID = "{\"client_id\":\"svc\",\"type\":\"m2m\",\"scopes\":[\"orders:read\"]}";

    private static AdminProblem refusal(String body) {
        return assertThrows(AdminProblem.class, () -> StrictJson.bind(
                StrictJson.readObject(body.getBytes(StandardCharsets.UTF_8)), ApplicationInput.class)
                .definition());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("", "empty"),
                Arguments.of("   ", "only whitespace"),
                Arguments.of("{", "cut off"),
                Arguments.of("{\"client_id\":\"svc\",}", "trailing comma"),
                Arguments.of("{'client_id':'svc'}", "single quotes"),
                Arguments.of("{\"client_id\":\"svc\",\"client_id\":\"other\"}", "duplicate key"),
                Arguments.of("{\"scopes\":[],\"x\":{\"a\":1,\"a\":2}}", "nested duplicate key"),
                Arguments.of(VALID + "{}", "a second value"),
                Arguments.of(VALID + " garbage", "trailing garbage"),
                Arguments.of("{\"client_id\":NaN}", "NaN"),
                Arguments.of("{\"client_id\":\"svc\" /* c */}", "a comment"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformed")
    void refusesMalformedJson(String body, String why) {
        assertEquals(ProblemType.MALFORMED_JSON, refusal(body).type());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("[" + VALID + "]", "(body)", "must be a JSON object"),
                Arguments.of("\"svc\"", "(body)", "must be a JSON object"),
                Arguments.of("{\"client_id\":\"svc\",\"type\":\"m2m\",\"colour\":\"red\"}", "colour",
                        "is not a known field"),
                Arguments.of("{\"client_id\":\"s\\u0000vc\",\"type\":\"m2m\"}", "client_id",
                        "must not contain control characters"),
                Arguments.of("{\"client_id\":\"svc\",\"type\":\"m2m\",\"name\":\"a\\u001bb\"}", "name",
                        "must not contain control characters"),
                Arguments.of("{\"client_id\":\"svc\",\"type\":\"m2m\",\"scopes\":[\"ok\",\"x\\u007f\"]}",
                        "scopes[1]", "must not contain control characters"),
                // C1 controls are control characters too (NEL breaks lines, 8-bit CSI drives terminals).
                Arguments.of("{\"client_id\":\"svc\",\"type\":\"m2m\",\"name\":\"a\\u0085b\"}", "name",
                        "must not contain control characters"),
                Arguments.of("{\"client_id\":\"svc\",\"type\":\"m2m\",\"name\":\"a\\u009b31mb\"}", "name",
                        "must not contain control characters"),
                // An unpaired surrogate: PostgreSQL would store "?" where H2 keeps it.
                Arguments.of("{\"client_id\":\"svc\",\"type\":\"m2m\",\"name\":\"a\\ud800b\"}", "name",
                        "must not contain control characters"),
                Arguments.of("{\"client_id\":1,\"type\":\"m2m\"}", "client_id", "must be a string"),
                Arguments.of("{\"client_id\":true,\"type\":\"m2m\"}", "client_id", "must be a string"),
                Arguments.of("{\"client_id\":{},\"type\":\"m2m\"}", "client_id", "must be a string"),
                Arguments.of("{\"client_id\":\"svc\",\"type\":\"m2m\",\"enabled\":\"true\"}", "enabled",
                        "must be true or false"),
                Arguments.of("{\"client_id\":\"svc\",\"type\":\"m2m\",\"enabled\":1}", "enabled",
                        "must be true or false"),
                Arguments.of("{\"client_id\":\"svc\",\"type\":\"m2m\",\"max_token_lifetime_days\":\"30\"}",
                        "max_token_lifetime_days", "must be a whole number"),
                Arguments.of("{\"client_id\":\"svc\",\"type\":\"m2m\",\"max_token_lifetime_days\":1.5}",
                        "max_token_lifetime_days", "must be a whole number"),
                Arguments.of("{\"client_id\":\"svc\",\"type\":\"m2m\",\"max_token_lifetime_days\":true}",
                        "max_token_lifetime_days", "must be a whole number"),
                Arguments.of("{\"client_id\":\"svc\",\"type\":\"m2m\",\"scopes\":\"orders:read\"}", "scopes",
                        "must be an array"),
                Arguments.of("{\"client_id\":\"svc\",\"type\":\"m2m\",\"scopes\":[1]}", "scopes[0]",
                        "must be a string"),
                Arguments.of("{\"client_id\":\"svc\",\"type\":\"m2m\",\"scopes\":[\"a\",null]}", "scopes[1]",
                        "must not be null"),
                Arguments.of("{\"type\":\"m2m\"}", "client_id", "is required"),
                Arguments.of("{\"client_id\":\"svc\"}", "type", "is required"),
                Arguments.of("{\"client_id\":\"svc\",\"type\":\"M2M\"}", "type",
                        "must be one of web, spa, native, m2m"),
                Arguments.of("{\"client_id\":\"svc\",\"type\":\"m2m\",\"access_tokens\":\"Everyone\"}",
                        "access_tokens", "must be one of None, AuthenticatedUsers, AdministratorsOnly"),
                Arguments.of("{\"client_id\":\"svc\",\"type\":\"m2m\",\"access_token_format\":\"paseto\"}",
                        "access_token_format", "must be jwt or reference"),
                Arguments.of("{\"client_id\":\"svc\",\"type\":\"web\",\"response_types\":[\"code\",\"coed\"]}",
                        "response_types[1]", "must be one of code, code id_token, code token, "
                                + "code id_token token, id_token, id_token token"));
    }

    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("invalid")
    void refusesInvalidInputNamingTheField(String body, String field, String message) {
        AdminProblem problem = refusal(body);
        assertEquals(ProblemType.INVALID_REQUEST, problem.type());
        assertEquals(List.of(new Violation(field, message)), problem.violations());
    }

    /** Text may span lines: tab, line feed and carriage return stay, as do U+2028, NBSP and paired surrogates. */
    @Test
    void keepsTabsLineBreaksAndEveryCharacterThatIsNotAControl() {
        String name = "a\tb\nc\r\nd \u2028 \u00a0 \ud83d\ude00 \u00fc";
        String body = "{\"client_id\":\"svc\",\"type\":\"m2m\",\"name\":\"a\\tb\\nc\\r\\nd \\u2028 \\u00a0 "
                + "\\ud83d\\ude00 \u00fc\"}";
        assertEquals(name, StrictJson.readObject(body.getBytes(StandardCharsets.UTF_8)).path("name").textValue());
    }

    @Test
    void readsAValidApplicationWithTheImportFilesDefaults() {
        ApplicationDefinition definition = StrictJson.bind(StrictJson.readObject(VALID.getBytes(StandardCharsets.UTF_8)),
                ApplicationInput.class).definition();
        assertEquals("svc", definition.clientId());
        assertEquals("svc", definition.name());
        assertEquals(ClientType.M2M, definition.type());
        assertEquals(Set.of("orders:read"), definition.defaultScopes());
        assertEquals(AccessTokenPolicy.NONE, definition.accessTokens());
        assertEquals(90, definition.maxReferenceTokenDays());
        assertEquals(true, definition.enabled());
    }

    @Test
    void namesReadOnlyFieldsAndTheSecret() {
        List<Violation> violations = ApplicationInput.forbiddenFields(StrictJson.readObject(
                "{\"version\":3,\"secret\":\"x\",\"created_at\":\"2026\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(new Violation("created_at", "is read-only"), new Violation("version", "is read-only"),
                new Violation("secret", "is generated by the server and shown once; rotate it with POST .../secrets")),
                violations);
    }
}
