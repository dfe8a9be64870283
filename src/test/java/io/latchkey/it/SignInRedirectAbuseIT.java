package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.id.Issuer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The authorization endpoint against requests a relying party should never send: redirect URIs that are
 * not registered or only nearly so (never redirected to: an error page), and requests that are refused
 * after the redirect URI is verified (redirected with error, state and iss).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SignInRedirectAbuseIT {
    private static final String WEB = Authorization.WEB_CALLBACK;

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    /** A redirect URI a client presents, and why it is not the registered one. */
    record NearMiss(String clientId, String redirectUri, String why) {
    }

    static List<NearMiss> nearMisses() {
        String web = Server.WEB_ID;
        String nat = Authorization.NATIVE_ID;
        return List.of(
                new NearMiss(web, WEB + "/", "trailing slash"),
                new NearMiss(web, "http://127.0.0.1:28765/Web/callback", "case of the path"),
                new NearMiss(web, "HTTP://127.0.0.1:28765/web/callback", "case of the scheme"),
                new NearMiss(web, "https://APP.example.test/callback", "case of the host"),
                new NearMiss(web, WEB + "/extra", "extra path segment"),
                new NearMiss(web, WEB + "x", "longer last segment"),
                new NearMiss(web, "http://127.0.0.1:28765/web", "shorter path"),
                new NearMiss(web, "http://127.0.0.1:28765/web/../web/callback", "dot segments"),
                new NearMiss(web, "http://127.0.0.1:28765/web/./callback", "single dot segment"),
                new NearMiss(web, WEB + "?next=https://evil.example/", "query added"),
                new NearMiss(web, WEB + "?", "empty query added"),
                new NearMiss(web, WEB + "#fragment", "fragment"),
                new NearMiss(web, WEB + "#", "empty fragment"),
                new NearMiss(web, "http://evil@127.0.0.1:28765/web/callback", "userinfo"),
                new NearMiss(web, "http://127.0.0.1:28765@evil.example/web/callback", "userinfo hiding another host"),
                new NearMiss(web, "https://127.0.0.1:28765/web/callback", "https instead of http"),
                new NearMiss(web, "http://app.example.test/callback", "http instead of https"),
                new NearMiss(web, "http://127.0.0.1:28766/web/callback", "port change for a web application"),
                new NearMiss(web, "http://127.0.0.1/web/callback", "port left out"),
                new NearMiss(web, "https://app.example.test:443/callback", "default port spelled out"),
                new NearMiss(web, "http://localhost:28765/web/callback", "localhost for 127.0.0.1"),
                new NearMiss(web, "http://[::1]:28765/web/callback", "IPv6 loopback for 127.0.0.1"),
                new NearMiss(web, "https://app.example.test./callback", "trailing dot on the host"),
                new NearMiss(web, "https://evil.app.example.test/callback", "subdomain"),
                new NearMiss(web, "https://app.example.test.evil.example/callback", "registered host as a prefix"),
                new NearMiss(web, "http://127.0.0.1:28765/web%2Fcallback", "encoded slash"),
                new NearMiss(web, "http://127.0.0.1:28765/web/%63allback", "encoded unreserved character"),
                new NearMiss(web, "http://127.0.0.1:28765/web/callback%00", "encoded NUL"),
                new NearMiss(web, "http://127.0.0.1:28765/web/callback%20", "encoded space"),
                new NearMiss(web, " " + WEB, "leading space"),
                new NearMiss(web, WEB + " ", "trailing space"),
                new NearMiss(web, "http://127.0.0.1:28765\\@evil.example/web/callback", "backslash"),
                new NearMiss(web, "//127.0.0.1:28765/web/callback", "scheme-relative"),
                new NearMiss(web, "/web/callback", "relative"),
                new NearMiss(web, "javascript:alert(1)//http://127.0.0.1:28765/web/callback", "javascript scheme"),
                new NearMiss(web, Authorization.SPA_CALLBACK, "another application's redirect URI"),
                new NearMiss(Server.SPA_ID, "http://127.0.0.1:28766/spa/callback", "port change for a SPA"),
                new NearMiss(nat, "http://127.0.0.1:5000/native/callback/", "native: trailing slash"),
                new NearMiss(nat, "http://127.0.0.1:5000/native/other", "native: other path"),
                new NearMiss(nat, "http://127.0.0.1:5000/native/callback?x=1", "native: query added"),
                new NearMiss(nat, "https://127.0.0.1:5000/native/callback", "native: https"),
                new NearMiss(nat, "http://localhost:5000/native/callback", "native: localhost"),
                new NearMiss(nat, "http://127.0.0.2:5000/native/callback", "native: other loopback address"),
                new NearMiss(nat, "http://user@127.0.0.1:5000/native/callback", "native: userinfo"),
                new NearMiss(nat, "http://evil.example:5000/native/callback", "native: other host"),
                new NearMiss(nat, "io.latchkey.example:/callback/", "native: private-use scheme with trailing slash"),
                new NearMiss(nat, "io.latchkey.evil:/callback", "native: other private-use scheme"));
    }

    @Test
    void anUnregisteredRedirectUriGetsTheErrorPageAndIsNeverRedirectedTo() {
        Authorization request = Authorization.web().set("redirect_uri", "https://evil.example/steal");
        HttpResponse<String> response = Server.send(java.net.http.HttpRequest.newBuilder(request.uri())
                .header("Accept", "text/html").GET().build());
        assertErrorPage(response, "invalid_request");
        assertFalse(response.body().contains("evil.example"), "the page does not echo the URI");
    }

    @Test
    void everyNearMissRedirectUriIsRefusedWithAnErrorPage() {
        List<NearMiss> cases = nearMisses();
        assertTrue(cases.size() >= 10);
        List<String> failures = new ArrayList<>();
        for (NearMiss c : cases) {
            Authorization request = Authorization.of(c.clientId(), c.redirectUri(), "openid");
            for (boolean post : new boolean[] {false, true}) {
                HttpResponse<String> response = post
                        ? new CookieBrowser().post(Server.ISSUER + "/oauth/authorize", request.parameters())
                        : new CookieBrowser().authorize(request);
                String problem = errorPageProblem(response, "invalid_request");
                if (problem != null) {
                    failures.add((post ? "POST " : "GET ") + c.why() + " (" + c.redirectUri() + "): " + problem);
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void theRegisteredUrisThemselvesAreAcceptedSoTheTableAboveIsNotVacuous() {
        for (Authorization request : List.of(
                Authorization.web(),
                Authorization.of(Server.WEB_ID, "https://app.example.test/callback", "openid"),
                Authorization.of(Server.SPA_ID, Authorization.SPA_CALLBACK, "openid"),
                Authorization.of(Authorization.NATIVE_ID, "http://127.0.0.1/native/callback", "openid"),
                Authorization.of(Authorization.NATIVE_ID, "http://127.0.0.1:5000/native/callback", "openid"),
                Authorization.of(Authorization.NATIVE_ID, "http://127.0.0.1:65535/native/callback", "openid"),
                Authorization.of(Authorization.NATIVE_ID, "io.latchkey.example:/callback", "openid"))) {
            String location = CookieBrowser.seeOther(new CookieBrowser().authorize(request));
            assertTrue(location.startsWith(Server.ISSUER + "/login?interaction="), request.redirectUri() + " -> " + location);
        }
    }

    @Test
    void anUnknownOrMissingClientGetsTheErrorPage() {
        assertErrorPage(new CookieBrowser().authorize(Authorization.of("no-such-client", WEB, "openid")), "invalid_request");
        assertErrorPage(new CookieBrowser().authorize(Authorization.web().set("client_id", null)), "invalid_request");
        assertErrorPage(new CookieBrowser().authorize(Authorization.web().set("redirect_uri", null)), "invalid_request");
    }

    @Test
    void aRequestWithoutPkceIsRedirectedWithInvalidRequest() {
        Authorization request = Authorization.web().set("code_challenge", null).set("code_challenge_method", null);
        assertRedirectedError(request, "invalid_request");
        assertRedirectedError(Authorization.web().set("code_challenge_method", null), "invalid_request");
        assertRedirectedError(Authorization.of(Server.SPA_ID, Authorization.SPA_CALLBACK, "openid")
                .set("code_challenge", null).set("code_challenge_method", null), "invalid_request");
    }

    @Test
    void plainPkceIsRedirectedWithInvalidRequest() {
        Authorization request = Authorization.web();
        request.set("code_challenge", request.verifier().getValue()).set("code_challenge_method", "plain");
        assertRedirectedError(request, "invalid_request");
    }

    @Test
    void responseTypeTokenIsRedirectedWithUnsupportedResponseType() {
        assertRedirectedError(Authorization.web().set("response_type", "token"), "unsupported_response_type");
        assertRedirectedError(Authorization.web().set("response_type", "code id_token"), "unauthorized_client");
    }

    /** A refusal after the redirect URI was verified: 303 to it with error, error_description, state and iss. */
    private static void assertRedirectedError(Authorization request, String error) {
        HttpResponse<String> response = new CookieBrowser().authorize(request);
        String location = CookieBrowser.seeOther(response);
        assertTrue(location.startsWith(request.redirectUri() + "?") || location.startsWith(request.redirectUri() + "#"),
                location);
        Map<String, List<String>> parameters = RelyingParty.parse(URI.create(location).getRawQuery() != null
                ? URI.create(location).getRawQuery() : URI.create(location).getRawFragment());
        assertFalse(parameters.containsKey("code"), location);
        assertEquals(List.of(error), parameters.get("error"), location);
        assertTrue(parameters.containsKey("error_description"), location);
        try {
            AuthorizationErrorResponse parsed = AuthorizationResponse.parse(URI.create(location)).toErrorResponse();
            assertEquals(error, parsed.getErrorObject().getCode());
            assertEquals(request.state(), parsed.getState(), "state comes back");
            assertEquals(new Issuer(Server.ISSUER), parsed.getIssuer(), "RFC 9207 iss");
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new AssertionError("Nimbus cannot parse " + location, e);
        }
    }

    static void assertErrorPage(HttpResponse<String> response, String error) {
        String problem = errorPageProblem(response, error);
        assertNull(problem, problem);
    }

    /** Why the response is not Latchkey's error page for {@code error} (400, HTML, no Location), or null. */
    static String errorPageProblem(HttpResponse<String> response, String error) {
        if (response.statusCode() != 400) {
            return "status " + response.statusCode() + " " + response.headers().firstValue("Location").orElse("");
        }
        if (response.headers().firstValue("Location").isPresent()) {
            return "has a Location header " + response.headers().firstValue("Location").get();
        }
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
            return "not an HTML page: " + response.headers().firstValue("Content-Type").orElse("");
        }
        if (!response.body().contains(">" + error + "<")) {
            return "the page does not show " + error;
        }
        if (response.body().contains("code=") || response.body().contains("<form")) {
            return "the page carries a code or a form";
        }
        return null;
    }
}
