package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.testing.OpenApiSchema;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /api/admin/openapi.json} from the running server: an admin token (read-only suffices) gets the
 * document the deployed resources describe, valid by the official OAS 3.1 schema; anyone else gets the admin
 * API's refusals. The document is saved (system property {@value #SAVED}) for {@link AdminApiCoverageIT}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminOpenApiIT {
    static final String SAVED = "it.admin.openapi";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCUMENT = "/api/admin/openapi.json";
    private static final String READER = "it-admin-reader";
    private static final String READER_SECRET = IssuedSecrets.remember("it-admin-reader-secret-0123456789abcdefghijk");

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @Test
    void anAdminReaderGetsAValidOpenApi31DocumentOfTheDeployedApi() throws Exception {
        HttpResponse<String> response = get(DOCUMENT, readerToken());
        assertEquals(200, response.statusCode(), response::body);
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode document = JSON.readTree(response.body());
        assertEquals(List.of(), OpenApiSchema.violations(document));
        assertEquals("3.1.0", document.path("openapi").asText());
        assertEquals(Server.ISSUER, document.at("/servers/0/url").asText(), "paths are relative to the issuer");
        assertTrue(document.at("/paths/~1api~1admin~1applications/get/responses/200").isObject());
        assertEquals("bearer", document.at("/components/securitySchemes/admin_token/scheme").asText());
        String saved = System.getProperty(SAVED);
        if (saved != null) {
            Files.createDirectories(Path.of(saved).getParent());
            Files.writeString(Path.of(saved), response.body(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void withoutATokenThereIsOnlyTheChallenge() throws Exception {
        HttpResponse<String> response = get(DOCUMENT, null);
        assertEquals(401, response.statusCode());
        assertEquals("Bearer realm=\"latchkey-admin\"", response.headers().firstValue("WWW-Authenticate").orElseThrow());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(!response.body().contains("openapi"), response::body);
    }

    @Test
    void aQueryParameterIsRefused() throws Exception {
        HttpResponse<String> response = get(DOCUMENT + "?format=yaml", readerToken());
        assertEquals(400, response.statusCode(), response::body);
        JsonNode problem = JSON.readTree(response.body());
        assertEquals("urn:latchkey:problem:invalid-request", problem.path("type").asText());
        assertEquals("format", problem.at("/violations/0/field").asText());
    }

    @Test
    void jerseysOwnWadlStaysOff() {
        for (String wadl : List.of("/application.wadl", "/api/application.wadl", "/api/admin/application.wadl")) {
            HttpResponse<String> response = get(wadl, null);
            assertTrue(response.statusCode() == 404 || response.statusCode() == 401, wadl + ": " + response.statusCode());
            assertTrue(!response.body().contains("<application"), wadl + " served a WADL");
        }
    }

    private static HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Server.uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return Server.send(request.build());
    }

    private static String readerToken() throws Exception {
        HttpResponse<String> response = Server.token(READER, READER_SECRET,
                "grant_type=client_credentials&scope=" + Server.form("latchkey:admin.read"));
        assertEquals(200, response.statusCode(), response::body);
        return IssuedSecrets.remember(JSON.readTree(response.body()).path("access_token").asText());
    }
}
