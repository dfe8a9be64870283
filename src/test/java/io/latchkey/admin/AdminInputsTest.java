package io.latchkey.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.account.AccountCommands;
import io.latchkey.testing.TestClaims;
import io.latchkey.account.AccountDefinition;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.error.Violation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The request bodies of the scopes and accounts resources: the import file's defaults and trimming, required fields
 * named, passwords never in a toString, and scope names as path segments.
 */
class AdminInputsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static <T> T bind(String json, Class<T> type) throws Exception {
        JsonNode node = JSON.readTree(json);
        return StrictJson.bind(node, type);
    }

    @Test
    void aNewAccountGetsTheImportFilesDefaultsTrimmed() throws Exception {
        AccountDefinition definition = bind("{\"username\": \"  Someone \"}", AccountInput.class).definition();

        assertEquals(new AccountDefinition("Someone", Optional.empty(), "Someone", Optional.empty(), false, false, true),
                definition);
    }

    @Test
    void aNewAccountKeepsWhatItGivesTrimmed() throws Exception {
        AccountDefinition definition = bind("""
                {"username": "someone", "name": " Some One ", "email": " one@example.test ", "email_verified": true,
                 "admin": true, "enabled": false, "password": "a long password 0123"}""", AccountInput.class)
                .definition();

        assertEquals("Some One", definition.displayName());
        assertEquals(Optional.of("one@example.test"), definition.email());
        assertEquals(List.of(true, true, false), List.of(definition.emailVerified(), definition.admin(),
                definition.enabled()));
        assertEquals("a long password 0123", definition.password().orElseThrow().reveal());
    }

    @Test
    void aNewAccountNeedsAUsername() throws Exception {
        AdminProblem problem = assertThrows(AdminProblem.class,
                () -> bind("{\"name\": \"Nobody\"}", AccountInput.class).definition());

        assertEquals(List.of(new Violation("username", "is required")), problem.violations());
    }

    @Test
    void noInputShowsItsPassword() throws Exception {
        AccountInput account = bind("{\"username\": \"u\", \"password\": \"hunter2-hunter2\"}", AccountInput.class);
        PasswordInput password = bind("{\"password\": \"hunter2-hunter2\"}", PasswordInput.class);

        assertFalse(account.toString().contains("hunter2"), account::toString);
        assertFalse(password.toString().contains("hunter2"), password::toString);
        assertFalse(password.secret().toString().contains("hunter2"));
    }

    @Test
    void aPasswordBodyNeedsThePassword() throws Exception {
        AdminProblem problem = assertThrows(AdminProblem.class, () -> bind("{}", PasswordInput.class).secret());

        assertEquals(List.of(new Violation("password", "is required")), problem.violations());
    }

    @Test
    void aProfileNeedsANameAndTrimsItAndTheEmail() throws Exception {
        assertEquals(new AccountCommands.Profile("A", Optional.of("a@example.test"), true),
                bind("{\"name\": \" A \", \"email\": \" a@example.test\", \"email_verified\": true}",
                        ProfileInput.class).profile());
        assertEquals(new AccountCommands.Profile("A", Optional.empty(), false),
                bind("{\"name\": \"A\"}", ProfileInput.class).profile());
        AdminProblem problem = assertThrows(AdminProblem.class,
                () -> bind("{\"email\": \"a@example.test\"}", ProfileInput.class).profile());
        assertEquals(List.of(new Violation("name", "is required")), problem.violations());
    }

    @Test
    void aProfileCarriesTheStandardClaimsTrimmedAndAnAccountToo() throws Exception {
        String claims = "\"given_name\": \" Alice \", \"family_name\": \"Liddell\", \"middle_name\": \"Pleasance\","
                + " \"nickname\": \"Al\", \"preferred_username\": \"alice.l\", \"profile\": \"https://example.com/alice\","
                + " \"picture\": \"https://example.com/alice.png\", \"website\": \"https://alice.example.com\","
                + " \"gender\": \"female\", \"birthdate\": \"0000-05-04\", \"zoneinfo\": \"Europe/London\","
                + " \"locale\": \"en-GB\", \"phone_number\": \"+441865270000\", \"phone_number_verified\": true,"
                + " \"address\": {\"formatted\": \"Christ Church, Oxford OX1 1DP\", \"street_address\": \"St Aldate's\","
                + " \"locality\": \"Oxford\", \"region\": \"Oxfordshire\", \"postal_code\": \" OX1 1DP \","
                + " \"country\": \"GB\"}";
        assertEquals(new AccountCommands.Profile("A", Optional.empty(), false, TestClaims.EVERY_CLAIM),
                bind("{\"name\": \"A\", " + claims + "}", ProfileInput.class).profile());
        assertEquals(TestClaims.EVERY_CLAIM,
                bind("{\"username\": \"alice\", " + claims + "}", AccountInput.class).definition().claims());
        AdminProblem problem = assertThrows(AdminProblem.class,
                () -> bind("{\"name\": \"A\", \"address\": {\"city\": \"Oxford\"}}", ProfileInput.class));
        assertEquals("address.city", problem.violations().get(0).field());
    }

    @Test
    void aScopeNeedsANameAndADescriptionAndMayHaveAnAudience() throws Exception {
        assertEquals(new ScopeCatalog.Scope("orders:read", "Read", Optional.of("https://api.example.test")),
                bind("{\"name\": \"orders:read\", \"description\": \"Read\", \"audience\": \"https://api.example.test\"}",
                        ScopeInput.class).scope());
        assertEquals(new ScopeCatalog.Scope("x", "X", Optional.empty()),
                bind("{\"name\": \"x\", \"description\": \"X\"}", ScopeInput.class).scope());
        AdminProblem problem = assertThrows(AdminProblem.class, () -> bind("{}", ScopeInput.class).scope());
        assertEquals(List.of(new Violation("name", "is required"), new Violation("description", "is required")),
                problem.violations());
    }

    @Test
    void aScopeNameIsOnePathSegment() {
        assertEquals("orders:read", ScopesResource.pathSegment("orders:read"));
        assertEquals("a%2Fb%3Fc%23d%25e%5B%5D", ScopesResource.pathSegment("a/b?c#d%e[]"));
        assertEquals("!$&'()*+,;=@-._~", ScopesResource.pathSegment("!$&'()*+,;=@-._~"));
    }
}
