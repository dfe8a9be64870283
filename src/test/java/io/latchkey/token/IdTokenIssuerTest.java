package io.latchkey.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SignatureException;
import io.latchkey.security.Secret;
import io.latchkey.testing.MutableClock;
import io.latchkey.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** OIDC Core §2 and §3.1.3.6: what an ID token says, checked with JJWT against the public key. */
class IdTokenIssuerTest {
    private static final Instant NOW = MutableClock.START.plusMillis(750);
    private static final Instant AUTH_TIME = MutableClock.START.minusSeconds(120);
    private static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final PersonClaims ALICE = new PersonClaims("sub-alice-123", "alice", Optional.of("Alice Liddell"),
            Optional.of("alice@example.com"), true);
    private static final String ACCESS_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl";
    private final IdTokenIssuer issuer = new IdTokenIssuer(TestKeys.ISSUER, LIFETIME, TestKeys.ring(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static IdTokenIssuer.IdTokenRequest request(Set<String> scopes, Optional<String> nonce,
                                                        Optional<String> accessToken) {
        return new IdTokenIssuer.IdTokenRequest(ALICE, "web", scopes, AUTH_TIME, "sid-42", "pwd", nonce,
                accessToken.map(Secret::of));
    }

    private String issue(Set<String> scopes, Optional<String> nonce, Optional<String> accessToken) {
        return issuer.issue(request(scopes, nonce, accessToken)).reveal();
    }

    private static Jws<Claims> verify(String jwt) {
        return Jwts.parser().verifyWith(TestKeys.KEY.publicKey()).clock(() -> Date.from(NOW)).build()
                .parseSignedClaims(jwt);
    }

    private static JsonNode part(String jwt, int index) throws Exception {
        return new ObjectMapper().readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]),
                StandardCharsets.UTF_8));
    }

    @Test
    void theSignatureVerifiesWithThePublicKeyAndTheHeaderNamesIt() throws Exception {
        String jwt = issue(Set.of("openid"), Optional.empty(), Optional.empty());
        Jws<Claims> jws = verify(jwt);
        assertEquals("RS256", jws.getHeader().getAlgorithm());
        assertEquals(TestKeys.KEY.kid(), jws.getHeader().getKeyId());
        assertEquals("JWT", part(jwt, 0).get("typ").asText());
    }

    @Test
    void anotherKeyDoesNotVerifyIt() {
        String jwt = issue(Set.of("openid"), Optional.empty(), Optional.empty());
        assertThrows(SignatureException.class, () -> Jwts.parser().verifyWith(TestKeys.OTHER.publicKey())
                .clock(() -> Date.from(NOW)).build().parseSignedClaims(jwt));
    }

    @Test
    void theAudienceIsTheClientIdAsASingleStringAndAzpNamesItToo() throws Exception {
        String jwt = issue(Set.of("openid"), Optional.empty(), Optional.empty());
        JsonNode payload = part(jwt, 1);
        assertTrue(payload.get("aud").isTextual(), payload.toString());
        assertEquals("web", payload.get("aud").asText());
        assertEquals("web", payload.get("azp").asText());
    }

    @Test
    void theTimesAndSessionClaimsAreThere() {
        Claims claims = verify(issue(Set.of("openid"), Optional.empty(), Optional.empty())).getPayload();
        assertEquals(TestKeys.ISSUER, claims.getIssuer());
        assertEquals("sub-alice-123", claims.getSubject());
        assertEquals(MutableClock.START, claims.getIssuedAt().toInstant(), "whole seconds");
        assertEquals(MutableClock.START.plus(LIFETIME), claims.getExpiration().toInstant());
        assertEquals(AUTH_TIME.getEpochSecond(), claims.get("auth_time", Long.class));
        assertEquals("sid-42", claims.get("sid", String.class));
        assertEquals(List.of("pwd"), claims.get("amr", List.class));
        assertEquals(AccessTokenClaims.PASSWORD_ACR, claims.get("acr", String.class));
    }

    @Test
    void theNonceIsEchoedWhenTheRequestHadOne() {
        Claims claims = verify(issue(Set.of("openid"), Optional.of("n-0S6_WzA2Mj"), Optional.empty())).getPayload();
        assertEquals("n-0S6_WzA2Mj", claims.get("nonce", String.class));
    }

    @Test
    void withoutANonceThereIsNoNonceClaim() {
        Claims claims = verify(issue(Set.of("openid"), Optional.empty(), Optional.empty())).getPayload();
        assertFalse(claims.containsKey("nonce"));
    }

    @Test
    void atHashIsTheLeftHalfOfSha256OfTheAccessTokenInBase64Url() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(ACCESS_TOKEN.getBytes(StandardCharsets.US_ASCII));
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOfRange(digest, 0, 16));
        Claims claims = verify(issue(Set.of("openid"), Optional.empty(), Optional.of(ACCESS_TOKEN))).getPayload();
        assertEquals(expected, claims.get("at_hash", String.class));
        assertEquals(22, expected.length());
        assertEquals(expected, IdTokenIssuer.leftHalfHash(ACCESS_TOKEN));
    }

    @Test
    void withoutAnAccessTokenThereIsNoAtHash() {
        assertNull(verify(issue(Set.of("openid"), Optional.empty(), Optional.empty())).getPayload().get("at_hash"));
    }

    static Stream<Arguments> claimsByScope() {
        return Stream.of(
                Arguments.of(Set.of("openid"), Set.of()),
                Arguments.of(Set.of("openid", "profile"), Set.of("name", "preferred_username")),
                Arguments.of(Set.of("openid", "email"), Set.of("email", "email_verified")),
                Arguments.of(Set.of("openid", "profile", "email"),
                        Set.of("name", "preferred_username", "email", "email_verified")),
                Arguments.of(Set.of("openid", "offline_access", "orders:read"), Set.of()));
    }

    /** OIDC Core §5.4: scope claims are in the ID token only when no access token is issued (response_type=id_token). */
    private String issueWithoutAccessToken(Set<String> scopes, ClaimsRequest claims) {
        return issuer.issue(new IdTokenIssuer.IdTokenRequest(ALICE, "web", scopes, AUTH_TIME, "sid-42", "pwd",
                Optional.of("n"), Optional.empty(), claims, false)).reveal();
    }

    @ParameterizedTest(name = "{0} releases {1}")
    @MethodSource("claimsByScope")
    void withoutAnAccessTokenProfileAndEmailClaimsComeOnlyWithTheirScopes(Set<String> scopes, Set<String> released) {
        Claims claims = verify(issueWithoutAccessToken(scopes, ClaimsRequest.NONE)).getPayload();
        for (String claim : List.of("name", "preferred_username", "email", "email_verified")) {
            assertEquals(released.contains(claim), claims.containsKey(claim), claim);
        }
    }

    @Test
    void releasedClaimsHaveThePersonsValues() {
        Claims claims = verify(issueWithoutAccessToken(Set.of("openid", "profile", "email"), ClaimsRequest.NONE))
                .getPayload();
        assertEquals("Alice Liddell", claims.get("name", String.class));
        assertEquals("alice", claims.get("preferred_username", String.class));
        assertEquals("alice@example.com", claims.get("email", String.class));
        assertEquals(Boolean.TRUE, claims.get("email_verified", Boolean.class));
    }

    @Test
    void scopeClaimsStayOutOfAnIdTokenOfAGrantThatIssuesAnAccessToken() {
        Claims claims = verify(issue(Set.of("openid", "profile", "email"), Optional.empty(),
                Optional.of(ACCESS_TOKEN))).getPayload();
        for (String claim : List.of("name", "preferred_username", "email", "email_verified")) {
            assertFalse(claims.containsKey(claim), claim + " is UserInfo's (OIDC Core §5.4)");
        }
        assertEquals("sub-alice-123", claims.getSubject());
    }

    @Test
    void claimsTheClaimsParameterAsksForTheIdTokenAreInItEvenWithAnAccessToken() {
        Claims claims = verify(issuer.issue(new IdTokenIssuer.IdTokenRequest(ALICE, "web", Set.of("openid"),
                AUTH_TIME, "sid-42", "pwd", Optional.empty(), Optional.of(Secret.of(ACCESS_TOKEN)),
                ClaimsRequest.parse("{\"id_token\":{\"email\":{\"essential\":true}}}"), true)).reveal())
                .getPayload();
        assertEquals("alice@example.com", claims.get("email", String.class));
        assertFalse(claims.containsKey("name"));
    }

    @Test
    void everyShapeOfPersonClaimIsWrittenAsValidJsonWithItsValue() throws Exception {
        Map<String, Object> address = Map.of("street_address", "1 \"Looking-Glass\" Lane\nHall", "country", "Öland");
        PersonClaims person = new PersonClaims("sub-\\x", Map.of("name", "Alice \u2028\u0001", "updated_at", 1700000000L,
                "email", "alice@example.com", "email_verified", false, "address", address,
                "phone_number", "+1 555", "phone_number_verified", true));
        String jwt = issuer.issue(new IdTokenIssuer.IdTokenRequest(person, "web", Set.of("openid"), AUTH_TIME,
                "sid-42", "pwd", Optional.empty(), Optional.of(Secret.of(ACCESS_TOKEN)),
                ClaimsRequest.parse("{\"id_token\":{\"name\":null,\"updated_at\":null,\"email_verified\":null,"
                        + "\"address\":null,\"phone_number_verified\":null}}"), true)).reveal();
        Claims claims = verify(jwt).getPayload();
        assertEquals("sub-\\x", claims.getSubject());
        assertEquals("Alice \u2028\u0001", claims.get("name", String.class));
        assertEquals(1700000000L, claims.get("updated_at", Long.class));
        assertEquals(Boolean.FALSE, claims.get("email_verified", Boolean.class));
        assertEquals(Boolean.TRUE, claims.get("phone_number_verified", Boolean.class));
        assertEquals(address, claims.get("address", Map.class));
        assertEquals(List.of("pwd"), claims.get("amr", List.class));
        JsonNode payload = part(jwt, 1);
        assertTrue(payload.get("address").isObject());
        assertTrue(payload.get("updated_at").isIntegralNumber());
        assertTrue(payload.get("aud").isTextual(), "a single audience is a string (OIDC Core §2 allows it)");
        assertEquals("JWT", part(jwt, 0).get("typ").asText());
    }
}
