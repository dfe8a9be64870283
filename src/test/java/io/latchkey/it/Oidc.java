package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Date;
import java.util.Set;

/**
 * The relying party's side of the code flow with an independent library (Nimbus): token requests, and the
 * validation an API or a client would do on what comes back. Never Latchkey's own classes.
 */
public final class Oidc {
    public static final URI TOKEN_ENDPOINT = Server.uri("/oauth/token");
    public static final URI USERINFO_ENDPOINT = Server.uri("/oauth/userinfo");
    public static final String ORDERS_API = "https://api.example.test/orders";
    private static final JWKSource<SecurityContext> KEYS = JWKSourceBuilder.create(url("/oauth/jwks")).build();

    private Oidc() {
    }

    /** An application as it authenticates at the token endpoint: Basic with its secret, or client_id only. */
    public record RpClient(String id, String secret) {
        public static final RpClient WEB = new RpClient(Server.WEB_ID, Server.WEB_SECRET);
        public static final RpClient SPA = new RpClient(Server.SPA_ID, null);
        public static final RpClient NATIVE = new RpClient(Authorization.NATIVE_ID, null);
        public static final RpClient FIRST_PARTY = new RpClient(Authorization.FIRST_PARTY_ID,
                Authorization.FIRST_PARTY_SECRET);

        public TokenRequest tokenRequest(AuthorizationGrant grant) {
            return (secret == null
                    ? new TokenRequest.Builder(TOKEN_ENDPOINT, new ClientID(id), grant)
                    : new TokenRequest.Builder(TOKEN_ENDPOINT, new ClientSecretBasic(new ClientID(id), new Secret(secret)), grant))
                    .build();
        }
    }

    /** The code redemption as sent; {@code verifier} null leaves code_verifier out. */
    public static HTTPResponse redeemHttp(RpClient client, String code, String redirectUri, CodeVerifier verifier) {
        IssuedSecrets.remember(code);
        return send(client.tokenRequest(new AuthorizationCodeGrant(new AuthorizationCode(code), URI.create(redirectUri),
                verifier)));
    }

    /** A successful redemption: 200, no-store, and an OpenID Connect token response (everything remembered). */
    public static OIDCTokens redeem(RpClient client, String code, String redirectUri, CodeVerifier verifier) {
        return success(redeemHttp(client, code, redirectUri, verifier));
    }

    public static HTTPResponse refreshHttp(RpClient client, String refreshToken) {
        IssuedSecrets.remember(refreshToken);
        return send(client.tokenRequest(new RefreshTokenGrant(new RefreshToken(refreshToken))));
    }

    public static OIDCTokens refresh(RpClient client, String refreshToken) {
        return success(refreshHttp(client, refreshToken));
    }

    public static OIDCTokens success(HTTPResponse http) {
        assertEquals(200, http.getStatusCode(), http.getBody());
        assertEquals("no-store", http.getHeaderValue("Cache-Control"));
        try {
            TokenResponse response = OIDCTokenResponseParser.parse(http);
            assertTrue(response.indicatesSuccess(), http.getBody());
            OIDCTokens tokens = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens();
            IssuedSecrets.remember(tokens.getAccessToken().getValue());
            if (tokens.getRefreshToken() != null) {
                IssuedSecrets.remember(tokens.getRefreshToken().getValue());
            }
            if (tokens.getIDTokenString() != null) {
                IssuedSecrets.remember(tokens.getIDTokenString());
            }
            return tokens;
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new AssertionError("not a token response: " + http.getBody(), e);
        }
    }

    /** The RFC 6749 §5.2 error of a refused token request, after checking it is JSON and no-store. */
    public static ErrorObject error(HTTPResponse http, int status) {
        assertEquals(status, http.getStatusCode(), http.getBody());
        assertTrue(http.getHeaderValue("Content-Type").startsWith("application/json"), http.getHeaderValue("Content-Type"));
        assertEquals("no-store", http.getHeaderValue("Cache-Control"));
        try {
            TokenResponse response = TokenResponse.parse(http);
            assertFalse(response.indicatesSuccess());
            return ((TokenErrorResponse) response).getErrorObject();
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new AssertionError("not a token error response: " + http.getBody(), e);
        }
    }

