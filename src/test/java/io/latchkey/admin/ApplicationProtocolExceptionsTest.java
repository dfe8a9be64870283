package io.latchkey.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.ApplicationView;
import io.latchkey.client.PkcePolicy;
import io.latchkey.error.Violation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The admin API's side of the two exceptions an operator may allow a web application: {@code pkce} and
 * {@code implicit_by_fragment} in the input with the import file's defaults, and in the representation, flagged by
 * a read-only {@code warnings} list that an application held to the defaults does not have.
 */
class ApplicationProtocolExceptionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ApplicationInput input(String pkce, Boolean implicitByFragment) {
        return new ApplicationInput("rp", null, "web", List.of("https://rp.example.com/cb"), null, null,
                List.of("openid"), null, null, null, null, null, null, null, null, List.of("id_token"), null, pkce,
                implicitByFragment, null, null, null, null, null, null, null);
    }

    private static JsonNode representation(ApplicationDefinition definition) {
        ApplicationView view = new ApplicationView(definition, 3, Instant.EPOCH, Instant.EPOCH, List.of());
        return JSON.valueToTree(ApplicationRepresentation.of(view));
    }

    @Test
    void absentFieldsKeepTheDefaults() {
        ApplicationDefinition definition = input(null, null).definition();
        assertEquals(PkcePolicy.REQUIRED, definition.pkce());
        assertFalse(definition.implicitByFragment());
        JsonNode json = representation(definition);
        assertEquals("required", json.get("pkce").asText());
        assertFalse(json.get("implicit_by_fragment").asBoolean());
        assertNull(json.get("warnings"), "no warnings for an application held to the defaults");
    }

    @Test
    void theExceptionsAreReadAndFlaggedInTheRepresentation() {
        ApplicationDefinition definition = input("optional", true).definition();
        assertEquals(PkcePolicy.OPTIONAL, definition.pkce());
        assertTrue(definition.implicitByFragment());
        JsonNode json = representation(definition);
        assertEquals("optional", json.get("pkce").asText());
        assertTrue(json.get("implicit_by_fragment").asBoolean());
        assertEquals(2, json.get("warnings").size(), json.toString());
        assertTrue(json.get("warnings").get(0).asText().startsWith("pkce is optional"), json.toString());
    }

    @Test
    void anUnknownPkceValueIsRefused() {
        AdminProblem problem = assertThrows(AdminProblem.class, () -> input("sometimes", null).definition());
        assertEquals(List.of(new Violation("pkce", "must be one of required, optional")), problem.violations());
    }

    @Test
    void warningsAreReadOnly() {
        assertTrue(ApplicationInput.READ_ONLY.contains("warnings"));
    }
}
