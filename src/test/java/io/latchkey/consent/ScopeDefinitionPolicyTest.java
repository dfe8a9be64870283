package io.latchkey.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.consent.ScopeCatalog.Scope;
import io.latchkey.error.Violation;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per rule: what breaks it, and the field and message that say so. */
class ScopeDefinitionPolicyTest {
    private static final String BAD_NAME = "is not a valid scope name (RFC 6749 §3.3)";

    private static Arguments row(String why, Scope scope, String field, String message) {
        return Arguments.of(why, scope, List.of(new Violation(field, message)));
    }

    private static Scope named(String name) {
        return new Scope(name, "Read your orders", Optional.empty());
    }

    private static Scope described(String description) {
        return new Scope("orders:read", description, Optional.empty());
    }

    private static Scope forAudience(String audience) {
        return new Scope("orders:read", "Read your orders", Optional.of(audience));
    }

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                row("empty name", named(""), "name", BAD_NAME),
                row("name with a space", named("orders read"), "name", BAD_NAME),
                row("name with a double quote", named("orders\"read"), "name", BAD_NAME),
                row("name with a backslash", named("orders\\read"), "name", BAD_NAME),
                row("name with a non-ASCII letter", named("bestellungen:lesen\u00e4"), "name", BAD_NAME),
                row("name of 129 characters", named("s".repeat(129)), "name", BAD_NAME),
                row("blank description", described(" "), "description", "must be 1 to 512 characters"),
                row("description of 513 characters", described("d".repeat(513)), "description",
                        "must be 1 to 512 characters"),
                row("relative audience", forAudience("orders"), "audience", "must be an absolute URI"),
                row("audience that is no URI", forAudience("https://api example.com"), "audience", "is not a valid URI"),
                row("audience of 513 characters", forAudience("https://api.example.com/" + "a".repeat(489)), "audience",
                        "must be at most 512 characters"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void namesTheFieldAndTheRule(String why, Scope scope, List<Violation> expected) {
        assertEquals(expected, ScopeDefinitionPolicy.check(scope));
    }

    static Stream<Arguments> validScopes() {
        return Stream.of(
                Arguments.of("without an audience", named("orders:read")),
                Arguments.of("name of 128 visible characters", named("!#[]~".repeat(25) + "abc")),
                Arguments.of("description of 512 characters", described("d".repeat(512))),
                Arguments.of("URL audience of 512 characters", forAudience("https://api.example.com/" + "a".repeat(488))),
                Arguments.of("URN audience", forAudience("urn:example:orders")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validScopes")
    void findsNothingWrongWithAValidScope(String why, Scope scope) {
        assertEquals(List.of(), ScopeDefinitionPolicy.check(scope));
    }

    @Test
    void reportsEveryViolationNotJustTheFirst() {
        assertEquals(List.of(new Violation("name", BAD_NAME), new Violation("description", "must be 1 to 512 characters"),
                        new Violation("audience", "must be an absolute URI")),
                ScopeDefinitionPolicy.check(new Scope("orders read", "", Optional.of("/orders"))));
    }

    static Stream<Arguments> reserved() {
        String admin = "is reserved for Latchkey's admin API";
        Optional<String> api = Optional.of("https://api.example.com");
        return Stream.of(
                Arguments.of(new Scope("latchkey:admin", "Mine", Optional.empty()), false,
                        List.of(new Violation("name", admin))),
                Arguments.of(new Scope("latchkey:admin.read", "Mine", Optional.empty()), true,
                        List.of(new Violation("name", admin))),
                Arguments.of(new Scope("openid", "Sign you in", Optional.empty()), true,
                        List.of(new Violation("name", "is a standard OpenID Connect scope and cannot be deleted"))),
                Arguments.of(new Scope("email", "Your email", api), false,
                        List.of(new Violation("audience", "cannot be set on a standard OpenID Connect scope"))),
                Arguments.of(new Scope("email", "Your email", Optional.empty()), false, List.of()),
                Arguments.of(new Scope("offline_access", "Stay", Optional.empty()), false, List.of()),
                Arguments.of(new Scope("orders:read", "Orders", api), true, List.of()),
                Arguments.of(new Scope("latchkey", "Not the admin prefix", api), false, List.of()));
    }

    @ParameterizedTest
    @MethodSource("reserved")
    void reservedScopes(Scope scope, boolean deleting, List<Violation> expected) {
        assertEquals(expected, ScopeDefinitionPolicy.checkReserved(scope, deleting));
    }
}
