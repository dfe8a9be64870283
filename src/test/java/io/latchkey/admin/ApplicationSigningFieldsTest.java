package io.latchkey.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.authorize.RequestObjectSigner;
import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.ApplicationView;
import io.latchkey.client.RequestObjectAlgorithm;
import io.latchkey.error.Violation;
import io.latchkey.key.SigningAlgorithm;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The admin API's side of an application's keys and algorithms: jwks (a JSON object), jwks_uri,
 * request_object_signing_alg and id_token_signed_response_alg bound strictly, answered in the representation
 * (absent when not set), kept by a merge patch that does not name them, and removed by one that sets them to null.
 */
class ApplicationSigningFieldsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JWKS = new RequestObjectSigner("k1", "k2").publicJwks();

    private static ApplicationDefinition definition(String json) {
        return StrictJson.bind(StrictJson.readObject(json.getBytes(StandardCharsets.UTF_8)), ApplicationInput.class)
                .definition();
    }

    private static JsonNode representation(ApplicationDefinition definition) {
        return StrictJson.tree(ApplicationRepresentation.of(new ApplicationView(definition, 1, Instant.EPOCH,
                Instant.EPOCH, List.of())));
    }

    private static final String BASE = "{\"client_id\":\"rp\",\"type\":\"web\",\"redirect_uris\":[\"https://rp.example/cb\"],"
            + "\"scopes\":[\"openid\"]";

    @Test
    void theFieldsAreReadAndAnswered() throws Exception {
        ApplicationDefinition definition = definition(BASE + ",\"jwks\":" + JWKS
                + ",\"request_object_signing_alg\":\"ES256\",\"id_token_signed_response_alg\":\"PS256\"}");
        assertEquals(JSON.readTree(JWKS), JSON.readTree(definition.signing().jwks().orElseThrow()));
        assertEquals(Optional.of(RequestObjectAlgorithm.ES256), definition.signing().requestObjectAlgorithm());
        assertEquals(Optional.of(SigningAlgorithm.PS256), definition.signing().idTokenAlgorithm());
        JsonNode json = representation(definition);
        assertEquals(JSON.readTree(JWKS), json.get("jwks"));
        assertEquals("ES256", json.get("request_object_signing_alg").asText());
        assertEquals("PS256", json.get("id_token_signed_response_alg").asText());
        assertFalse(json.has("jwks_uri"));
    }

    @Test
    void aMergePatchKeepsThemOrRemovesThemWithNull() {
        JsonNode current = representation(definition(BASE + ",\"jwks_uri\":\"https://rp.example/jwks\","
                + "\"request_object_signing_alg\":\"none\"}"));
        ObjectNode editable = ((ObjectNode) current.deepCopy());
        ApplicationInput.READ_ONLY.forEach(editable::remove);
        ApplicationDefinition kept = StrictJson.bind(MergePatch.apply(editable,
                StrictJson.readObject("{\"name\":\"Renamed\"}".getBytes(StandardCharsets.UTF_8))),
                ApplicationInput.class).definition();
        assertEquals(Optional.of("https://rp.example/jwks"), kept.signing().jwksUri());
        assertEquals(Optional.of(RequestObjectAlgorithm.NONE), kept.signing().requestObjectAlgorithm());
        ApplicationDefinition removed = StrictJson.bind(MergePatch.apply(editable, StrictJson.readObject(
                "{\"jwks_uri\":null,\"request_object_signing_alg\":null}".getBytes(StandardCharsets.UTF_8))),
                ApplicationInput.class).definition();
        assertEquals(Optional.empty(), removed.signing().jwksUri());
        assertEquals(Optional.empty(), removed.signing().requestObjectAlgorithm());
    }

    @Test
    void unknownAlgorithmsAndANonObjectJwksAreRefused() {
        AdminProblem problem = assertThrows(AdminProblem.class, () -> definition(BASE
                + ",\"jwks\":[1],\"request_object_signing_alg\":\"HS256\",\"id_token_signed_response_alg\":\"none\"}"));
        assertEquals(List.of(new Violation("jwks", "must be a JWK Set (a JSON object with \"keys\")"),
                new Violation("request_object_signing_alg", "must be one of RS256, PS256, ES256, none"),
                new Violation("id_token_signed_response_alg", "must be one of RS256, PS256, ES256")),
                problem.violations());
    }
}
