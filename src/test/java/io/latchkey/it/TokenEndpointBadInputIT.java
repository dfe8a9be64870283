package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Malformed and unauthorised token requests, each with the exact status and RFC 6749 §5.2 error, always as
 * a JSON body with {@code Cache-Control: no-store}, never a stack trace or the container's page.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TokenEndpointBadInputIT {
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String CC = "grant_type=client_credentials";

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    /** One malformed request and what the server must answer. */
    record Case(String name, String method, String contentType, byte[] body, String authorization,
                int status, String error) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        String basic = Server.basic(Server.SERVICE_ID, Server.SERVICE_SECRET);
        String post = "&client_id=" + Server.SERVICE_ID + "&client_secret=" + Server.form(Server.SERVICE_SECRET);
        List<Case> cases = new ArrayList<>();
        // request shape: parameters
        cases.add(post("no grant_type", "scope=orders%3Aread", basic, 400, "invalid_request"));
        cases.add(post("empty grant_type", "grant_type=", basic, 400, "invalid_request"));
        cases.add(post("empty body", "", basic, 400, "invalid_request"));
        cases.add(post("repeated grant_type", CC + "&" + CC, basic, 400, "invalid_request"));
        cases.add(post("repeated scope", CC + "&scope=orders%3Aread&scope=orders%3Aread", basic, 400, "invalid_request"));
        cases.add(post("repeated client_id", CC + post + "&client_id=" + Server.SERVICE_ID, null, 400, "invalid_request"));
        cases.add(post("parameter without a name", "=x&" + CC, basic, 400, "invalid_request"));
        cases.add(post("bad percent escape", CC + "&scope=%G1", basic, 400, "invalid_request"));
        cases.add(post("truncated percent escape", CC + "&scope=%4", basic, 400, "invalid_request"));
        cases.add(post("percent-encoded non-UTF-8 byte", CC + "&scope=%FF", basic, 400, "invalid_request"));
        cases.add(new Case("raw non-UTF-8 byte", "POST", FORM,
                concat(CC + "&scope=caf", new byte[] {(byte) 0xE9}), basic, 400, "invalid_request"));
        cases.add(new Case("1 MB body", "POST", FORM,
                (CC + "&padding=" + "a".repeat(1024 * 1024)).getBytes(StandardCharsets.US_ASCII), basic, 400,
                "invalid_request"));
        // request shape: media type
        cases.add(new Case("JSON body", "POST", "application/json",
                "{\"grant_type\":\"client_credentials\"}".getBytes(StandardCharsets.UTF_8), basic, 400, "invalid_request"));
        cases.add(new Case("text/plain body", "POST", "text/plain", CC.getBytes(StandardCharsets.UTF_8), basic, 400,
                "invalid_request"));
        cases.add(new Case("no Content-Type", "POST", null, CC.getBytes(StandardCharsets.UTF_8), basic, 400,
                "invalid_request"));
        cases.add(new Case("ISO-8859-1 charset", "POST", FORM + "; charset=ISO-8859-1",
                CC.getBytes(StandardCharsets.UTF_8), basic, 400, "invalid_request"));
        cases.add(new Case("multipart body", "POST", "multipart/form-data; boundary=x",
                ("--x\r\nContent-Disposition: form-data; name=\"grant_type\"\r\n\r\nclient_credentials\r\n--x--\r\n")
                        .getBytes(StandardCharsets.UTF_8), basic, 400, "invalid_request"));
        cases.add(new Case("GET on the token endpoint", "GET", null, null, basic, 405, "invalid_request"));
        cases.add(new Case("PUT on the token endpoint", "PUT", FORM, CC.getBytes(StandardCharsets.UTF_8), basic, 405,
                "invalid_request"));
        // grant type
        cases.add(post("unknown grant_type", "grant_type=foo", basic, 400, "unsupported_grant_type"));
        cases.add(post("grant_type in upper case", "grant_type=CLIENT_CREDENTIALS", basic, 400, "unsupported_grant_type"));
        cases.add(post("password grant is not enabled", "grant_type=password&username=a&password=b", basic, 400,
                "unsupported_grant_type"));
        cases.add(post("spa asking for client_credentials", CC + "&client_id=" + Server.SPA_ID, null, 400,
                "unauthorized_client"));
        cases.add(post("web application asking for client_credentials", CC,
                Server.basic(Server.WEB_ID, Server.WEB_SECRET), 400, "unauthorized_client"));
        // client authentication
        cases.add(post("no client authentication", CC, null, 401, "invalid_client"));
        cases.add(post("unknown client with Basic", CC, Server.basic("nobody", "secret-of-nobody-0123456789"), 401,
                "invalid_client"));
        cases.add(post("unknown client in the body", CC + "&client_id=nobody&client_secret=secret-of-nobody", null, 401,
                "invalid_client"));
        cases.add(post("wrong secret in the body", CC + "&client_id=" + Server.SERVICE_ID + "&client_secret=wrong", null,
                401, "invalid_client"));
        cases.add(post("disabled application", CC, Server.basic(Server.DISABLED_ID, Server.DISABLED_SECRET), 401,
                "invalid_client"));
        cases.add(post("confidential client without its secret", CC + "&client_id=" + Server.SERVICE_ID, null, 401,
                "invalid_client"));
        cases.add(post("public client sending a secret", CC + "&client_id=" + Server.SPA_ID
                + "&client_secret=made-up-secret-for-a-public-client", null, 401, "invalid_client"));
        cases.add(post("client_secret without client_id", CC + "&client_secret=orphan-secret", null, 400,
                "invalid_request"));
        cases.add(post("Basic and client_secret both", CC + "&client_secret=" + Server.form(Server.SERVICE_SECRET), basic,
                400, "invalid_request"));
        cases.add(post("Basic and a different client_id", CC + "&client_id=" + Server.WEB_ID, basic, 400,
                "invalid_request"));
        cases.add(post("Basic that is not base64", CC, "Basic !!!not-base64!!!", 401, "invalid_client"));
        cases.add(post("Basic without a colon", CC, "Basic " + b64("no-colon-here".getBytes(StandardCharsets.UTF_8)), 401,
                "invalid_client"));
        cases.add(post("Basic with non-UTF-8 bytes", CC, "Basic " + b64(new byte[] {'i', 'd', ':', (byte) 0xC3, (byte) 0x28}),
                401, "invalid_client"));
        cases.add(post("Basic with a bad percent escape", CC, "Basic " + b64("it-service:%zz".getBytes(StandardCharsets.UTF_8)),
                401, "invalid_client"));
        cases.add(post("Basic with an empty client id", CC, "Basic " + b64(":secret".getBytes(StandardCharsets.UTF_8)), 401,
                "invalid_client"));
        cases.add(post("Basic with no credentials", CC, "Basic ", 401, "invalid_client"));
        cases.add(post("Bearer instead of client authentication", CC, "Bearer some.token.value", 401, "invalid_client"));
        // scope policy
        cases.add(post("scope outside the policy", CC + "&scope=admin", basic, 400, "invalid_scope"));
        cases.add(post("one scope outside the policy", CC + "&scope=orders%3Aread+orders%3Adelete", basic, 400,
                "invalid_scope"));
        cases.add(post("scope with a double space", CC + "&scope=orders%3Aread++orders%3Awrite", basic, 400,
                "invalid_scope"));
        cases.add(post("scope with a quote", CC + "&scope=%22orders%22", basic, 400, "invalid_scope"));
        cases.add(post("no scope and no default scope", CC,
                Server.basic(Server.NO_DEFAULT_ID, Server.NO_DEFAULT_SECRET), 400, "invalid_scope"));
        return cases.stream();
    }

    @Test
    void everyMalformedTokenRequestGetsItsExactStatusAndError() throws Exception {
        List<Case> all = cases().toList();
        assertTrue(all.size() >= 30, "at least 30 cases");
        List<String> failures = new ArrayList<>();
        for (Case c : all) {
            HttpResponse<String> response = Server.send(request(c));
            String problem = check(c, response);
            if (problem != null) {
                failures.add(c.name() + ": " + problem);
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void unknownPathsAnswerWithJsonNotTheContainersPage() throws Exception {
        HttpResponse<String> response = Server.get("/oauth/nothing-here");
        assertEquals(404, response.statusCode());
        Map<String, Object> body = JSONObjectUtils.parse(response.body());
        assertEquals("invalid_request", body.get("error"));
    }

    @Test
    void peopleGetAReadableErrorPageWithTheCodeAndNothingEchoed() {
        HttpResponse<String> response = Server.send(HttpRequest.newBuilder(Server.uri("/%3Cscript%3Ealert(1)%3C/script%3E"))
                .header("Accept", "text/html").GET().build());
        assertEquals(404, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(response.body().contains("invalid_request"));
        assertFalse(response.body().contains("<script>"));
    }

    private static String check(Case c, HttpResponse<String> response) throws Exception {
        if (response.statusCode() != c.status()) {
            return "status " + response.statusCode() + " instead of " + c.status() + " " + response.body();
        }
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            return "not JSON: " + response.headers().firstValue("Content-Type");
        }
        if (!"no-store".equals(response.headers().firstValue("Cache-Control").orElse(""))) {
            return "no Cache-Control: no-store";
        }
        Map<String, Object> body = JSONObjectUtils.parse(response.body());
        if (!c.error().equals(body.get("error"))) {
            return "error " + body.get("error") + " instead of " + c.error();
        }
        if (!(body.get("error_description") instanceof String description) || description.contains("Exception")) {
            return "bad error_description " + body.get("error_description");
        }
        boolean basicUsed = c.authorization() != null && c.authorization().regionMatches(true, 0, "Basic ", 0, 6)
                || c.authorization() != null && c.authorization().startsWith("Bearer");
        if (c.status() == 401 && basicUsed
                && !response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm=")) {
            return "401 after Authorization header without a Basic challenge";
        }
        return null;
    }

    private static HttpRequest request(Case c) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(Server.uri("/oauth/token"));
        if (c.contentType() != null) {
            builder.header("Content-Type", c.contentType());
        }
        if (c.authorization() != null) {
            builder.header("Authorization", c.authorization());
        }
        HttpRequest.BodyPublisher body = c.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(c.body());
        return builder.method(c.method(), body).build();
    }

    private static Case post(String name, String body, String authorization, int status, String error) {
        return new Case(name, "POST", FORM, body.getBytes(StandardCharsets.UTF_8), authorization, status, error);
    }

    private static byte[] concat(String text, byte[] tail) {
        byte[] head = text.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
