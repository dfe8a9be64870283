package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /api/admin/posture} on the server the import file set up (development mode): the findings its
 * applications earn, counted by severity; a finding fixed by exactly the call it names disappears; read-only
 * callers may review; the start-up log carries the summary.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminPostureIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_SECRET = IssuedSecrets.remember("it-admin-service-secret-0123456789abcdefghij");
    private static final String READER_SECRET = IssuedSecrets.remember("it-admin-reader-secret-0123456789abcdefghijk");
    private static final String POSTURE = "/api/admin/posture";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @Test
    void theImportedApplicationsEarnTheirFindingsCountedBySeverity() throws Exception {
        JsonNode posture = review(token("it-admin-reader", READER_SECRET, "latchkey:admin.read"));
        assertTrue(has(posture, "service_with_admin_scope", "it-admin-service", "high"), posture::toString);
        assertTrue(has(posture, "front_channel_response_types", "it-hybrid", "medium"), "it puts access tokens in "
                + "the front channel");
        assertTrue(has(posture, "front_channel_response_types", "it-relaxed", "low"), "id_token only");
        assertTrue(has(posture, "pkce_optional", "it-relaxed", "low"));
        assertTrue(has(posture, "implicit_by_fragment", "it-relaxed", "low"));
        assertTrue(has(posture, "public_client_refresh_tokens", "it-native", "medium"));
        assertFalse(has(posture, "public_client_refresh_tokens", "it-spa", "medium"), "no refresh tokens for it");
        assertFalse(has(posture, "service_with_admin_scope", "it-admin-reader", "high"), "admin.read only");
        assertFalse(has(posture, "service_with_admin_scope", "latchkey-admin", "high"),
                "the built-in application while nobody uses its secret");
        assertEquals(0, findingsOf(posture, "insecure_redirect_uris").size(), "development mode permits them");
        assertEquals(0, findingsOf(posture, "unused_application").size(), "every application is days younger than 90");

        Map<String, Integer> counted = new HashMap<>();
        posture.path("findings").forEach(f -> counted.merge(f.path("severity").asText(), 1, Integer::sum));
        for (String severity : List.of("high", "medium", "low", "info")) {
            assertEquals(counted.getOrDefault(severity, 0), posture.path("summary").path(severity).asInt(-1), severity);
        }
        List<String> order = new ArrayList<>();
        posture.path("findings").forEach(f -> order.add(f.path("severity").asText()));
        List<String> sorted = new ArrayList<>(order);
        sorted.sort((a, b) -> List.of("high", "medium", "low", "info").indexOf(a)
                - List.of("high", "medium", "low", "info").indexOf(b));
        assertEquals(sorted, order, "most urgent first");
    }

    @Test
    void aFindingFixedByTheCallItNamesDisappears() throws Exception {
        String admin = token("it-admin-service", ADMIN_SECRET, "latchkey:admin");
        String nativeId = "it-posture-native-" + RUN;
        String serviceId = "it-posture-service-" + RUN;
        assertEquals(201, send("POST", "/api/admin/applications", admin, "application/json",
                Map.of(), """
                {"client_id": "%s", "type": "native", "redirect_uris": ["http://127.0.0.1/cb"],
                 "scopes": ["openid", "offline_access"], "refresh_tokens": true}""".formatted(nativeId)).statusCode());
        assertEquals(201, send("POST", "/api/admin/applications", admin, "application/json", Map.of(), """
                {"client_id": "%s", "type": "m2m", "scopes": ["latchkey:admin", "orders:read"]}"""
                .formatted(serviceId)).statusCode());

        JsonNode before = review(admin);
        JsonNode refresh = only(before, "public_client_refresh_tokens", nativeId);
        assertEquals("medium", refresh.path("severity").asText());
        assertEquals("PATCH", refresh.path("fix").path("method").asText());
        assertEquals("/api/admin/applications/" + nativeId, refresh.path("fix").path("path").asText());
        assertEquals("\"0\"", refresh.path("fix").path("if_match").asText());
        assertEquals(JSON.readTree("{\"refresh_tokens\": false}"), refresh.path("fix").path("body"));
        JsonNode adminScope = only(before, "service_with_admin_scope", serviceId);
        assertEquals("high", adminScope.path("severity").asText());
        assertFalse(adminScope.path("evidence").isEmpty());

        apply(refresh.path("fix"), admin);
        apply(adminScope.path("fix"), admin);

        JsonNode after = review(admin);
        assertFalse(has(after, "public_client_refresh_tokens", nativeId, "medium"), after::toString);
        assertFalse(has(after, "service_with_admin_scope", serviceId, "high"), after::toString);
        JsonNode service = JSON.readTree(send("GET", "/api/admin/applications/" + serviceId, admin, null, Map.of(),
                null).body());
        assertEquals("[\"orders:read\"]", service.path("scopes").toString(), "only the admin scope was taken away");
        assertEquals(before.path("summary").path("high").asInt() - 1, after.path("summary").path("high").asInt());
    }

    @Test
    void readersMayReviewOthersMayNotAndTheQueryIsChecked() throws Exception {
        assertEquals(401, Server.send(HttpRequest.newBuilder(Server.uri(POSTURE)).GET().build()).statusCode());
        String reader = token("it-admin-reader", READER_SECRET, "latchkey:admin.read");
        HttpResponse<String> ok = send("GET", POSTURE, reader, null, Map.of(), null);
        assertEquals(200, ok.statusCode(), ok::body);
        assertTrue(ok.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        HttpResponse<String> query = send("GET", POSTURE + "?severity=high", reader, null, Map.of(), null);
        assertEquals(400, query.statusCode(), query::body);
        assertEquals(403, send("POST", POSTURE, reader, "application/json", Map.of(), "{}").statusCode(),
                "a reader may not write");
        String admin = token("it-admin-service", ADMIN_SECRET, "latchkey:admin");
        assertEquals(405, send("POST", POSTURE, admin, "application/json", Map.of(), "{}").statusCode(),
                "the review is read-only");
    }

    @Test
    void theStartUpLogSummarisesTheReview() throws Exception {
        String logs = applicationLogs();
        for (String severity : List.of("high", "medium", "low", "info")) {
            assertTrue(logs.matches("(?s).*posture review: \\d+ " + severity + " findings?.*"), severity + " line in "
                    + "the server log");
        }
        assertTrue(logs.contains("posture review: high: service_with_admin_scope application:it-admin-service"),
                "one line per high finding");
        assertFalse(logs.contains("it-admin-service-secret"), "no secret");
    }

    // ---- helpers

    private static JsonNode review(String token) throws Exception {
        HttpResponse<String> response = send("GET", POSTURE, token, null, Map.of(), null);
        assertEquals(200, response.statusCode(), response::body);
        return JSON.readTree(response.body());
    }

    private static List<JsonNode> findingsOf(JsonNode posture, String rule) {
        List<JsonNode> found = new ArrayList<>();
        posture.path("findings").forEach(f -> {
            if (f.path("rule").asText().equals(rule)) {
                found.add(f);
            }
        });
        return found;
    }

    private static boolean has(JsonNode posture, String rule, String subject, String severity) {
        return findingsOf(posture, rule).stream().anyMatch(f -> f.path("subject").path("id").asText().equals(subject)
                && f.path("severity").asText().equals(severity));
    }

    private static JsonNode only(JsonNode posture, String rule, String subject) {
        List<JsonNode> found = findingsOf(posture, rule).stream()
                .filter(f -> f.path("subject").path("id").asText().equals(subject)).toList();
        assertEquals(1, found.size(), posture::toString);
        assertEquals("application", found.get(0).path("subject").path("kind").asText());
        return found.get(0);
    }

    /** Sends exactly the call a finding's fix names. */
    private static void apply(JsonNode fix, String token) {
        Map<String, String> headers = fix.hasNonNull("if_match") ? Map.of("If-Match", fix.path("if_match").asText())
                : Map.of();
        String method = fix.path("method").asText();
        String contentType = method.equals("PATCH") ? "application/merge-patch+json" : "application/json";
        HttpResponse<String> done = send(method, fix.path("path").asText(), token,
                fix.hasNonNull("body") ? contentType : null, headers,
                fix.hasNonNull("body") ? fix.path("body").toString() : null);
        assertEquals(200, done.statusCode(), done::body);
    }

    private static HttpResponse<String> send(String method, String path, String token, String contentType,
                                             Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Server.uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return Server.send(request.build());
    }

    private static String token(String id, String secret, String scope) throws Exception {
        HttpResponse<String> response = Server.token(id, secret, "grant_type=client_credentials&scope="
                + Server.form(scope));
        assertEquals(200, response.statusCode(), response::body);
        return IssuedSecrets.remember(JSON.readTree(response.body()).path("access_token").asText());
    }

    /** Every log file of the server but the container's access log. */
    private static String applicationLogs() throws Exception {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> walk = Files.walk(Path.of(System.getProperty("it.server.logs")))) {
            for (Path file : walk.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().contains("access")).toList()) {
                text.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).append('\n');
            }
        }
        return text.toString();
    }
}
