package io.latchkey.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jwt.JWTClaimsSet;
import io.latchkey.client.Client;
import io.latchkey.client.ClientSigning;
import io.latchkey.client.RequestObjectAlgorithm;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.testing.MutableClock;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestKeys;
import java.io.IOException;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 9101 §6 and §10.2, OIDC Core §6.3.2: what makes a request object usable, each refusal alone. */
class RequestObjectVerifierTest {
    private static final RequestObjectSigner RP = new RequestObjectSigner("rp-rsa", "rp-ec");
    private static final RequestObjectSigner STRANGER = new RequestObjectSigner("rp-rsa", "rp-ec");
    private final MutableClock clock = new MutableClock();
    private final AtomicInteger fetches = new AtomicInteger();
    private String served = RP.publicJwks();
    private final RequestObjectVerifier verifier = new RequestObjectVerifier(TestKeys.ISSUER,
            new RequestObjectKeys(uri -> {
                fetches.incrementAndGet();
                if (served == null) {
                    throw new IOException("down");
                }
                return served;
            }, clock), clock);

    private static Client app(Optional<RequestObjectAlgorithm> alg) {
        return TestClients.webApp("web").withSigning(new ClientSigning(Optional.of(RP.publicJwks()), Optional.empty(),
                alg, Optional.empty())).build();
    }

    private static Client byReference() {
        return TestClients.webApp("web").withSigning(new ClientSigning(Optional.empty(),
                Optional.of("https://rp.example.com/jwks.json"), Optional.empty(), Optional.empty())).build();
    }

    private JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer("web").audience(TestKeys.ISSUER).claim("client_id", "web")
                .claim("response_type", "code").claim("scope", "openid").claim("state", "inside")
                .expirationTime(Date.from(clock.instant().plusSeconds(300)));
    }

    private OAuthException refused(Client client, String jwt) {
        OAuthException e = assertThrows(OAuthException.class, () -> verifier.verify(client, jwt));
        assertEquals(ErrorCode.INVALID_REQUEST_OBJECT, e.error().code());
        return e;
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "PS256", "ES256"})
    void anObjectSignedWithARegisteredKeyGivesItsClaims(String alg) {
        Map<String, Object> claims = verifier.verify(app(Optional.empty()), RP.sign(alg, claims().build()));
        assertEquals("inside", claims.get("state"));
        assertEquals("code", claims.get("response_type"));
    }

    @Test
    void withoutAKidEveryRegisteredKeyOfTheRightTypeIsTried() {
        assertEquals("inside", verifier.verify(app(Optional.empty()),
                RP.sign("ES256", claims().build(), false)).get("state"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "PS256", "ES256"})
    void anObjectSignedWithAnotherKeyIsRefused(String alg) {
        assertEquals("the request object's signature does not verify",
                refused(app(Optional.empty()), STRANGER.sign(alg, claims().build())).error().description());
    }

    @Test
    void anAlgorithmOtherThanTheRegisteredOneIsRefused() {
        assertEquals("this application's request objects must use alg ES256",
                refused(app(Optional.of(RequestObjectAlgorithm.ES256)), RP.sign("RS256", claims().build()))
                        .error().description());
        verifier.verify(app(Optional.of(RequestObjectAlgorithm.ES256)), RP.sign("ES256", claims().build()));
    }

    @Test
    void aKidNoRegisteredKeyHasIsRefused() {
        String jwt = new RequestObjectSigner("other-kid", "other-ec").sign("RS256", claims().build());
        assertEquals("no registered key of this application verifies RS256 with this kid",
                refused(app(Optional.empty()), jwt).error().description());
    }

    @Test
    void anUnsignedObjectIsRefusedUnlessTheOperatorAllowedNone() {
        String unsigned = RequestObjectSigner.unsigned(claims().build());
        assertEquals("this application's request objects must be signed",
                refused(app(Optional.empty()), unsigned).error().description());
        assertEquals("this application's request objects must be signed",
                refused(TestClients.webApp("web").build(), unsigned).error().description());
        assertEquals("this application's request objects must use alg none",
                refused(app(Optional.of(RequestObjectAlgorithm.NONE)), RP.sign("RS256", claims().build()))
                        .error().description());
    }

    @Test
    void anUnsignedObjectIsAcceptedWhereTheOperatorAllowedNone() {
        Client allowed = TestClients.webApp("web").withSigning(new ClientSigning(Optional.empty(), Optional.empty(),
                Optional.of(RequestObjectAlgorithm.NONE), Optional.empty())).build();
        assertEquals("inside", verifier.verify(allowed, RequestObjectSigner.unsigned(claims().build())).get("state"));
    }

    @Test
    void anExpiredOrNotYetValidObjectIsRefused() {
        Client client = app(Optional.empty());
        String expired = RP.sign("RS256", claims().expirationTime(Date.from(clock.instant().minusSeconds(120))).build());
        assertEquals("the request object has expired", refused(client, expired).error().description());
        String early = RP.sign("RS256", claims().notBeforeTime(Date.from(clock.instant().plusSeconds(600))).build());
        assertEquals("the request object is not valid yet (nbf)", refused(client, early).error().description());
    }

    @Test
    void issMustBeTheClientAndAudThisServerWhenPresent() {
        Client client = app(Optional.empty());
        assertEquals("the request object's iss must be the client_id",
                refused(client, RP.sign("RS256", claims().issuer("someone-else").build())).error().description());
        assertEquals("the request object's aud must name this server (its issuer)",
                refused(client, RP.sign("RS256", claims().audience("https://elsewhere.example.com").build()))
                        .error().description());
        verifier.verify(client, RP.sign("RS256", claims().issuer(null).audience(List.of()).build()));
    }

    @Test
    void encryptedOrMalformedObjectsAreRefused() {
        assertEquals("encrypted request objects are not supported",
                refused(app(Optional.empty()), "a.b.c.d.e").error().description());
        assertEquals("the request object is not a JWT", refused(app(Optional.empty()), "abc").error().description());
        assertEquals("the request object's alg is not supported", refused(app(Optional.empty()),
                "eyJhbGciOiJIUzI1NiJ9.e30.c2ln").error().description());
    }

    @Test
    void aJwksUriIsFetchedOnceThenCachedAndRefetchedForANewKid() {
        Client client = byReference();
        verifier.verify(client, RP.sign("RS256", claims().build()));
        verifier.verify(client, RP.sign("ES256", claims().build()));
        assertEquals(1, fetches.get(), "cached");
        RequestObjectSigner rotated = new RequestObjectSigner("rp-rsa-2", "rp-ec-2");
        served = rotated.publicJwks();
        refused(client, rotated.sign("RS256", claims().build()));
        assertEquals(1, fetches.get(), "an unknown kid refetches only after " + RequestObjectKeys.REFETCH_AFTER);
        clock.advance(RequestObjectKeys.REFETCH_AFTER.plusSeconds(1));
        verifier.verify(client, rotated.sign("RS256", claims().build()));
        assertEquals(2, fetches.get());
        clock.advance(RequestObjectKeys.LIFETIME.plus(Duration.ofSeconds(1)));
        served = null;
        assertEquals("no registered key of this application verifies RS256 with this kid",
                refused(client, rotated.sign("RS256", claims().build())).error().description(),
                "past its lifetime the cached set is not used when the jwks_uri fails");
    }
}
