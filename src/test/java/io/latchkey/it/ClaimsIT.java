package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.latchkey.it.Oidc.RpClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * OpenID Connect Core §5 on the wire: which standard claims come in the ID token and which from UserInfo by flow
 * (§5.4), the claims request parameter (§5.5) for both, the essential acr Latchkey cannot meet (§5.5.1.1), the
 * discovery fields that advertise all this, and the standard claims through the admin API. The person is
 * claims-user of it-import.json, who has every standard claim; the client is it-hybrid (first party: no consent).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClaimsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "claims-user";
    private static final String PASSWORD = IssuedSecrets.remember("claims-user-password-0123");
    private static final RpClient HYBRID = HybridAndImplicitIT.HYBRID;
    private static final String CALLBACK = HybridAndImplicitIT.CALLBACK;
    private static final String ALL_SCOPES = "openid profile email address phone";
    private static final Set<String> SCOPE_CLAIMS = Set.of("name", "given_name", "family_name", "middle_name",
            "nickname", "preferred_username", "profile", "picture", "website", "gender", "birthdate", "zoneinfo",
            "locale", "updated_at", "email", "email_verified", "address", "phone_number", "phone_number_verified");

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    private static OIDCTokens codeFlow(CookieBrowser browser, Authorization request) {
        String code = CookieBrowser.code(browser.signIn(request, USER, PASSWORD), request);
        OIDCTokens tokens = Oidc.redeem(HYBRID, code, CALLBACK, request.verifier());
        IssuedSecrets.remember(tokens.getAccessToken().getValue());
        return tokens;
    }

    private static JWTClaimsSet idToken(OIDCTokens tokens, Authorization request) throws Exception {
        return Oidc.verifyIdToken(tokens, HYBRID.id(), request.nonce()).toJWTClaimsSet();
    }

    @Test
    void inTheCodeFlowScopeClaimsComeFromUserInfoOnlyAndEveryOneIsThere() throws Exception {
        Authorization request = Authorization.of(HYBRID.id(), CALLBACK, ALL_SCOPES);
        OIDCTokens tokens = codeFlow(new CookieBrowser(), request);

        JWTClaimsSet idToken = idToken(tokens, request);
        for (String claim : SCOPE_CLAIMS) {
            assertFalse(idToken.getClaims().containsKey(claim), claim + " is UserInfo's when an access token is issued");
        }
        UserInfo userInfo = Oidc.userInfo(tokens.getAccessToken());
        assertEquals(SCOPE_CLAIMS, Set.copyOf(userInfo.toJSONObject().keySet().stream()
                .filter(name -> !name.equals("sub")).toList()));
        assertEquals("Claims", userInfo.getGivenName());
        assertEquals("claims.user", userInfo.getPreferredUsername());
        assertEquals("1990-12-31", userInfo.getBirthdate());
        assertEquals("Europe/Paris", userInfo.getZoneinfo());
        assertEquals("+33123456789", userInfo.getPhoneNumber());
        assertTrue(userInfo.getPhoneNumberVerified());
        assertEquals("Paris", userInfo.getAddress().getLocality());
        assertEquals("FR", userInfo.getAddress().getCountry());
        assertTrue(userInfo.getUpdatedTime().getTime() > 0, "updated_at in seconds since the epoch");
        assertEquals(idToken.getSubject(), userInfo.getSubject().getValue());
    }

    @Test
    void theClaimsParameterPutsItsIdTokenClaimsInTheIdTokenAndItsUserInfoClaimsInUserInfo() throws Exception {
        Authorization request = Authorization.of(HYBRID.id(), CALLBACK, "openid").set("claims",
                "{\"id_token\":{\"email\":{\"essential\":true},\"acr\":null},"
                        + "\"userinfo\":{\"name\":{\"essential\":true},\"phone_number\":null}}");
        OIDCTokens tokens = codeFlow(new CookieBrowser(), request);

        JWTClaimsSet idToken = idToken(tokens, request);
        assertEquals("claims@example.test", idToken.getStringClaim("email"));
        assertFalse(idToken.getClaims().containsKey("name"));
        assertEquals("urn:latchkey:acr:password", idToken.getStringClaim("acr"));
        UserInfo userInfo = Oidc.userInfo(tokens.getAccessToken());
        assertEquals(Set.of("sub", "name", "phone_number"), userInfo.toJSONObject().keySet());
        assertEquals("Claims User", userInfo.getName());
    }

    @Test
    void withResponseTypeIdTokenTheScopeClaimsAreInTheIdToken() throws Exception {
        CookieBrowser browser = new CookieBrowser();
        Authorization first = Authorization.of(HYBRID.id(), CALLBACK, "openid");
        CookieBrowser.code(browser.signIn(first, USER, PASSWORD), first);
        Authorization request = Authorization.of(HYBRID.id(), CALLBACK, "openid email phone")
                .set("response_type", "id_token").set("response_mode", "form_post");

        HttpResponse<String> response = browser.authorize(request);

        assertEquals(200, response.statusCode(), response::body);
        String idToken = IssuedSecrets.remember(CookieBrowser.form(response).field("id_token"));
        Map<String, Object> claims = SignedJWT.parse(idToken).getJWTClaimsSet().getClaims();
        assertEquals("claims@example.test", claims.get("email"));
        assertEquals("+33123456789", claims.get("phone_number"));
        assertEquals(Boolean.TRUE, claims.get("phone_number_verified"));
        assertFalse(claims.containsKey("name"), "profile was not asked for");
    }

    @Test
    void anEssentialAcrLatchkeyCannotMeetIsAnsweredAccessDenied() {
        Authorization request = Authorization.of(HYBRID.id(), CALLBACK, "openid").set("claims",
                "{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"urn:example:mfa\"]}}}");

        URI redirect = new CookieBrowser().signIn(request, USER, PASSWORD);

        Map<String, List<String>> parameters = RelyingParty.parse(redirect.getRawQuery());
        assertEquals(List.of("access_denied"), parameters.get("error"), redirect::toString);
        assertEquals(List.of(request.state().getValue()), parameters.get("state"));
    }

    @Test
    void aClaimsParameterThatIsNotJsonIsAnInvalidRequestForTheClient() {
        Authorization request = Authorization.of(HYBRID.id(), CALLBACK, "openid").set("claims", "{userinfo");

        URI redirect = new CookieBrowser().signIn(request, USER, PASSWORD);

        assertEquals(List.of("invalid_request"), RelyingParty.parse(redirect.getRawQuery()).get("error"));
    }

    @Test
    void discoveryAdvertisesTheClaimsTheScopesAndTheOptions() throws Exception {
        HttpResponse<String> response = Server.send(HttpRequest.newBuilder(Server.uri(
                "/.well-known/openid-configuration")).GET().build());
        JsonNode discovery = JSON.readTree(response.body());

        assertTrue(discovery.path("claims_parameter_supported").asBoolean());
        List<String> claims = JSON.convertValue(discovery.path("claims_supported"), List.class);
        assertTrue(claims.containsAll(SCOPE_CLAIMS), claims::toString);
        List<String> scopes = JSON.convertValue(discovery.path("scopes_supported"), List.class);
        assertTrue(scopes.containsAll(List.of("openid", "profile", "email", "address", "phone")), scopes::toString);
        assertEquals(List.of("urn:latchkey:acr:password"),
                JSON.convertValue(discovery.path("acr_values_supported"), List.class));
        assertEquals(List.of("page", "popup", "touch", "wap"),
                JSON.convertValue(discovery.path("display_values_supported"), List.class));
    }

    @Test
    void theAdminApiCreatesPatchesAndShowsTheStandardClaims() throws Exception {
        String token = adminToken();
        String username = "claims-" + Long.toString(System.currentTimeMillis(), 36);
        HttpResponse<String> created = admin("POST", "/api/admin/accounts", token, "application/json", """
                {"username": "%s", "name": "Made", "given_name": " Made ", "birthdate": "0000-02-29",
                 "phone_number": "+15555550123", "address": {"country": "US", "region": "IL"}}""".formatted(username),
                Map.of());
        assertEquals(201, created.statusCode(), created::body);
        JsonNode body = JSON.readTree(created.body());
        assertEquals("Made", body.path("given_name").asText(), "trimmed");
        assertEquals("IL", body.path("address").path("region").asText());
        assertFalse(body.path("phone_number_verified").asBoolean());
        assertTrue(body.path("profile_updated_at").isTextual(), created::body);

        HttpResponse<String> patched = admin("PATCH", "/api/admin/accounts/" + username, token,
                "application/merge-patch+json", "{\"address\": {\"region\": null}, \"zoneinfo\": \"America/Chicago\","
                        + " \"given_name\": null}", Map.of("If-Match", "\"0\""));
        assertEquals(200, patched.statusCode(), patched::body);
        JsonNode after = JSON.readTree(patched.body());
        assertEquals("US", after.path("address").path("country").asText());
        assertTrue(after.path("address").path("region").isMissingNode(), patched::body);
        assertTrue(after.path("given_name").isMissingNode(), "a null removes a claim");
        assertEquals("America/Chicago", after.path("zoneinfo").asText());
        assertEquals("0000-02-29", after.path("birthdate").asText());

        HttpResponse<String> refused = admin("PATCH", "/api/admin/accounts/" + username, token,
                "application/merge-patch+json", "{\"zoneinfo\": \"Mars/Olympus\"}", Map.of("If-Match", "\"1\""));
        assertEquals(400, refused.statusCode(), refused::body);
        assertTrue(refused.body().contains("zoneinfo"), refused::body);
    }

    private static String adminToken() throws Exception {
        HttpResponse<String> response = Server.token("it-admin-service",
                IssuedSecrets.remember("it-admin-service-secret-0123456789abcdefghij"),
                "grant_type=client_credentials&scope=" + Server.form("latchkey:admin"));
        assertEquals(200, response.statusCode(), response::body);
        return IssuedSecrets.remember(JSON.readTree(response.body()).path("access_token").asText());
    }

    private static HttpResponse<String> admin(String method, String path, String token, String contentType,
                                              String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Server.uri(path)).method(method,
                HttpRequest.BodyPublishers.ofString(body)).header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType);
        headers.forEach(request::header);
        return Server.send(request.build());
    }
}
