package io.latchkey.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.testing.InMemoryClientDirectory;
import io.latchkey.testing.MutableClock;
import io.latchkey.testing.TestClients;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The audit events of client authentication: the use of a secret in its overlap, at most once an hour. */
class ClientAuthenticatorAuditTest {
    private static final String OLD_SECRET = "batch-secret-0123456789abcdefghijklmnop";
    private static final String NEW_SECRET = "batch-secret-next-0123456789abcdefghijk";
    private static final String ADDRESS = "192.0.2.7";

    private final MutableClock clock = new MutableClock();
    private final List<AuditEvent> audited = new CopyOnWriteArrayList<>();
    private final ClientAuthenticator authenticator = new ClientAuthenticator(new InMemoryClientDirectory(
            TestClients.m2m("rotating").withSecretExpiringAt(OLD_SECRET, MutableClock.START.plus(Duration.ofHours(3)))
                    .withSecret(NEW_SECRET).build()), audited::add, clock);

    private void authenticate(String secret) {
        authenticator.authenticate(new ClientCredentials(ClientAuthMethod.CLIENT_SECRET_BASIC, "rotating",
                Optional.of(Secret.of(secret))), ADDRESS);
    }

    @Test
    void theOldSecretInItsOverlapIsRecordedOnceAnHourTheCurrentOneNever() {
        authenticate(NEW_SECRET);
        assertEquals(List.of(), audited, "the current secret is no news");

        authenticate(OLD_SECRET);
        authenticate(OLD_SECRET);
        clock.advance(Duration.ofMinutes(59));
        authenticate(OLD_SECRET);
        assertEquals(1, audited.size(), "one event for the first hour of uses: " + audited);
        AuditEvent event = audited.get(0);
        assertEquals(new Actor(Actor.Kind.APPLICATION, "rotating", Optional.empty(), Optional.of(ADDRESS)),
                event.actor());
        assertEquals("application.secret.used_in_overlap", event.action());
        assertEquals("application:rotating", event.target());
        assertEquals(AuditEvent.Outcome.SUCCESS, event.outcome());
        assertEquals("a secret created " + MutableClock.START.minus(Duration.ofDays(1)) + " that stops working at "
                + MutableClock.START.plus(Duration.ofHours(3)) + " was used", event.detail());
        assertFalse(event.logLine().contains(OLD_SECRET) || event.logLine().contains(Secret.of(OLD_SECRET).hashed()),
                "neither the secret nor its hash");

        clock.advance(Duration.ofMinutes(1));
        authenticate(OLD_SECRET);
        assertEquals(2, audited.size(), "an hour after the last event, the next use is recorded again");

        clock.advance(Duration.ofHours(2));
        assertThrows(OAuthException.class, () -> authenticate(OLD_SECRET), "after its overlap the secret fails");
        assertEquals(2, audited.size(), "a refused secret is no overlap use");
    }

    @Test
    void aLastUseThatCannotBeNotedNeverFailsTheAuthenticationAndIsTriedAgainAMinuteLater() {
        List<String> noted = new CopyOnWriteArrayList<>();
        boolean[] storeDown = {true};
        ClientAuthenticator noting = ClientAuthenticator.notingUses(new InMemoryClientDirectory(
                TestClients.m2m("rotating").withSecret(NEW_SECRET).build()), (hash, at) -> {
                    if (storeDown[0]) {
                        throw new IllegalStateException("the database is away");
                    }
                    noted.add(hash + "@" + at);
                }, clock);
        ClientCredentials credentials = new ClientCredentials(ClientAuthMethod.CLIENT_SECRET_BASIC, "rotating",
                Optional.of(Secret.of(NEW_SECRET)));

        assertEquals("rotating", noting.authenticate(credentials, ADDRESS).client().clientId());
        storeDown[0] = false;
        noting.authenticate(credentials, ADDRESS);
        assertEquals(List.of(), noted, "within the minute nothing is noted again");
        clock.advance(ClientAuthenticator.LAST_USE_INTERVAL);
        noting.authenticate(credentials, ADDRESS);
        assertEquals(List.of(Secret.of(NEW_SECRET).hashed() + "@" + clock.instant()), noted);
    }
}
