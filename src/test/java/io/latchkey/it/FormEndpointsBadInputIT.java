package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The malformed requests of issue 10 against every form endpoint, each answered 400 {@code invalid_request}:
 * the RFC 6749 JSON body on the OAuth endpoints, the readable error page (code visible) on the pages and on
 * the authorization and logout endpoints; never a 500. Truncated bodies and bad chunk headers go over a raw
 * socket, as no HTTP client sends them. Also {@code response_type=token}, answered in the fragment.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FormEndpointsBadInputIT {
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final URI BASE = URI.create(Server.ISSUER);
    /** Endpoints whose errors are RFC 6749 JSON. */
    private static final List<String> JSON_ENDPOINTS = List.of("/oauth/token", "/oauth/introspect", "/oauth/revoke",
            "/oauth/userinfo");
    /** Endpoints whose errors are the error page. */
    private static final List<String> PAGE_ENDPOINTS = List.of("/oauth/authorize", "/oauth/logout", "/login",
            "/consent", "/account/tokens", "/account/tokens/revoke", "/account/applications/revoke");

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    /** Why a response is not the 400 error page with invalid_request, or null. */
    private static String notAnErrorPage(int status, String contentType, String body) {
        if (status != 400) {
            return "status " + status + " " + abbreviate(body);
        }
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("text/html")) {
            return "not a page: " + contentType;
        }
        if (!body.contains("invalid_request")) {
            return "the page does not show invalid_request: " + abbreviate(body);
        }
        if (body.contains("Exception") || body.contains("\tat ")) {
            return "a stack trace: " + abbreviate(body);
        }
        return null;
    }

    /** Why a response is not 400 with the RFC 6749 JSON body invalid_request, or null. */
    private static String notAnInvalidRequestJson(int status, String contentType, String body) {
        if (status != 400) {
            return "status " + status + " " + abbreviate(body);
        }
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return "not JSON: " + contentType;
        }
        if (!body.contains("\"error\":\"invalid_request\"")) {
            return "not invalid_request: " + abbreviate(body);
        }
        return null;
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    private static String check(HttpResponse<String> response) {
        return notAnErrorPage(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    private static HttpRequest.Builder post(String path, String contentType, byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(Server.uri(path)).header("Accept", "text/html");
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return builder.POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void malformedPostsToThePagesAndTheBrowserEndpointsAreA400Page() {
        Map<String, HttpRequest> requests = new LinkedHashMap<>();
        requests.put("POST /login without Content-Type",
                post("/login", null, ascii("username=alice&password=x&csrf=y")).build());
        requests.put("POST /login with charset=bogus",
                post("/login", FORM + "; charset=bogus", ascii("username=alice&password=x&csrf=y")).build());
        requests.put("POST /oauth/logout with charset=utf-16", post("/oauth/logout", FORM + "; charset=utf-16",
                ("client_id=" + Server.WEB_ID + "&state=abc").getBytes(StandardCharsets.UTF_16)).build());
        requests.put("POST /oauth/authorize without a body", post("/oauth/authorize", null, null).build());
        requests.put("POST /oauth/logout without a body", post("/oauth/logout", null, null).build());
        requests.put("POST /oauth/authorize with an empty form", post("/oauth/authorize", FORM, new byte[0]).build());
        requests.put("POST /consent with charset=utf-16", post("/consent", FORM + "; charset=utf-16",
                "decision=allow".getBytes(StandardCharsets.UTF_16)).build());
        requests.put("POST /account/tokens as JSON", post("/account/tokens", "application/json",
                ascii("{\"lifetime_days\":1}")).build());
        requests.put("POST /account/applications/revoke with a bad escape", post("/account/applications/revoke", FORM,
                ascii("csrf=x&client_id=%ZZ")).build());
        requests.put("POST /login with a repeated field", post("/login", FORM,
                ascii("csrf=x&username=alice&username=bob&password=y")).build());
        List<String> failures = new ArrayList<>();
        requests.forEach((name, request) -> {
            String problem = check(Server.send(request));
            if (problem != null) {
                failures.add(name + ": " + problem);
            }
        });
        assertEquals(List.of(), failures);
    }

    @Test
    void aLoginWithTheRightCsrfButNoUsernameIsTheLoginPageAgainWithAMessage() {
        CookieBrowser browser = new CookieBrowser();
        String csrf = CookieBrowser.form(browser.get(Server.ISSUER + "/login")).field("csrf");

        HttpResponse<String> response = browser.post(Server.ISSUER + "/login",
                Map.of("csrf", csrf, "password", Authorization.ALICE_PASSWORD));

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("name=\"password\""), "the login page again: " + response.body());
        assertTrue(response.body().contains("Enter your username and password."), response.body());
        assertFalse(browser.cookie(CookieBrowser.SESSION_COOKIE).isPresent());
    }

    @Test
    void aNulInTheUsernameIsRefusedNotStripped() {
        CookieBrowser browser = new CookieBrowser();
        String csrf = CookieBrowser.form(browser.get(Server.ISSUER + "/login")).field("csrf");
        for (String username : List.of("alice%00", "al%00ice", "%00alice")) {
            HttpResponse<String> response = browser.send(post("/login", FORM, ascii("csrf=" + csrf + "&username="
                    + username + "&password=" + Server.form(Authorization.ALICE_PASSWORD))).build());
            assertEquals(null, check(response), username);
            assertFalse(browser.cookie(CookieBrowser.SESSION_COOKIE).isPresent(), username + " signed in");
        }
    }

    @Test
    void aLifetimeThatOverflowsIsAMarkedFieldNotA500() {
        CookieBrowser browser = new CookieBrowser();
        String csrf = CookieBrowser.form(browser.get(Server.ISSUER + "/login")).field("csrf");
        HttpResponse<String> signedIn = browser.post(Server.ISSUER + "/login",
                Map.of("csrf", csrf, "username", Authorization.ALICE, "password", Authorization.ALICE_PASSWORD));
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        HttpResponse<String> page = browser.get(Server.ISSUER + "/account/tokens");
        assertEquals(200, page.statusCode(), page.body());
        String tokensCsrf = CookieBrowser.form(page).field("csrf");

        for (String days : List.of("106751991167301", "9223372036854775808", "0", "-1", "1e9")) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("csrf", tokensCsrf);
            fields.put("kind", "pat");
            fields.put("name", "overflow");
            fields.put("client_id", "it-pat-app");
            fields.put("scope", "orders:read");
            fields.put("lifetime_days", days);
            HttpResponse<String> response = browser.post(Server.ISSUER + "/account/tokens", fields);
            // The form again, the field marked (no longer the whole-page error that lost what was typed).
            assertEquals(400, response.statusCode(), "lifetime_days=" + days + ": " + response.body());
            assertTrue(response.body().contains("id=\"lifetime_days-error\""), response.body());
            assertTrue(response.body().contains("value=\"" + days + "\""), response.body());
            assertFalse(response.body().contains("Exception") || response.body().contains("\tat "), response.body());
        }
    }

    @Test
    void anAuthorizationOrLogoutQueryThatCannotBeDecodedIsA400PageAndNoRedirect() {
        String valid = Authorization.web().set("state", null).uri().getRawQuery();
        List<String> failures = new ArrayList<>();
        for (String path : List.of("/oauth/authorize?" + valid + "&", "/oauth/logout?client_id=" + Server.WEB_ID + "&")) {
            for (String bad : List.of("state=%ZZ", "state=%C3%28", "state=%", "state=a%00b")) {
                RawResponse response = raw("GET " + BASE.getPath() + path + bad + " HTTP/1.1\r\n"
                        + "Host: " + BASE.getHost() + "\r\nAccept: text/html\r\nConnection: close\r\n\r\n", new byte[0], false);
                String problem = refusedByUndertow(response) ? null
                        : notAnErrorPage(response.status(), response.header("Content-Type"), response.body());
                if (problem == null && !response.header("Location").isEmpty()) {
                    problem = "redirects to " + response.header("Location");
                }
                if (problem != null) {
                    failures.add(path.substring(0, path.indexOf('?')) + " " + bad + ": " + problem);
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    /**
     * RFC 6749 §3.1: no parameter twice. Before the redirect URI is verified (state is part of that step) the
     * refusal is a page; after it, an invalid_request redirected to the client.
     */
    @Test
    void aRepeatedAuthorizationParameterIsRefused() {
        Authorization request = Authorization.web();
        String query = request.uri().getRawQuery();
        HttpResponse<String> twoStates = new CookieBrowser().get(Server.ISSUER + "/oauth/authorize?" + query + "&state=x");
        assertEquals(null, check(twoStates));
        assertFalse(twoStates.headers().firstValue("Location").isPresent());

        String location = CookieBrowser.seeOther(new CookieBrowser().get(Server.ISSUER + "/oauth/authorize?" + query
                + "&nonce=again"));
        assertTrue(location.startsWith(request.redirectUri() + "?error=invalid_request&"), location);
        assertTrue(location.contains("&state=" + request.state().getValue()), location);
    }

    /** Content-Length promises 200 bytes, the client sends 20 and closes its side. */
    @Test
    void aTruncatedBodyIsAnInvalidRequestOnEveryFormEndpoint() {
        List<String> failures = new ArrayList<>();
        for (String path : all()) {
            RawResponse response = raw("POST " + BASE.getPath() + path + " HTTP/1.1\r\nHost: " + BASE.getHost()
                    + "\r\nContent-Type: " + FORM + "\r\nContent-Length: 200\r\n" + accept(path)
                    + "Connection: close\r\n\r\n", ascii("grant_type=client_cr"), true);
            String problem = expected(path, response);
            if (problem != null) {
                failures.add(path + ": " + problem);
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void aBadChunkHeaderIsAnInvalidRequestOnEveryFormEndpoint() {
        List<String> failures = new ArrayList<>();
        for (String path : all()) {
            RawResponse response = raw("POST " + BASE.getPath() + path + " HTTP/1.1\r\nHost: " + BASE.getHost()
                    + "\r\nContent-Type: " + FORM + "\r\nTransfer-Encoding: chunked\r\n" + accept(path)
                    + "Connection: close\r\n\r\n", ascii("5\r\ncsrf=\r\nZZ-not-hex\r\nabc\r\n0\r\n\r\n"), false);
            String problem = expected(path, response);
            if (problem != null) {
                failures.add(path + ": " + problem);
            }
        }
        assertEquals(List.of(), failures);
    }

    /** RFC 6749 §4.2.2.1, Multiple Response Type Encoding Practices §5: the implicit type's error is in the fragment. */
    @Test
    void responseTypeTokenIsRefusedInTheFragmentWithStateAndIss() {
        for (String type : List.of("token", "id_token token", "code token")) {
            Authorization request = Authorization.web().set("response_type", type);
            HttpResponse<String> response = new CookieBrowser().authorize(request);
            String location = CookieBrowser.seeOther(response);
            assertTrue(location.startsWith(request.redirectUri() + "#"), type + ": " + location);
            Map<String, List<String>> parameters = RelyingParty.parse(URI.create(location).getRawFragment());
            assertTrue(List.of(List.of("unsupported_response_type"), List.of("unauthorized_client"))
                    .contains(parameters.get("error")), type + ": " + location);
            assertEquals(List.of(request.state().getValue()), parameters.get("state"), location);
            assertEquals(List.of(Server.ISSUER), parameters.get("iss"), location);
        }
        Authorization formPost = Authorization.web().set("response_type", "token").set("response_mode", "form_post");
        HttpResponse<String> page = new CookieBrowser().authorize(formPost);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("unsupported_response_type"), page.body());
    }

    private static List<String> all() {
        List<String> paths = new ArrayList<>(JSON_ENDPOINTS);
        paths.addAll(PAGE_ENDPOINTS);
        return paths;
    }

    /** What a browser asks for on a page, what a client asks for on an OAuth endpoint. */
    private static String accept(String path) {
        return "Accept: " + (JSON_ENDPOINTS.contains(path) ? "application/json" : "text/html") + "\r\n";
    }

    /**
     * Why the answer to a body the container could not read is wrong, or null. Latchkey answers 400
     * invalid_request in the endpoint's shape; Tomcat 10.1, though, answers such a read itself
     * ({@code InputBuffer} calls {@code sendError(400)} before the application sees the IOException), so
     * its bare status page (showReport=false) is accepted too: still a 400, never a 500, never a stack trace.
     */
    private static String expected(String path, RawResponse response) {
        if (refusedByUndertow(response)) {
            return null;
        }
        return JSON_ENDPOINTS.contains(path)
                ? notAnInvalidRequestJson(response.status(), response.header("Content-Type"), response.body())
                : notAnErrorPage(response.status(), response.header("Content-Type"), response.body());
    }

    /**
     * WildFly's Undertow refuses some requests itself before Latchkey runs: a query it cannot decode gets an
     * empty 400, a bad chunk header a closed connection. Neither carries anything; on Tomcat every such request
     * reaches Latchkey, which answers it.
     */
    private static boolean refusedByUndertow(RawResponse response) {
        return "wildfly".equals(System.getProperty("it.server"))
                && (response.status() == -1 || response.status() == 400 && response.body().isEmpty());
    }

    /** A response read off a raw socket: status, headers (lower-case names), body as text (chunk sizes included). */
    record RawResponse(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    /** Sends bytes no HTTP client would, and reads the answer up to the server's close. */
    private static RawResponse raw(String head, byte[] body, boolean halfClose) {
        try (Socket socket = new Socket(BASE.getHost(), BASE.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            if (halfClose) {
                socket.shutdownOutput();
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                received.write(buffer, 0, n);
            }
            String text = received.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return new RawResponse(-1, Map.of(), text);
            }
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            return new RawResponse(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
