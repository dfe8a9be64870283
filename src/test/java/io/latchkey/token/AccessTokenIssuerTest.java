package io.latchkey.token;

import static io.latchkey.token.TestTokens.ISSUER;
import static io.latchkey.token.TestTokens.KEY;
import static io.latchkey.token.TestTokens.ORDERS_API;
import static io.latchkey.token.TestTokens.REPORTS_API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SignatureException;
import io.latchkey.key.KeyRing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AccessTokenIssuerTest {
    private final AccessTokenIssuer issuer = TestTokens.issuer();

    private IssuedAccessToken issue(String... scopes) {
        return issuer.issue(AccessTokenClaims.forService("orders-batch", new TreeSet<>(List.of(scopes))));
    }

    @Test
    void notesEachIssuanceWithItsApplicationScopesAndInstantForThePostureReview() {
        List<String> noted = new ArrayList<>();
        AccessTokenIssuer noting = new AccessTokenIssuer(ISSUER, TestTokens.TTL, KeyRing.of(KEY), TestTokens.catalog(),
                java.util.Optional.empty(), (clientId, scopes, at) -> noted.add(clientId + " " + new TreeSet<>(scopes)
                        + " " + at), TestTokens.CLOCK);
        IssuedAccessToken token = noting.issue(AccessTokenClaims.forService("orders-batch",
                Set.of("orders:read", "reports:read")));
        assertEquals(List.of("orders-batch [orders:read, reports:read] " + token.issuedAt()), noted);
    }

    @Test
    void writesTheRfc9068Header() {
        String jwt = issue("orders:read").value().reveal();

        Jws<Claims> jws = TestTokens.verify(jwt);
        assertEquals("at+jwt", jws.getHeader().getType());
        assertEquals(KEY.kid(), jws.getHeader().getKeyId());
        assertEquals("RS256", jws.getHeader().getAlgorithm());
    }

    @Test
    void writesTheRfc9068Claims() {
        Claims claims = TestTokens.verify(issue("orders:read", "orders:write").value().reveal()).getPayload();

        assertEquals(ISSUER, claims.getIssuer());
        assertEquals("client:orders-batch", claims.getSubject());
        assertEquals(Set.of(ORDERS_API), claims.getAudience());
        assertEquals("orders-batch", claims.get("client_id", String.class));
        assertEquals("orders:read orders:write", claims.get("scope", String.class));
        assertFalse(claims.getId() == null || claims.getId().isBlank());
    }

    @Test
    void carriesNoClaimsBeyondRfc9068() {
        JsonNode payload = TestTokens.payload(issue("orders:read").value().reveal());

        List<String> names = new ArrayList<>();
        payload.fieldNames().forEachRemaining(names::add);
        assertEquals(new TreeSet<>(List.of("iss", "sub", "aud", "exp", "iat", "jti", "client_id", "scope")),
                new TreeSet<>(names));
    }

    @Test
    void issuesAtTheClocksWholeSecondAndExpiresAfterTheLifetime() {
        IssuedAccessToken token = issue("orders:read");
        Claims claims = TestTokens.verify(token.value().reveal()).getPayload();

        Instant issuedAt = claims.getIssuedAt().toInstant();
        Instant expiresAt = claims.getExpiration().toInstant();
        assertEquals(Instant.parse("2025-06-01T12:00:00Z"), issuedAt);
        assertEquals(TestTokens.TTL.toSeconds(), expiresAt.getEpochSecond() - issuedAt.getEpochSecond());
        assertEquals(issuedAt, token.issuedAt());
        assertEquals(expiresAt, token.expiresAt());
    }

    @Test
    void givesEveryTokenItsOwnJti() {
        IssuedAccessToken first = issue("orders:read");
        IssuedAccessToken second = issue("orders:read");

        assertNotEquals(first.jti(), second.jti());
        assertEquals(first.jti(), TestTokens.verify(first.value().reveal()).getPayload().getId());
        assertEquals(second.jti(), TestTokens.verify(second.value().reveal()).getPayload().getId());
        assertTrue(first.jti().length() >= 22, "at least 128 bits: " + first.jti());
    }

    static Stream<Arguments> audiences() {
        return Stream.of(
                Arguments.of(List.of("orders:read"), List.of(ORDERS_API)),
                Arguments.of(List.of("orders:read", "orders:write"), List.of(ORDERS_API)),
                Arguments.of(List.of("reports:read", "orders:read"), List.of(ORDERS_API, REPORTS_API)),
                Arguments.of(List.of("internal"), List.of(ISSUER)),
                Arguments.of(List.of("internal", "orders:read"), List.of(ORDERS_API, ISSUER)),
                Arguments.of(List.of("unknown-to-catalog"), List.of(ISSUER)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("audiences")
    void addressesTheApisTheScopesBelongTo(List<String> scopes, List<String> expected) {
        JsonNode aud = TestTokens.payload(issue(scopes.toArray(String[]::new)).value().reveal()).get("aud");

        if (expected.size() == 1) {
            assertTrue(aud.isTextual(), "a single audience is a string: " + aud);
            assertEquals(expected.get(0), aud.asText());
        } else {
            assertTrue(aud.isArray(), "several audiences are an array: " + aud);
            List<String> actual = new ArrayList<>();
            aud.forEach(node -> actual.add(node.asText()));
            assertEquals(expected, actual);
        }
    }

    @Test
    void neverUsesTheClientAsAudience() {
        Claims claims = TestTokens.verify(issuer.issue(AccessTokenClaims.forPerson("alice", "orders-web",
                Set.of("orders:read"), TestTokens.NOW.minusSeconds(30), AccessTokenClaims.newJti()))
                .value().reveal()).getPayload();

        assertFalse(claims.getAudience().contains("orders-web"));
        assertEquals("alice", claims.getSubject());
        assertEquals("orders-web", claims.get("client_id", String.class));
    }

    @Test
    void addsWhenAndHowAPersonAuthenticated() {
        Instant signedIn = Instant.parse("2025-06-01T11:59:30Z");
        String jti = AccessTokenClaims.newJti();

        IssuedAccessToken token = issuer.issue(AccessTokenClaims.forPerson("alice", "orders-web",
                Set.of("orders:read"), signedIn, jti));
        Claims claims = TestTokens.verify(token.value().reveal()).getPayload();

        assertEquals(signedIn.getEpochSecond(), claims.get("auth_time", Long.class));
        assertEquals(AccessTokenClaims.PASSWORD_ACR, claims.get("acr", String.class));
        assertEquals(jti, claims.getId());
        assertEquals(jti, token.jti());
    }

    @Test
    void signsWithTheCurrentKeyOfTheRing() {
        String jwt = issue("orders:read").value().reveal();

        assertThrows(SignatureException.class, () -> Jwts.parser()
                .verifyWith(KeyRing.generateKey(TestTokens.NOW).publicKey())
                .clock(() -> java.util.Date.from(TestTokens.NOW))
                .build().parseSignedClaims(jwt));
    }

    @Test
    void hidesTheTokenValueInToString() {
        IssuedAccessToken token = issue("orders:read");

        assertFalse(token.toString().contains(token.value().reveal()));
        assertFalse(TokenResponse.bearer(token).toString().contains(token.value().reveal()));
    }
}
