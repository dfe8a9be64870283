package io.latchkey.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.ApplicationView;
import io.latchkey.client.TokenLifetimes;
import io.latchkey.config.ServerTokenLifetimes;
import io.latchkey.error.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The admin API's side of an application's token lifetimes: three nullable whole numbers of seconds, answered
 * always (null: the server's setting) with the read-only effective lifetimes beside them; a merge patch keeps them
 * unless it names them, and null gives the server's setting back.
 */
class ApplicationLifetimeFieldsTest {
    private static final ServerTokenLifetimes SERVER = new ServerTokenLifetimes(Duration.ofMinutes(30),
            Duration.ofDays(1), Duration.ofDays(2));
    private static final String WEB = "{\"client_id\":\"rp\",\"type\":\"web\",\"redirect_uris\":[\"https://rp.example/cb\"],"
            + "\"scopes\":[\"openid\"]";
    private static final String M2M = "{\"client_id\":\"batch\",\"type\":\"m2m\"";

    private static ApplicationDefinition definition(String json) {
        return StrictJson.bind(StrictJson.readObject(json.getBytes(StandardCharsets.UTF_8)), ApplicationInput.class)
                .definition();
    }

    private static JsonNode representation(ApplicationDefinition definition) {
        return StrictJson.tree(ApplicationRepresentation.of(new ApplicationView(definition, 1, Instant.EPOCH,
                Instant.EPOCH, List.of()), SERVER));
    }

    private static ApplicationDefinition patched(JsonNode current, String patch) {
        ObjectNode editable = (ObjectNode) current.deepCopy();
        editable.remove(ApplicationInput.READ_ONLY);
        return StrictJson.bind(MergePatch.apply(editable, StrictJson.readObject(patch.getBytes(StandardCharsets.UTF_8))),
                ApplicationInput.class).definition();
    }

    @Test
    void theFieldsAreReadAndAnsweredWithTheEffectiveLifetimes() {
        ApplicationDefinition definition = definition(WEB + ",\"access_token_lifetime\":120,"
                + "\"refresh_token_max_lifetime\":7200}");
        assertEquals(TokenLifetimes.ofSeconds(120L, null, 7200L), definition.lifetimes());
        JsonNode json = representation(definition);
        assertEquals(120, json.get("access_token_lifetime").asLong());
        assertTrue(json.get("refresh_token_idle_lifetime").isNull(), "present, null: the server's setting");
        assertEquals(7200, json.get("refresh_token_max_lifetime").asLong());
        assertEquals(120, json.get("effective_access_token_lifetime").asLong());
        assertEquals(86_400, json.get("effective_refresh_token_idle_lifetime").asLong());
        assertEquals(7200, json.get("effective_refresh_token_max_lifetime").asLong());
    }

    @Test
    void absentFieldsAreTheServersSettingsAndAnM2mApplicationShowsNoRefreshLifetimes() {
        ApplicationDefinition definition = definition(M2M + "}");
        assertEquals(TokenLifetimes.SERVER_DEFAULTS, definition.lifetimes());
        JsonNode json = representation(definition);
        assertTrue(json.get("access_token_lifetime").isNull());
        assertEquals(1800, json.get("effective_access_token_lifetime").asLong());
        assertFalse(json.has("effective_refresh_token_idle_lifetime"));
        assertFalse(json.has("effective_refresh_token_max_lifetime"));
    }

    @Test
    void aMergePatchKeepsThemOrGivesTheServersSettingBackWithNull() {
        JsonNode current = representation(definition(WEB + ",\"access_token_lifetime\":120,"
                + "\"refresh_token_idle_lifetime\":600,\"refresh_token_max_lifetime\":7200}"));
        assertEquals(TokenLifetimes.ofSeconds(120L, 600L, 7200L), patched(current, "{\"name\":\"Renamed\"}").lifetimes());
        assertEquals(TokenLifetimes.ofSeconds(null, 600L, 7200L),
                patched(current, "{\"access_token_lifetime\":null}").lifetimes());
    }

    @Test
    void theEffectiveLifetimesAreReadOnlyAndTheLifetimesWholeNumbers() {
        AdminProblem readOnly = assertThrows(AdminProblem.class, () -> ApplicationsResourceFields.refuse(
                WEB + ",\"effective_access_token_lifetime\":60}"));
        assertEquals(List.of(new Violation("effective_access_token_lifetime", "is read-only")), readOnly.violations());
        AdminProblem text = assertThrows(AdminProblem.class, () -> definition(WEB + ",\"access_token_lifetime\":\"1h\"}"));
        assertEquals("access_token_lifetime", text.violations().get(0).field());
        AdminProblem fraction = assertThrows(AdminProblem.class, () -> definition(WEB + ",\"access_token_lifetime\":90.5}"));
        assertEquals("access_token_lifetime", fraction.violations().get(0).field());
    }

    /** What the resource does first with a body: refuse the fields no request may send. */
    private static final class ApplicationsResourceFields {
        static void refuse(String json) {
            List<Violation> violations = ApplicationInput.forbiddenFields(StrictJson.readObject(
                    json.getBytes(StandardCharsets.UTF_8)));
            if (!violations.isEmpty()) {
                throw AdminProblem.invalid(violations);
            }
        }
    }
}
