package io.latchkey.client;

import io.latchkey.store.AccountRepository;
import io.latchkey.store.HibernateThrottleStorage;
import io.latchkey.testing.InMemoryClientDirectory;
import io.latchkey.testing.TestClients;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.account.CredentialThrottle;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.store.Database;
import io.latchkey.store.LoginThrottleRepository;
import io.latchkey.testing.MutableClock;
import io.latchkey.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClientAuthenticatorTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String SECRET = "batch-secret-0123456789abcdefghijklmnop";
    private static final String NEXT_SECRET = "batch-secret-next-0123456789abcdefghijk";
    private static final String ADDRESS = "192.0.2.7";

    private final InMemoryClientDirectory clients = new InMemoryClientDirectory(
            TestClients.m2m("batch").withSecret(SECRET).build(),
            TestClients.m2m("rotating").withSecretExpiringAt(SECRET, NOW.plus(Duration.ofHours(1)))
                    .withSecret(NEXT_SECRET).build(),
            TestClients.m2m("rotated").withSecretExpiringAt(SECRET, NOW).withSecret(NEXT_SECRET).build(),
            TestClients.m2m("off").withSecret(SECRET).disabled().build(),
            TestClients.spa("spa").build());
    private final ClientAuthenticator authenticator = new ClientAuthenticator(clients, CLOCK);

    private static ClientCredentials basic(String id, String secret) {
        return new ClientCredentials(ClientAuthMethod.CLIENT_SECRET_BASIC, id, Optional.of(Secret.of(secret)));
    }

    private static ClientCredentials post(String id, String secret) {
        return new ClientCredentials(ClientAuthMethod.CLIENT_SECRET_POST, id, Optional.of(Secret.of(secret)));
    }

    private static ClientCredentials none(String id) {
        return new ClientCredentials(ClientAuthMethod.NONE, id, Optional.empty());
    }

    @Test
    void authenticatesAConfidentialClientWithBasic() {
        AuthenticatedClient authenticated = authenticator.authenticate(basic("batch", SECRET), ADDRESS);

        assertEquals("batch", authenticated.client().clientId());
        assertEquals(ClientAuthMethod.CLIENT_SECRET_BASIC, authenticated.method());
    }

    @Test
    void authenticatesAConfidentialClientWithClientSecretPost() {
        assertEquals(ClientAuthMethod.CLIENT_SECRET_POST, authenticator.authenticate(post("batch", SECRET), ADDRESS).method());
    }

    @Test
    void authenticatesAPublicClientByItsIdAlone() {
        AuthenticatedClient authenticated = authenticator.authenticate(none("spa"), ADDRESS);

        assertEquals(ClientType.SPA, authenticated.client().type());
        assertEquals(ClientAuthMethod.NONE, authenticated.method());
    }

    @Test
    void acceptsBothLiveSecretsDuringRotation() {
        assertEquals("rotating", authenticator.authenticate(basic("rotating", SECRET), ADDRESS).client().clientId());
        assertEquals("rotating", authenticator.authenticate(basic("rotating", NEXT_SECRET), ADDRESS).client().clientId());
    }

    @Test
    void acceptsTheCurrentSecretAfterTheOldOneExpired() {
        assertEquals("rotated", authenticator.authenticate(post("rotated", NEXT_SECRET), ADDRESS).client().clientId());
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("unknown client", basic("nobody", SECRET)),
                Arguments.of("unknown public client", none("nobody")),
                Arguments.of("disabled client", basic("off", SECRET)),
                Arguments.of("wrong secret", basic("batch", SECRET + "x")),
                Arguments.of("empty secret", post("batch", "")),
                Arguments.of("secret expired exactly now", basic("rotated", SECRET)),
                Arguments.of("public client with a secret", post("spa", SECRET)),
                Arguments.of("confidential client without a secret", none("batch")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void failsWithTheSameInvalidClientAnswer(String why, ClientCredentials credentials) {
        OAuthException e = assertThrows(OAuthException.class, () -> authenticator.authenticate(credentials, ADDRESS));

        assertEquals(ErrorCode.INVALID_CLIENT, e.error().code());
        assertEquals("client authentication failed", e.error().description(), "the public text never varies");
        assertTrue(e.detail() != null && !e.detail().isEmpty(), "the log detail says why");
        assertEquals(Optional.of(ClientCredentials.BASIC_CHALLENGE), e.challenge(),
                "every 401 carries a Basic challenge (RFC 9110 §15.5.2)");
    }

    @Test
    void rejectsARotatedSecretOnceItsOverlapEnds() {
        ClientAuthenticator later = new ClientAuthenticator(clients, Clock.offset(CLOCK, Duration.ofHours(1)));

        assertThrows(OAuthException.class, () -> later.authenticate(basic("rotating", SECRET), ADDRESS));
        assertEquals("rotating", later.authenticate(basic("rotating", NEXT_SECRET), ADDRESS).client().clientId());
    }

    @Test
    void neverPutsTheSecretInTheLogDetail() {
        OAuthException e = assertThrows(OAuthException.class,
                () -> authenticator.authenticate(basic("batch", "wrong-secret-value"), ADDRESS));

        assertTrue(!e.detail().contains("wrong-secret-value") && !e.getMessage().contains("wrong-secret-value"));
    }

    @Test
    void looksTheClientUpOnce() {
        Client batch = clients.find("batch").orElseThrow();
        int before = clients.lookups();

        assertSame(batch, authenticator.authenticate(basic("batch", SECRET), ADDRESS).client());
        assertEquals(before + 1, clients.lookups());
    }

    /** Tries {@code credentials}; the error it was refused with, or null when it authenticated. */
    private static ErrorCode attempt(ClientAuthenticator braked, ClientCredentials credentials, String address) {
        try {
            braked.authenticate(credentials, address);
            return null;
        } catch (OAuthException e) {
            if (e.error().code() == ErrorCode.CLIENT_AUTHENTICATION_THROTTLED) {
                assertTrue(e.retryAfterSeconds().orElseThrow() >= 1, "a 429 says when to come back");
                assertEquals("invalid_client", e.error().code().wireName());
                assertEquals(429, e.error().code().status());
            }
            return e.error().code();
        }
    }

    @Test
    void fortyWrongSecretsBrakeTheGuessingAddressWhileTheRealClientKeepsWorkingFromItsOwn() {
        Database database = TestDatabase.open();
        try {
            MutableClock clock = new MutableClock(NOW);
            ClientAuthenticator braked = new ClientAuthenticator(clients,
                    new CredentialThrottle(new HibernateThrottleStorage(database.transactions(),
                            new LoginThrottleRepository(), new AccountRepository()), clock), clock);
            String attacker = "198.51.100.66";
            List<ErrorCode> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                answers.add(attempt(braked, basic("batch", "guess-" + i), attacker));
            }
            int first = answers.indexOf(ErrorCode.CLIENT_AUTHENTICATION_THROTTLED);
            assertEquals(CredentialThrottle.FREE_CLIENT_FAILURES + 1, first, answers::toString);
            assertTrue(answers.subList(first, 40).stream().allMatch(ErrorCode.CLIENT_AUTHENTICATION_THROTTLED::equals),
                    "once braked, every guess is refused unread: " + answers);

            assertEquals(ErrorCode.CLIENT_AUTHENTICATION_THROTTLED, attempt(braked, basic("batch", SECRET), attacker),
                    "the right secret from the braked address is refused too, so a 429 tells no guess apart");
            assertEquals(null, attempt(braked, basic("batch", SECRET), ADDRESS),
                    "the real client, from an address that never failed, is not locked out");
            assertEquals(null, attempt(braked, post("rotating", SECRET), attacker), "other clients are not concerned");

            clock.advance(Duration.ofSeconds(4));
            assertEquals(null, attempt(braked, basic("batch", SECRET), attacker), "the block ends");
        } finally {
            database.close();
        }
    }
}
