package io.latchkey.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import io.latchkey.account.Account;
import io.latchkey.client.Client;
import io.latchkey.client.ClientAuthenticator;
import io.latchkey.client.ClientCredentials;
import io.latchkey.client.FormParameters;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.store.Database;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import io.latchkey.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /oauth/introspect: RFC 7662 §2.1 client authentication, and the RFC 9701 JWT response. */
class IntrospectionEndpointTest {
    private static final Client WEB = TestClients.webApp("web").build();
    private static final Client NATIVE = TestClients.nativeApp("native").build();
    private static Database database;
    private SignInWorld world;
    private IntrospectionEndpoint endpoint;
    private Account person;

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
        world = new SignInWorld(database, WEB, NATIVE);
        endpoint = new IntrospectionEndpoint(TestKeys.ISSUER,
                new ClientRequests(new ClientAuthenticator(world.clients, world.clock)), world.introspection(),
                world.keys, world.clock);
        person = world.person();
    }

    private static String basic(String clientId, String secret) {
        byte[] pair = (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair);
    }

    private static FormParameters form(String... namesAndValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return FormParameters.of(values);
    }

    private IssuedAccessToken issue(String clientId) {
        return world.accessTokens.issue(AccessTokenClaims.forPerson(person.subject(), clientId, Set.of("orders:read"),
                world.clock.instant(), AccessTokenClaims.newJti()));
    }

    private Jws<Claims> verify(String jwt) {
        return Jwts.parser().verifyWith(world.keys.current().publicKey())
                .clock(() -> Date.from(world.clock.instant())).build().parseSignedClaims(jwt);
    }

    @Test
    void aConfidentialClientIntrospectsItsTokenWithBasicAuthentication() {
        IssuedAccessToken token = issue("web");
        IntrospectionEndpoint.Answer answer = endpoint.introspect(form("token", token.value().reveal()),
                basic("web", TestClients.SECRET), "192.0.2.1");
        assertEquals("web", answer.callerId());
        assertEquals(true, answer.claims().get("active"));
        assertEquals(token.jti(), answer.claims().get("jti"));
    }

    @Test
    void aConfidentialClientMayAuthenticateInTheBodyAndGiveAHint() {
        IssuedAccessToken token = issue("web");
        IntrospectionEndpoint.Answer answer = endpoint.introspect(form("client_id", "web", "client_secret",
                TestClients.SECRET, "token", token.value().reveal(), "token_type_hint", "refresh_token"), null, "192.0.2.1");
        assertEquals("Bearer", answer.claims().get("token_type"));
    }

    @Test
    void aPublicClientMayNotIntrospectAndGetsABasicChallenge() {
        IssuedAccessToken token = issue("native");
        OAuthException e = assertThrows(OAuthException.class,
                () -> endpoint.introspect(form("client_id", "native", "token", token.value().reveal()), null, "192.0.2.1"));
        assertEquals(ErrorCode.INVALID_CLIENT, e.error().code());
        assertEquals(Optional.of(ClientCredentials.BASIC_CHALLENGE), e.challenge());
    }

    @Test
    void aWrongSecretIsAnInvalidClientWithABasicChallenge() {
        OAuthException e = assertThrows(OAuthException.class,
                () -> endpoint.introspect(form("token", "x"), basic("web", "not-the-secret"), "192.0.2.1"));
        assertEquals(ErrorCode.INVALID_CLIENT, e.error().code());
        assertEquals(Optional.of(ClientCredentials.BASIC_CHALLENGE), e.challenge());
    }

    @Test
    void aRequestWithoutTokenIsAnInvalidRequest() {
        for (FormParameters form : new FormParameters[] {form(), form("token", ""), form("token_type_hint", "x")}) {
            OAuthException e = assertThrows(OAuthException.class,
                    () -> endpoint.introspect(form, basic("web", TestClients.SECRET), "192.0.2.1"));
            assertEquals(ErrorCode.INVALID_REQUEST, e.error().code());
            assertEquals("token is required", e.error().description());
        }
    }

    @Test
    void theJwtResponseIsSignedForTheCallerWithTheAnswerUnderTokenIntrospection() {
        IssuedAccessToken token = issue("web");
        IntrospectionEndpoint.Answer answer = endpoint.introspect(form("token", token.value().reveal()),
                basic("web", TestClients.SECRET), "192.0.2.1");
        world.clock.advanceSeconds(7);
        String jwt = endpoint.asJwt(answer);

        Jws<Claims> jws = verify(jwt);
        assertEquals("token-introspection+jwt", jws.getHeader().getType());
        assertEquals(world.keys.current().kid(), jws.getHeader().getKeyId());
        assertEquals("RS256", jws.getHeader().getAlgorithm());
        Claims claims = jws.getPayload();
        assertEquals(TestKeys.ISSUER, claims.getIssuer());
        assertEquals(Set.of("web"), claims.getAudience());
        assertEquals(world.clock.instant(), claims.getIssuedAt().toInstant());

        JsonNode payload = TestTokens.payload(jwt);
        assertEquals("web", payload.get("aud").asText(), "a single audience is a string");
        JsonNode inside = payload.get("token_introspection");
        assertEquals(true, inside.get("active").asBoolean());
        assertEquals("web", inside.get("client_id").asText());
        assertEquals(person.subject(), inside.get("sub").asText());
        assertEquals(person.username(), inside.get("username").asText());
        assertEquals("orders:read", inside.get("scope").asText());
        assertEquals(token.jti(), inside.get("jti").asText());
        assertEquals(token.expiresAt().getEpochSecond(), inside.get("exp").asLong());
        assertEquals("https://api.example.com/orders", inside.get("aud").asText());
        assertEquals(TestKeys.ISSUER, inside.get("iss").asText());
        assertEquals(answer.claims().keySet(), fieldNames(inside));
    }

    @Test
    void anInactiveAnswerAsJwtCarriesOnlyActiveFalse() {
        IntrospectionEndpoint.Answer answer = endpoint.introspect(form("token", "garbage"),
                basic("web", TestClients.SECRET), "192.0.2.1");
        assertEquals(Map.of("active", false), answer.claims());
        JsonNode inside = TestTokens.payload(endpoint.asJwt(answer)).get("token_introspection");
        assertEquals(Set.of("active"), fieldNames(inside));
        assertEquals(false, inside.get("active").asBoolean());
    }

    @Test
    void theJwtResponseDoesNotVerifyWithAnotherKey() {
        String jwt = endpoint.asJwt(new IntrospectionEndpoint.Answer(Map.of("active", false), "web"));
        assertThrows(io.jsonwebtoken.security.SignatureException.class, () -> Jwts.parser()
                .verifyWith(TestKeys.OTHER.publicKey()).build().parseSignedClaims(jwt));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
