package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The signing keys through the admin API: the listing, "rotate now" and "revoke now". The revocation takes the
 * next key (never the one signing), so the other tests on this server keep their tokens; the server makes a new
 * next key at once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminKeysIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_SECRET = IssuedSecrets.remember("it-admin-service-secret-0123456789abcdefghij");
    private static final String READER_SECRET = IssuedSecrets.remember("it-admin-reader-secret-0123456789abcdefghijk");
    private static final String PROBLEM = "urn:latchkey:problem:";

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @Test
    void aRevokedNextKeyLeavesJwksAtOnceAndIsReplacedAndAudited() throws Exception {
        String admin = token("it-admin-service", ADMIN_SECRET, "latchkey:admin");
        JsonNode keys = JSON.readTree(call("GET", "/api/admin/keys", admin).body()).path("items");
        String next = kidIn(keys, "next");
        String current = kidIn(keys, "current");
        assertTrue(jwksKids().contains(next), "the next key is published before it signs");

        HttpResponse<String> revoked = call("POST", "/api/admin/keys/" + next + "/revoke", admin);
        assertEquals(200, revoked.statusCode(), revoked::body);

        assertFalse(jwksKids().contains(next), "a revoked key leaves JWKS at once");
        JsonNode after = JSON.readTree(revoked.body()).path("items");
        assertEquals(current, kidIn(after, "current"), "the signing key stays");
        String newNext = kidIn(after, "next");
        assertFalse(newNext.equals(next), "a new next key is made");
        assertTrue(jwksKids().contains(newNext));
        JsonNode audit = JSON.readTree(call("GET", "/api/admin/audit?action=signing_key.revoked&target=signing_key:"
                + next, admin).body()).path("items");
        assertEquals(1, audit.size(), audit::toString);
        assertEquals("application:it-admin-service", audit.get(0).path("actor").asText());

        HttpResponse<String> again = call("POST", "/api/admin/keys/" + next + "/revoke", admin);
        assertEquals(404, again.statusCode(), again::body);
        assertEquals(PROBLEM + "not-found", JSON.readTree(again.body()).path("type").asText());
    }

    @Test
    void rotateNowSchedulesEachAlgorithmsNextKeyAndAReaderMayOnlyList() throws Exception {
        String admin = token("it-admin-service", ADMIN_SECRET, "latchkey:admin");
        HttpResponse<String> rotated = call("POST", "/api/admin/keys/rotate", admin);
        assertEquals(200, rotated.statusCode(), rotated::body);
        JsonNode scheduled = JSON.readTree(rotated.body()).path("items");
        assertEquals(1, scheduled.size(), scheduled::toString);
        assertEquals("RS256", scheduled.get(0).path("alg").asText());
        assertTrue(jwksKids().contains(scheduled.get(0).path("next_kid").asText()));

        String reader = token("it-admin-reader", READER_SECRET, "latchkey:admin.read");
        assertEquals(200, call("GET", "/api/admin/keys", reader).statusCode());
        HttpResponse<String> refused = call("POST", "/api/admin/keys/rotate", reader);
        assertEquals(403, refused.statusCode(), refused::body);
        HttpResponse<String> query = call("GET", "/api/admin/keys?state=next", admin);
        assertEquals(400, query.statusCode(), query::body);
        assertEquals(PROBLEM + "invalid-request", JSON.readTree(query.body()).path("type").asText());
        HttpResponse<String> method = call("DELETE", "/api/admin/keys", admin);
        assertEquals(405, method.statusCode(), method::body);
        assertTrue(method.headers().firstValue("Allow").orElse("").contains("GET"), method.headers()::toString);
    }

    private static String kidIn(JsonNode keys, String state) {
        for (JsonNode key : keys) {
            if (key.path("state").asText().equals(state)) {
                return key.path("kid").asText();
            }
        }
        throw new AssertionError("no " + state + " key in " + keys);
    }

    private static List<String> jwksKids() throws Exception {
        HttpResponse<String> jwks = Server.get("/oauth/jwks");
        assertEquals(200, jwks.statusCode());
        List<String> kids = new ArrayList<>();
        JSON.readTree(jwks.body()).path("keys").forEach(key -> kids.add(key.path("kid").asText()));
        return kids;
    }

    private static HttpResponse<String> call(String method, String path, String token) {
        return Server.send(HttpRequest.newBuilder(Server.uri(path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + token).build());
    }

    private static String token(String id, String secret, String scope) throws Exception {
        HttpResponse<String> response = Server.token(id, secret, "grant_type=client_credentials&scope="
                + Server.form(scope));
        assertEquals(200, response.statusCode(), response::body);
        return IssuedSecrets.remember(JSON.readTree(response.body()).path("access_token").asText());
    }
}