    /**
     * How an API checks an access token: RS256 signature by a key of the JWKS URL, {@code typ at+jwt}, issuer,
     * audience, expiry, and the RFC 9068 claims; and that it names this person and client.
     */
    public static JWTClaimsSet verifyAccessToken(AccessToken token, String audience, String clientId) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, KEYS));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(Server.ISSUER).claim("client_id", clientId).build(),
                Set.of("sub", "exp", "iat", "jti", "client_id", "scope", "auth_time")));
        try {
            JWTClaimsSet claims = processor.process(token.getValue(), null);
            assertEquals(new JOSEObjectType("at+jwt"), SignedJWT.parse(token.getValue()).getHeader().getType());
            assertNotNull(SignedJWT.parse(token.getValue()).getHeader().getKeyID(), "kid");
            assertTrue(claims.getExpirationTime().after(new Date()));
            assertFalse(claims.getAudience().contains(clientId), "the audience is an API, never the client");
            return claims;
        } catch (Exception e) {
            throw new AssertionError("access token refused by Nimbus: " + e.getMessage(), e);
        }
    }

    /**
     * How a relying party checks an ID token (OIDC Core §3.1.3.7) with Nimbus' IDTokenValidator: RS256 through
     * the JWKS URL, iss, aud = client_id, exp, iat, nonce; then at_hash against the access token, auth_time and sid.
     */
    public static IDTokenClaimsSet verifyIdToken(OIDCTokens tokens, String clientId, Nonce nonce) {
        JWT idToken = tokens.getIDToken();
        assertNotNull(idToken, "an ID token");
        try {
            IDTokenValidator validator = new IDTokenValidator(new Issuer(Server.ISSUER), new ClientID(clientId),
                    JWSAlgorithm.RS256, url("/oauth/jwks"));
            IDTokenClaimsSet claims = validator.validate(idToken, nonce);
            assertEquals(java.util.List.of(new com.nimbusds.oauth2.sdk.id.Audience(clientId)), claims.getAudience());
            assertEquals(AccessTokenHash.compute(tokens.getAccessToken(), JWSAlgorithm.RS256, null), claims.getAccessTokenHash(),
                    "at_hash binds the access token issued with it");
            assertNotNull(claims.getAuthenticationTime(), "auth_time");
            assertNotNull(claims.getStringClaim("sid"), "sid");
            assertFalse(claims.getStringClaim("sid").isEmpty());
            return claims;
        } catch (Exception e) {
            throw new AssertionError("ID token refused by Nimbus: " + e.getMessage(), e);
        }
    }

    /** UserInfo with the token in the Authorization header, parsed by Nimbus. */
    public static UserInfo userInfo(AccessToken token) {
        try {
            HTTPResponse http = new UserInfoRequest(USERINFO_ENDPOINT, new BearerAccessToken(token.getValue()))
                    .toHTTPRequest().send();
            assertEquals(200, http.getStatusCode(), http.getBody());
            UserInfoResponse response = UserInfoResponse.parse(http);
            assertTrue(response.indicatesSuccess(), http.getBody());
            return response.toSuccessResponse().getUserInfo();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (com.nimbusds.oauth2.sdk.ParseException e) {
            throw new AssertionError(e);
        }
    }

    /** UserInfo by GET with a Bearer header, raw (for the refusals). */
    public static HttpResponse<String> userInfoHttp(String token) {
        IssuedSecrets.remember(token);
        return Server.send(HttpRequest.newBuilder(USERINFO_ENDPOINT).header("Authorization", "Bearer " + token)
                .GET().build());
    }

    private static HTTPResponse send(TokenRequest request) {
        try {
            return request.toHTTPRequest().send();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URL url(String path) {
        try {
            return new URL(Server.ISSUER + path);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
