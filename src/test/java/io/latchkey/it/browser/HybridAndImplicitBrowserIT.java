package io.latchkey.it.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.AuthenticationSuccessResponse;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import com.nimbusds.openid.connect.sdk.claims.CodeHash;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.latchkey.it.Authorization;
import io.latchkey.it.Deployments;
import io.latchkey.it.IssuedSecrets;
import io.latchkey.it.Oidc;
import io.latchkey.it.Oidc.RpClient;
import io.latchkey.it.RelyingParty;
import io.latchkey.it.Server;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hybrid and implicit sign-in through the real pages in chromium: alice signs in to it-hybrid (first party,
 * no consent page) and lands on the relying party by form_post ("code id_token token", "id_token token")
 * or with the answer in the fragment ("code id_token"); the relying party checks the ID token, c_hash and
 * at_hash with Nimbus and redeems the code.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HybridAndImplicitBrowserIT extends ChromiumBrowserTest {
    private static final String HYBRID_ID = "it-hybrid";
    private static final String HYBRID_SECRET = IssuedSecrets.remember("it-hybrid-secret-0123456789abcdefghijklmnop");
    private static final String CALLBACK = Authorization.RP + "/hybrid/callback";
    private static final RpClient HYBRID = new RpClient(HYBRID_ID, HYBRID_SECRET);

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    /** An OpenID authentication request built with Nimbus; PKCE only when a code is asked for. */
    private record Request(AuthenticationRequest request, CodeVerifier verifier) {
        static Request of(ResponseType type, ResponseMode mode) {
            AuthenticationRequest.Builder builder = new AuthenticationRequest.Builder(type,
                    Scope.parse("openid profile email orders:read"), new ClientID(HYBRID_ID), URI.create(CALLBACK))
                    .endpointURI(Server.uri("/oauth/authorize"))
                    .state(new State())
                    .nonce(new Nonce())
                    .responseMode(mode);
            CodeVerifier verifier = null;
            if (type.contains(ResponseType.Value.CODE)) {
                verifier = new CodeVerifier();
                IssuedSecrets.remember(verifier.getValue());
                builder.codeChallenge(verifier, CodeChallengeMethod.S256);
            }
            return new Request(builder.build(), verifier);
        }

        String url() {
            return request.toURI().toString();
        }
    }

    /** Opens the request, signs alice in; the first-party application shows no consent page. */
    private RelyingParty.Callback signInAsAlice(Request request) {
        chromium.open(request.url());
        chromium.waitForUrl(Server.ISSUER + "/login?");
        chromium.resetNetworkLog();
        chromium.signIn(Authorization.ALICE, Authorization.ALICE_PASSWORD);
        RelyingParty.Callback callback = chromium.arrival(rp);
        List<String> documents = chromium.documentRequests();
        assertTrue(documents.stream().noneMatch(u -> u.startsWith(Server.ISSUER + "/consent")),
                "no consent page for a first-party application: " + documents);
        assertEquals("/hybrid/callback", callback.path());
        return callback;
    }

    /** state and iss as sent, then the ID token (nonce) with c_hash and at_hash checked by Nimbus. */
    private static IDTokenClaimsSet validate(Request request, AuthenticationSuccessResponse response) {
        assertEquals(request.request().getState(), response.getState(), "state comes back unchanged");
        assertEquals(new Issuer(Server.ISSUER), response.getIssuer(), "RFC 9207 iss");
        assertNotNull(response.getIDToken(), "an ID token in the front channel");
        IssuedSecrets.remember(response.getIDToken().getParsedString());
        if (response.getAccessToken() != null) {
            IssuedSecrets.remember(response.getAccessToken().getValue());
        }
        if (response.getAuthorizationCode() != null) {
            IssuedSecrets.remember(response.getAuthorizationCode().getValue());
        }
        try {
            IDTokenValidator validator = new IDTokenValidator(new Issuer(Server.ISSUER), new ClientID(HYBRID_ID),
                    JWSAlgorithm.RS256, new URL(Server.ISSUER + "/oauth/jwks"));
            IDTokenClaimsSet claims = validator.validate(response.getIDToken(), request.request().getNonce());
            if (response.getAuthorizationCode() == null) {
                assertNull(claims.getCodeHash(), "no code, no c_hash");
            } else {
                assertEquals(CodeHash.compute(response.getAuthorizationCode(), JWSAlgorithm.RS256),
                        claims.getCodeHash(), "c_hash binds the code");
            }
            AccessToken accessToken = response.getAccessToken();
            if (accessToken == null) {
                assertNull(claims.getAccessTokenHash(), "no access token, no at_hash");
            } else {
                assertEquals(AccessTokenHash.compute(accessToken, JWSAlgorithm.RS256), claims.getAccessTokenHash(),
                        "at_hash binds the access token");
            }
            // OIDC Core §5.4: the profile scope's claims are in the ID token only when no access token results
            // (response_type=id_token); otherwise UserInfo gives them.
            boolean accessTokenResults = response.getAuthorizationCode() != null || accessToken != null;
            assertEquals(accessTokenResults ? null : "Alice Example", claims.getStringClaim("name"));
            return claims;
        } catch (Exception e) {
            throw new AssertionError("ID token refused by Nimbus: " + e.getMessage(), e);
        }
    }

    private static AuthenticationSuccessResponse formPost(RelyingParty.Callback callback) {
        assertEquals("POST", callback.method(), "form_post: the answer comes as a POST");
        assertNull(callback.rawQuery(), "nothing in the URL");
        assertTrue(callback.contentType().startsWith("application/x-www-form-urlencoded"), callback.contentType());
        try {
            AuthenticationResponse response = AuthenticationResponseParser.parse(URI.create(CALLBACK),
                    callback.parameters());
            assertTrue(response.indicatesSuccess(), callback::toString);
            return response.toSuccessResponse();
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new AssertionError("Nimbus cannot parse " + callback, e);
        }
    }

    @Test
    void codeIdTokenTokenByFormPost() {
        Request request = Request.of(new ResponseType("code", "id_token", "token"), ResponseMode.FORM_POST);
        RelyingParty.Callback callback = signInAsAlice(request);
        assertEquals(Set.of("code", "id_token", "access_token", "token_type", "expires_in", "state", "iss"),
                callback.parameters().keySet());
        chromium.waitForUrl(CALLBACK);
        assertEquals(CALLBACK, chromium.url(), "the auto-submitting form (CSP-hashed script) ran");
        assertEquals("POST", chromium.find("#method").getText());

        AuthenticationSuccessResponse response = formPost(callback);
        IDTokenClaimsSet front = validate(request, response);
        assertNotNull(response.getAuthorizationCode());
        assertNotNull(response.getAccessToken());
        Oidc.verifyAccessToken(response.getAccessToken(), Oidc.ORDERS_API, HYBRID_ID);
        assertEquals(front.getSubject(), Oidc.userInfo(response.getAccessToken()).getSubject());

        OIDCTokens tokens = Oidc.redeem(HYBRID, response.getAuthorizationCode().getValue(), CALLBACK, request.verifier());
        IDTokenClaimsSet back = Oidc.verifyIdToken(tokens, HYBRID_ID, request.request().getNonce());
        assertEquals(front.getSubject(), back.getSubject(), "OIDC Core §3.3.3.6: the same sub");
    }

    @Test
    void idTokenTokenByFormPost() {
        Request request = Request.of(new ResponseType("id_token", "token"), ResponseMode.FORM_POST);
        RelyingParty.Callback callback = signInAsAlice(request);
        assertEquals(Set.of("id_token", "access_token", "token_type", "expires_in", "state", "iss"),
                callback.parameters().keySet());
        assertEquals("Bearer", callback.parameter("token_type"));

        AuthenticationSuccessResponse response = formPost(callback);
        IDTokenClaimsSet claims = validate(request, response);
        assertNull(response.getAuthorizationCode(), "implicit: no code");
        Oidc.verifyAccessToken(response.getAccessToken(), Oidc.ORDERS_API, HYBRID_ID);
        assertEquals(claims.getSubject(), Oidc.userInfo(response.getAccessToken()).getSubject());
    }

    @Test
    void codeIdTokenInTheFragment() {
        Request request = Request.of(new ResponseType("code", "id_token"), ResponseMode.FRAGMENT);
        RelyingParty.Callback callback = signInAsAlice(request);
        assertEquals("GET", callback.method());
        assertNull(callback.rawQuery(), "the fragment never reaches the relying party's server");
        String url = chromium.waitForUrl(CALLBACK + "#");
        AuthenticationSuccessResponse response;
        try {
            AuthenticationResponse parsed = AuthenticationResponseParser.parse(URI.create(url));
            assertTrue(parsed.indicatesSuccess(), url);
            response = parsed.toSuccessResponse();
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new AssertionError("Nimbus cannot parse " + url, e);
        }
        assertEquals(Set.of("code", "id_token", "state", "iss"),
                RelyingParty.parse(URI.create(url).getRawFragment()).keySet());
        IDTokenClaimsSet front = validate(request, response);
        assertNull(response.getAccessToken());

        OIDCTokens tokens = Oidc.redeem(HYBRID, response.getAuthorizationCode().getValue(), CALLBACK, request.verifier());
        assertEquals(front.getSubject(), Oidc.verifyIdToken(tokens, HYBRID_ID, request.request().getNonce()).getSubject());
    }
}
