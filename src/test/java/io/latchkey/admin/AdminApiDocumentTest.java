package io.latchkey.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.boot.LatchkeyApplication;
import io.latchkey.testing.OpenApiSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The admin API's OpenAPI document as {@link AdminApiDocument} generates it from the resources Jersey is given
 * ({@link LatchkeyApplication}'s registrations): valid by the official OAS 3.1 schema through an independent
 * validator (which must also reject broken variants of the same document), and carrying the API's conventions —
 * security, problem responses, If-Match and ETag, pagination, body schemas — on every operation.
 */
class AdminApiDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ISSUER = "https://id.example.test/latchkey";

    private static JsonNode document() throws IOException {
        return JSON.readTree(AdminApiDocument.json(ISSUER, registered()));
    }

    /** The classes the server registers: the same constructor, whose services are only bound when Jersey starts. */
    private static Set<Class<?>> registered() {
        return new LatchkeyApplication(null, null, null).getClasses();
    }

    @Test
    void theGeneratedDocumentIsAValidOpenApi31Document() throws IOException {
        JsonNode document = document();
        assertEquals(List.of(), OpenApiSchema.violations(document), document::toPrettyString);
        assertEquals("3.1.0", document.path("openapi").asText());
        assertEquals(ISSUER, document.path("servers").path(0).path("url").asText());
    }

    static Stream<Arguments> brokenDocuments() {
        return Stream.of(
                Arguments.of("no info", (Consumer<ObjectNode>) d -> d.remove("info")),
                Arguments.of("an OpenAPI 3.0 version", (Consumer<ObjectNode>) d -> d.put("openapi", "3.0.3")),
                Arguments.of("a path not starting with /", (Consumer<ObjectNode>) d -> {
                    ObjectNode paths = (ObjectNode) d.path("paths");
                    paths.set("api/admin/x", paths.path("/api/admin/applications").deepCopy());
                }),
                Arguments.of("a response code that is not one", (Consumer<ObjectNode>) d ->
                        ((ObjectNode) d.path("paths").path("/api/admin/applications").path("get").path("responses"))
                                .set("2XY", JSON.createObjectNode().put("description", "x"))),
                Arguments.of("a response without description", (Consumer<ObjectNode>) d ->
                        ((ObjectNode) d.path("paths").path("/api/admin/applications/{client_id}").path("delete")
                                .path("responses").path("204")).remove("description")),
                Arguments.of("a parameter in an unknown place", (Consumer<ObjectNode>) d ->
                        ((ObjectNode) d.path("components").path("parameters").path("limit")).put("in", "body")),
                Arguments.of("a security scheme of an unknown type", (Consumer<ObjectNode>) d ->
                        ((ObjectNode) d.path("components").path("securitySchemes").path("admin_token"))
                                .put("type", "password")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenDocuments")
    void theValidatorRejectsABrokenDocument(String what, Consumer<ObjectNode> breakIt) throws IOException {
        ObjectNode broken = (ObjectNode) document();
        breakIt.accept(broken);
        assertFalse(OpenApiSchema.violations(broken).isEmpty(), what + " passed the OAS 3.1 schema");
    }

    @Test
    void everyOperationOfTheApplicationsResourceAndThisDocumentIsDescribedAndNothingElse() throws IOException {
        Set<String> expected = new TreeSet<>(List.of(
                "GET /api/admin/applications", "POST /api/admin/applications",
                "GET /api/admin/applications/{client_id}", "PATCH /api/admin/applications/{client_id}",
                "DELETE /api/admin/applications/{client_id}",
                "POST /api/admin/applications/{client_id}/enable", "POST /api/admin/applications/{client_id}/disable",
                "GET /api/admin/applications/{client_id}/secrets", "POST /api/admin/applications/{client_id}/secrets",
                "DELETE /api/admin/applications/{client_id}/secrets/{id}",
                "GET /api/admin/openapi.json"));
        Set<String> described = operations(document()).keySet();
        assertTrue(described.containsAll(expected), () -> "missing: " + difference(expected, described));
        Set<String> fromResources = new TreeSet<>();
        for (Class<?> resource : AdminApiDocument.resources(registered())) {
            AdminApiDocument.operations(resource).forEach(m -> fromResources.add(AdminApiDocument.key(resource, m)));
        }
        assertEquals(fromResources, described, "exactly the registered admin resources' methods");
        assertFalse(described.stream().anyMatch(key -> key.contains("rest")), "the catch-all for unknown paths is hidden");
    }

    @Test
    void everyOperationNeedsTheAdminTokenAndAnswersProblemDocuments() throws IOException {
        JsonNode document = document();
        assertEquals("http", document.at("/components/securitySchemes/admin_token/type").asText());
        assertEquals("bearer", document.at("/components/securitySchemes/admin_token/scheme").asText());
        for (Map.Entry<String, JsonNode> entry : operations(document).entrySet()) {
            JsonNode operation = entry.getValue();
            String expectedScope = entry.getKey().startsWith("GET ") ? "latchkey:admin.read" : "latchkey:admin";
            assertEquals(expectedScope, operation.at("/security/0/admin_token/0").asText(), entry.getKey());
            for (String status : List.of("400", "401", "403", "404", "406", "429")) {
                assertTrue(operation.path("responses").path(status).path("$ref").asText()
                        .startsWith("#/components/responses/"), entry.getKey() + " " + status);
            }
            assertTrue(operation.path("operationId").isTextual(), entry.getKey());
            assertTrue(operation.path("responses").properties().stream().anyMatch(r -> r.getKey().startsWith("2")),
                    entry.getKey() + " documents its success");
        }
        JsonNode forbidden = document.at("/components/responses/forbidden");
        assertEquals("#/components/schemas/Problem",
                forbidden.at("/content/application~1problem+json/schema/$ref").asText());
        assertTrue(forbidden.at("/headers/WWW-Authenticate").isObject());
        JsonNode problemTypes = document.at("/components/schemas/Problem/properties/type/enum");
        assertEquals(ProblemType.values().length, problemTypes.size());
        assertEquals("urn:latchkey:problem:precondition-required", problemTypes.path(11).asText());
    }

    @Test
    void changesOfAVersionedResourceRequireIfMatchAndAnswersCarryTheETag() throws IOException {
        Map<String, JsonNode> operations = operations(document());
        for (String key : List.of("PATCH /api/admin/applications/{client_id}", "DELETE /api/admin/applications/{client_id}",
                "POST /api/admin/applications/{client_id}/enable", "POST /api/admin/applications/{client_id}/disable")) {
            JsonNode operation = operations.get(key);
            JsonNode ifMatch = parameter(operation, "If-Match");
            assertEquals("header", ifMatch.path("in").asText(), key);
            assertTrue(ifMatch.path("required").asBoolean(), key);
            assertTrue(operation.path("responses").has("412") && operation.path("responses").has("428"), key);
        }
        assertFalse(operations.get("GET /api/admin/applications/{client_id}").path("responses").has("428"));
        assertEquals("#/components/headers/ETag", operations.get("GET /api/admin/applications/{client_id}")
                .at("/responses/200/headers/ETag/$ref").asText());
        assertEquals("#/components/headers/ETag", operations.get("POST /api/admin/applications")
                .at("/responses/201/headers/ETag/$ref").asText());
        assertTrue(operations.get("DELETE /api/admin/applications/{client_id}").at("/responses/204/headers").isMissingNode(),
                "a deleted application has no version");
    }

    @Test
    void theListingTakesLimitCursorAndItsFilters() throws IOException {
        JsonNode document = document();
        JsonNode list = operations(document).get("GET /api/admin/applications");
        List<String> parameters = new ArrayList<>();
        list.path("parameters").forEach(p -> parameters.add(p.has("$ref") ? p.path("$ref").asText() : p.path("name").asText()));
        assertEquals(List.of("#/components/parameters/limit", "#/components/parameters/cursor", "type", "enabled", "q"),
                parameters);
        assertEquals(200, document.at("/components/parameters/limit/schema/maximum").asInt());
        assertEquals(List.of("web", "spa", "native", "m2m"), strings(parameter(list, "type").at("/schema/enum")));
        JsonNode listing = schema(document, list.at("/responses/200/content/application~1json/schema"));
        assertEquals("#/components/schemas/ApplicationRepresentation", listing.at("/properties/items/items/$ref").asText());
        assertTrue(listing.at("/properties/next_cursor").isObject());
        assertTrue(operations(document).get("GET /api/admin/applications/{client_id}/secrets").path("parameters")
                .findValues("$ref").stream().noneMatch(r -> r.asText().endsWith("/limit")), "secrets are one page");
    }

    @Test
    void bodiesHaveTheirSchemas() throws IOException {
        JsonNode document = document();
        Map<String, JsonNode> operations = operations(document);
        JsonNode create = operations.get("POST /api/admin/applications");
        assertTrue(create.at("/requestBody/required").asBoolean());
        JsonNode input = schema(document, create.at("/requestBody/content/application~1json/schema"));
        assertTrue(input.at("/properties/redirect_uris").isObject(), input::toPrettyString);
        assertFalse(input.at("/properties/secret").isObject(), "a secret is never sent");
        assertTrue(create.at("/responses/415/$ref").isTextual());
        assertEquals("#/components/responses/conflict", create.at("/responses/409/$ref").asText());
        JsonNode representation = schema(document, create.at("/responses/201/content/application~1json/schema"));
        assertTrue(representation.at("/properties/client_id").isObject());
        assertTrue(representation.at("/properties/version").isObject());
        assertTrue(operations.get("PATCH /api/admin/applications/{client_id}")
                .at("/requestBody/content/application~1merge-patch+json/schema").isObject());
        JsonNode rotation = schema(document, operations.get("POST /api/admin/applications/{client_id}/secrets")
                .at("/requestBody/content/application~1json/schema"));
        assertTrue(rotation.at("/properties/overlap_seconds").isObject());
    }

    @Test
    void theOtherListingsTakeTheirFiltersAndScopesCarryTheirVersion() throws IOException {
        JsonNode document = document();
        Map<String, JsonNode> operations = operations(document);
        JsonNode tokens = operations.get("GET /api/admin/tokens");
        assertEquals("#/components/parameters/limit", tokens.at("/parameters/0/$ref").asText());
        assertEquals(List.of("pat", "sat", "at"), strings(parameter(tokens, "kind").at("/schema/enum")));
        assertEquals(List.of("active", "revoked", "expired"), strings(parameter(tokens, "state").at("/schema/enum")));
        assertEquals(List.of("active", "revoked", "expired"), strings(parameter(
                operations.get("GET /api/admin/refresh-token-families"), "state").at("/schema/enum")));
        JsonNode audit = operations.get("GET /api/admin/audit");
        assertEquals("date-time", parameter(audit, "from").at("/schema/format").asText());
        JsonNode events = schema(document, audit.at("/responses/200/content/application~1json/schema"));
        assertEquals("#/components/schemas/AuditEventRepresentation", events.at("/properties/items/items/$ref").asText());
        assertEquals("#/components/parameters/cursor",
                operations.get("GET /api/admin/consents").at("/parameters/1/$ref").asText());
        assertTrue(operations.get("GET /api/admin/apis").path("parameters").isMissingNode(), "the APIs are one page");
        assertEquals("#/components/headers/ETag", operations.get("GET /api/admin/scopes/{name}")
                .at("/responses/200/headers/ETag/$ref").asText());
        assertEquals("#/components/headers/ETag", operations.get("POST /api/admin/scopes")
                .at("/responses/201/headers/ETag/$ref").asText());
        JsonNode patch = operations.get("PATCH /api/admin/scopes/{name}");
        assertTrue(parameter(patch, "If-Match").path("required").asBoolean());
        assertTrue(patch.at("/requestBody/content/application~1merge-patch+json/schema").isObject());
        assertEquals("#/components/responses/conflict", operations.get("POST /api/admin/tokens/{id}/revoke")
                .at("/responses/409/$ref").asText());
        assertTrue(schema(document, operations.get("POST /api/admin/refresh-token-families/revoke")
                .at("/requestBody/content/application~1json/schema")).at("/properties/application").isObject());
    }

    /**
     * The operations of {@link AccountsResource}, whose annotations another change adds: they are exempt until then,
     * and the test fails as soon as one of them is described, so that this exemption goes with it.
     */
    private static final Set<String> NOT_YET_ANNOTATED = Set.of();

    @Test
    void everyOperationIsSummarisedAndItsSuccessHasADescribedSchemaOrIsA204() throws IOException {
        JsonNode document = document();
        List<String> undescribed = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : operations(document).entrySet()) {
            JsonNode operation = entry.getValue();
            List<String> problems = new ArrayList<>();
            if (operation.path("summary").asText().isBlank()) {
                problems.add("no summary");
            }
            List<Map.Entry<String, JsonNode>> successes = operation.path("responses").properties().stream()
                    .filter(r -> r.getKey().startsWith("2")).toList();
            if (successes.isEmpty()) {
                problems.add("no 2xx response");
            }
            for (Map.Entry<String, JsonNode> success : successes) {
                JsonNode content = success.getValue().path("content");
                if (success.getKey().equals("204")) {
                    if (!content.isMissingNode()) {
                        problems.add("a 204 with a body");
                    }
                    continue;
                }
                if (content.isEmpty()) {
                    problems.add(success.getKey() + " without content");
                }
                for (Map.Entry<String, JsonNode> media : content.properties()) {
                    if (!described(document, media.getValue().path("schema"))) {
                        problems.add(success.getKey() + " " + media.getKey() + " without a described schema: "
                                + media.getValue());
                    }
                }
            }
            if (operation.path("requestBody").isObject()) {
                for (Map.Entry<String, JsonNode> media : operation.at("/requestBody/content").properties()) {
                    if (!described(document, media.getValue().path("schema"))) {
                        problems.add("request body " + media.getKey() + " without a described schema");
                    }
                }
            }
            if (NOT_YET_ANNOTATED.contains(operation.path("tags").path(0).asText())) {
                assertFalse(problems.isEmpty(), entry.getKey() + " is described now: drop its exemption");
            } else if (!problems.isEmpty()) {
                undescribed.add(entry.getKey() + ": " + problems);
            }
        }
        assertEquals(List.of(), undescribed);
    }

    /** A schema that says what it is: a resolvable {@code $ref}, or one with a type and a description or properties. */
    private static boolean described(JsonNode document, JsonNode schema) {
        if (schema.has("$ref")) {
            JsonNode target = document.at(schema.path("$ref").asText().substring(1));
            return !target.isMissingNode() && described(document, target);
        }
        boolean typed = schema.has("type") || schema.has("types");
        boolean said = schema.has("description") || schema.path("properties").size() > 0
                || schema.path("items").isObject();
        return typed && said;
    }

    private static Map<String, JsonNode> operations(JsonNode document) {
        return OpenApiSchema.operations(document);
    }

    private static JsonNode parameter(JsonNode operation, String name) {
        for (JsonNode parameter : operation.path("parameters")) {
            if (name.equals(parameter.path("name").asText())) {
                return parameter;
            }
        }
        throw new AssertionError("no parameter " + name + " in " + operation);
    }

    private static JsonNode schema(JsonNode document, JsonNode schema) {
        String ref = schema.path("$ref").asText();
        return ref.isEmpty() ? schema : document.at(ref.substring(1));
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(n -> strings.add(n.asText()));
        return strings;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
