package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import java.net.URL;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A backend service gets a token with a standards-strict client library (Nimbus OAuth 2.0 SDK) and an API
 * validates it with Nimbus JOSE through the JWKS URL, never with Latchkey's own code.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClientCredentialsFlowIT {
    private static final String ORDERS_API = "https://api.example.test/orders";

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @Test
    void basicAuthenticatedServiceGetsAnRfc9068TokenThatVerifiesThroughJwks() throws Exception {
        AccessTokenResponse response = requestToken(
                new ClientSecretBasic(new ClientID(Server.SERVICE_ID), new Secret(Server.SERVICE_SECRET)),
                new Scope("orders:read", "orders:write"));
        AccessToken token = response.getTokens().getAccessToken();
        assertEquals("Bearer", token.getType().getValue());
        assertEquals(Set.of("orders:read", "orders:write"), Set.copyOf(token.getScope().toStringList()));

        JWTClaimsSet claims = validator(ORDERS_API).process(token.getValue(), null);
        assertEquals(Server.ISSUER, claims.getIssuer());
        assertEquals("client:" + Server.SERVICE_ID, claims.getSubject(),
                "sub identifies the client (RFC 9068 §2.2) and can never be a person's");
        assertEquals(List.of(ORDERS_API), claims.getAudience());
        assertEquals(Server.SERVICE_ID, claims.getStringClaim("client_id"));
        assertEquals(Set.of("orders:read", "orders:write"), Set.of(claims.getStringClaim("scope").split(" ")));
        long lifetime = (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000;
        assertEquals(token.getLifetime(), lifetime);
        assertEquals(3600, lifetime);
        assertTrue(claims.getExpirationTime().after(new Date()));
        assertNotNull(claims.getJWTID());
        assertEquals(new JOSEObjectType("at+jwt"), SignedJWT.parse(token.getValue()).getHeader().getType());
    }

    @Test
    void postAuthenticatedServiceWithoutScopeGetsItsDefaultSetOnly() throws Exception {
        AccessTokenResponse response = requestToken(
                new ClientSecretPost(new ClientID(Server.SERVICE_ID), new Secret(Server.SERVICE_SECRET)), null);
        AccessToken token = response.getTokens().getAccessToken();
        assertEquals(List.of("orders:read"), token.getScope().toStringList());
        JWTClaimsSet claims = validator(ORDERS_API).process(token.getValue(), null);
        assertEquals("orders:read", claims.getStringClaim("scope"));
    }

    @Test
    void clientIdAndSecretThatNeedFormEncodingAuthenticateWithBasic() throws Exception {
        AccessTokenResponse response = requestToken(
                new ClientSecretBasic(new ClientID(Server.ODD_ID), new Secret(Server.ODD_SECRET)), null);
        JWTClaimsSet claims = validator(ORDERS_API).process(response.getTokens().getAccessToken().getValue(), null);
        assertEquals("client:" + Server.ODD_ID, claims.getSubject());
    }

    @Test
    void scopesOfTwoApisGiveTwoAudiencesAndEachApiAcceptsTheToken() throws Exception {
        AccessTokenResponse response = requestToken(
                new ClientSecretBasic(new ClientID(Server.SERVICE_ID), new Secret(Server.SERVICE_SECRET)),
                new Scope("orders:read", "reports:read"));
        String jwt = response.getTokens().getAccessToken().getValue();
        assertEquals(List.of(ORDERS_API, "https://api.example.test/reports"),
                validator(ORDERS_API).process(jwt, null).getAudience());
        validator("https://api.example.test/reports").process(jwt, null);
        assertThrows(BadJOSEException.class, () -> validator("https://api.example.test/other").process(jwt, null),
                "an API that is not in aud must refuse the token");
    }

    @Test
    void eachTokenHasItsOwnJti() throws Exception {
        ClientAuthentication auth = new ClientSecretBasic(new ClientID(Server.SERVICE_ID), new Secret(Server.SERVICE_SECRET));
        String first = SignedJWT.parse(requestToken(auth, null).getTokens().getAccessToken().getValue()).getJWTClaimsSet().getJWTID();
        String second = SignedJWT.parse(requestToken(auth, null).getTokens().getAccessToken().getValue()).getJWTClaimsSet().getJWTID();
        assertNotEquals(first, second);
    }

    @Test
    void wrongSecretIsRefusedWithInvalidClientAndABasicChallenge() throws Exception {
        TokenRequest request = new TokenRequest(new URL(Server.ISSUER + "/oauth/token").toURI(),
                new ClientSecretBasic(new ClientID(Server.SERVICE_ID), new Secret(IssuedSecrets.remember("wrong-secret-but-long-enough-to-remember"))),
                new ClientCredentialsGrant(), null);
        HTTPResponse http = request.toHTTPRequest().send();
        TokenResponse response = TokenResponse.parse(http);
        assertTrue(response instanceof TokenErrorResponse);
        assertEquals(401, http.getStatusCode());
        assertEquals("invalid_client", ((TokenErrorResponse) response).getErrorObject().getCode());
        assertTrue(http.getHeaderValue("WWW-Authenticate").startsWith("Basic realm="));
    }

    private static AccessTokenResponse requestToken(ClientAuthentication auth, Scope scope) throws Exception {
        TokenRequest request = new TokenRequest(new URL(Server.ISSUER + "/oauth/token").toURI(), auth,
                new ClientCredentialsGrant(), scope);
        HTTPResponse http = request.toHTTPRequest().send();
        assertEquals(200, http.getStatusCode(), http.getBody());
        assertEquals("no-store", http.getHeaderValue("Cache-Control"));
        TokenResponse response = TokenResponse.parse(http);
        assertTrue(response.indicatesSuccess(), http.getBody());
        AccessTokenResponse success = response.toSuccessResponse();
        IssuedSecrets.remember(success.getTokens().getAccessToken().getValue());
        return success;
    }

    /** How an API would check a Latchkey token: signature via JWKS, typ at+jwt, iss, aud, exp and claims. */
    static DefaultJWTProcessor<SecurityContext> validator(String audience) throws Exception {
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(new URL(Server.ISSUER + "/oauth/jwks")).build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(Server.ISSUER).build(),
                Set.of("sub", "exp", "iat", "jti", "client_id", "scope")));
        return processor;
    }
}
