package io.latchkey.authorize;

import static io.latchkey.testing.TestClients.WEB_REDIRECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import io.latchkey.account.Account;
import io.latchkey.client.ResponseType;
import io.latchkey.security.Secret;
import io.latchkey.session.BrowserSession;
import io.latchkey.store.Database;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import io.latchkey.testing.TestKeys;
import io.latchkey.testing.TestRequests;
import io.latchkey.token.AuthorizationCodes;
import io.latchkey.token.UserInfoEndpoint;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a successful authorization response carries for each response type (OIDC Core §3.1.2.5, §3.2.2.5,
 * §3.3.2.5): exactly the right parameters, and an ID token with nonce, aud = client_id, c_hash for the code
 * and at_hash for the access token, each hash recomputed here with MessageDigest.
 */
class FrontChannelTokensTest {
    private static final Secret BROWSER = Secret.of("browser-cookie-hybrid-0123456789abcdefghij");
    private static final String CLIENT = "hybrid";
    /** An application whose access tokens are opaque reference tokens. */
    private static final String OPAQUE_CLIENT = "hybrid-opaque";
    private static Database database;
    private SignInWorld world;
    private Account person;
    private BrowserSession session;

    @BeforeAll
    static void openDatabase() {
        database = TestDatabase.open();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @BeforeEach
    void newWorld() {
        world = new SignInWorld(database, TestClients.webApp(CLIENT).firstParty()
                .withResponseTypes(ResponseType.CODE_ID_TOKEN, ResponseType.CODE_TOKEN,
                        ResponseType.CODE_ID_TOKEN_TOKEN, ResponseType.ID_TOKEN, ResponseType.ID_TOKEN_TOKEN)
                .build(), TestClients.webApp(OPAQUE_CLIENT).firstParty().withReferenceAccessTokens()
                .withResponseTypes(ResponseType.ID_TOKEN_TOKEN).build());
        person = world.person();
        session = world.sessions.start(person.id(), BrowserSession.PASSWORD).session();
    }

    static Stream<Arguments> everyResponseType() {
        return Stream.of(
                Arguments.of("code", Set.of("code")),
                Arguments.of("code id_token", Set.of("code", "id_token")),
                Arguments.of("code token", Set.of("code", "access_token", "token_type", "expires_in")),
                Arguments.of("code id_token token",
                        Set.of("code", "id_token", "access_token", "token_type", "expires_in")),
                Arguments.of("id_token", Set.of("id_token")),
                Arguments.of("id_token token", Set.of("id_token", "access_token", "token_type", "expires_in")));
    }

    /** OIDC Core §3.1.3.6 / §3.3.2.11, computed independently: base64url of the left half of SHA-256 of the ASCII. */
    static String leftHalfSha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Claims verified(String jwt) {
        Jws<Claims> jws = Jwts.parser().verifyWith(TestKeys.KEY.publicKey())
                .clock(() -> Date.from(world.clock.instant())).build().parseSignedClaims(jwt);
        return jws.getPayload();
    }

    private AuthorizationReply start(RequestParameters parameters) {
        return assertInstanceOf(AuthorizationService.Reply.class,
                world.authorization.start(parameters, BROWSER, Optional.of(session))).reply();
    }

    private static RequestParameters request(String responseType, String mode) {
        RequestParameters parameters = TestRequests.authorization(CLIENT, WEB_REDIRECT)
                .with("response_type", responseType);
        return mode == null ? parameters : parameters.with("response_mode", mode);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyResponseType")
    void eachResponseTypeIssuesExactlyItsParametersWithBoundHashes(String responseType, Set<String> tokens) {
        AuthorizationReply reply = start(request(responseType, "form_post"));
        Map<String, String> parameters = reply.parameters();
        Set<String> expected = new LinkedHashSet<>(tokens);
        expected.add("state");
        expected.add("iss");
        assertEquals(expected, parameters.keySet(), responseType);
        assertEquals(ResponseMode.FORM_POST, reply.mode());
        assertEquals(TestRequests.STATE, parameters.get("state"));
        assertEquals(TestKeys.ISSUER, parameters.get("iss"));

        String code = parameters.get("code");
        String accessToken = parameters.get("access_token");
        if (accessToken != null) {
            assertEquals("Bearer", parameters.get("token_type"));
            assertEquals(String.valueOf(SignInWorld.ACCESS_TTL.toSeconds()), parameters.get("expires_in"));
            Jws<Claims> access = Jwts.parser().verifyWith(TestKeys.KEY.publicKey())
                    .clock(() -> Date.from(world.clock.instant())).build().parseSignedClaims(accessToken);
            assertEquals("at+jwt", access.getHeader().getType());
            assertEquals(CLIENT, access.getPayload().get("client_id"));
            assertEquals(person.subject(), access.getPayload().getSubject());
            assertEquals(Set.of("openid", "profile"),
                    Set.of(access.getPayload().get("scope", String.class).split(" ")));
        }

        String idToken = parameters.get("id_token");
        if (idToken != null) {
            Claims claims = verified(idToken);
            assertEquals(TestKeys.ISSUER, claims.getIssuer());
            assertEquals(Set.of(CLIENT), claims.getAudience(), "aud = client_id");
            assertEquals(CLIENT, claims.get("azp"));
            assertEquals(person.subject(), claims.getSubject());
            assertEquals(TestRequests.NONCE, claims.get("nonce"), "the request's nonce");
            assertEquals(session.sid(), claims.get("sid"));
            assertEquals(session.authTime().getEpochSecond(), ((Number) claims.get("auth_time")).longValue());
            if (code != null) {
                assertEquals(leftHalfSha256(code), claims.get("c_hash"), "c_hash binds the code");
            } else {
                assertNull(claims.get("c_hash"), "no code, no c_hash");
            }
            if (accessToken != null) {
                assertEquals(leftHalfSha256(accessToken), claims.get("at_hash"), "at_hash binds the access token");
            } else {
                assertNull(claims.get("at_hash"), "no access token, no at_hash");
            }
        }

        if (code != null) {
            AuthorizationCodes.CodeGrant grant = world.codes.redeem(Secret.of(code)).orElseThrow();
            assertEquals(CLIENT, grant.clientId());
            assertEquals(person.id(), grant.accountId());
            assertEquals(TestRequests.CHALLENGE, grant.codeChallenge(), "the hybrid code is bound to PKCE");
            assertEquals(Optional.of(TestRequests.NONCE), grant.nonce());
        }
    }

    @Test
    void hybridResponsesDefaultToTheFragment() {
        for (String type : List.of("code id_token", "code token", "code id_token token")) {
            AuthorizationReply reply = start(request(type, null));
            assertEquals(ResponseMode.FRAGMENT, reply.mode(), type);
            assertTrue(reply.location().startsWith(WEB_REDIRECT + "#code="), reply.location());
            assertFalse(reply.location().contains("?"), "nothing in the query: " + reply.location());
        }
    }

    @Test
    void responseTypeValuesInAnyOrderMeanTheSameType() {
        AuthorizationReply reply = start(request("token id_token code", "fragment"));
        assertEquals(Set.of("code", "id_token", "access_token", "token_type", "expires_in", "state", "iss"),
                reply.parameters().keySet());
    }

    @Test
    void theHashesBindTheExactValuesAndDifferPerResponse() {
        AuthorizationReply first = start(request("code id_token token", "fragment"));
        AuthorizationReply second = start(request("code id_token token", "fragment"));
        Claims one = verified(first.parameters().get("id_token"));
        Claims two = verified(second.parameters().get("id_token"));
        assertNotEquals(first.parameters().get("code"), second.parameters().get("code"));
        assertNotEquals(one.get("c_hash"), two.get("c_hash"));
        assertNotEquals(one.get("at_hash"), two.get("at_hash"));
        assertNotEquals(leftHalfSha256(second.parameters().get("code")), one.get("c_hash"),
                "a swapped code does not match");
        assertEquals(22, ((String) one.get("c_hash")).length(), "128 bits, base64url without padding");
        assertEquals(22, ((String) one.get("at_hash")).length());
    }

    @Test
    void frontChannelTokensPutTheGivenCodeIntoCHash() {
        AuthorizationValidator validator = new AuthorizationValidator(world.clients);
        RequestParameters parameters = request("code id_token", "fragment");
        AuthorizationRequest request = validator.validate(parameters, validator.verifyClientAndRedirect(parameters));
        Map<String, String> values = new FrontChannelTokens(world.accessTokens, world.idTokens)
                .tokens(request, session, person, Optional.of("a-code-chosen-by-the-test"));
        assertEquals(Set.of("code", "id_token"), values.keySet());
        assertEquals("a-code-chosen-by-the-test", values.get("code"));
        Claims claims = verified(values.get("id_token"));
        assertEquals(leftHalfSha256("a-code-chosen-by-the-test"), claims.get("c_hash"));
        assertNull(claims.get("at_hash"));
        assertEquals(TestRequests.NONCE, claims.get("nonce"));
    }

    /** OIDC Core §5.4: scope claims in the ID token only when no access token is issued. */
    @Test
    void theScopeClaimsAreInTheIdTokenOfResponseTypeIdTokenAlone() {
        Claims alone = verified(start(request("id_token", "form_post")).parameters().get("id_token"));
        assertEquals(person.username(), alone.get("preferred_username"));
        assertEquals(person.displayName(), alone.get("name"));
        for (String responseType : List.of("code id_token", "id_token token", "code id_token token")) {
            Claims withAccessToken = verified(start(request(responseType, "form_post")).parameters().get("id_token"));
            assertFalse(withAccessToken.containsKey("name"), responseType);
            assertFalse(withAccessToken.containsKey("preferred_username"), responseType);
        }
    }

    /** OIDC Core §3.1.2.2: a sub requested with a value gets a positive answer only for that person. */
    @Test
    void aSubRequestedForTheIdTokenMustBeTheSignedInPerson() {
        AuthorizationReply other = start(request("code", null).with("claims",
                "{\"id_token\":{\"sub\":{\"value\":\"someone-else\"}}}"));
        assertEquals("login_required", other.parameters().get("error"));
        assertFalse(other.parameters().containsKey("code"));
        AuthorizationReply same = start(request("code", null).with("claims",
                "{\"id_token\":{\"sub\":{\"value\":\"" + person.subject() + "\"}}}"));
        assertTrue(same.parameters().containsKey("code"), same.parameters()::toString);
    }

    /** OIDC Core §5.5: a front-channel access token's UserInfo honours the claims parameter's userinfo member. */
    @Test
    void userInfoOfAFrontChannelAccessTokenHonoursTheClaimsParameter() {
        Map<String, String> parameters = start(request("id_token token", "form_post").with("scope", "openid")
                .with("claims", "{\"userinfo\":{\"name\":{\"essential\":true}}}")).parameters();
        Map<String, Object> claims = new UserInfoEndpoint(world.verifier, world.accounts, world.grantStorage, world.references)
                .claims(Secret.of(parameters.get("access_token")), "192.0.2.1");
        assertEquals(Map.of("sub", person.subject(), "name", person.displayName()), claims);
        Map<String, String> without = start(request("id_token token", "form_post").with("scope", "openid"))
                .parameters();
        assertEquals(Map.of("sub", person.subject()), new UserInfoEndpoint(world.verifier, world.accounts,
                world.grantStorage, world.references).claims(Secret.of(without.get("access_token")), "192.0.2.1"));
    }

    /** The same for an opaque (reference) access token, which keeps the parameter itself. */
    @Test
    void userInfoOfAnOpaqueFrontChannelAccessTokenHonoursTheClaimsParameter() {
        UserInfoEndpoint userInfo = new UserInfoEndpoint(world.verifier, world.accounts, world.grantStorage,
                world.references);
        RequestParameters opaque = TestRequests.authorization(OPAQUE_CLIENT, WEB_REDIRECT)
                .with("response_type", "id_token token").with("response_mode", "form_post").with("scope", "openid");
        Map<String, String> parameters = start(opaque.with("claims",
                "{\"userinfo\":{\"name\":{\"essential\":true}}}")).parameters();
        assertTrue(parameters.get("access_token").startsWith("lk_at_"), parameters::toString);
        assertEquals(Map.of("sub", person.subject(), "name", person.displayName()),
                userInfo.claims(Secret.of(parameters.get("access_token")), "192.0.2.1"));
        Map<String, String> without = start(opaque).parameters();
        assertEquals(Map.of("sub", person.subject()),
                userInfo.claims(Secret.of(without.get("access_token")), "192.0.2.1"));
    }

    @Test
    void theCodeFlowStillCarriesNoTokenInTheFrontChannel() {
        AuthorizationReply reply = start(request("code", null));
        assertEquals(ResponseMode.QUERY, reply.mode());
        assertEquals(Set.of("code", "state", "iss"), reply.parameters().keySet());
    }
}
