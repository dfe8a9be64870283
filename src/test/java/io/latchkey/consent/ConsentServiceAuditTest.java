package io.latchkey.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.latchkey.account.Account;
import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.store.ConsentRepository;
import io.latchkey.store.Database;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestDatabase;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A consent granted or revoked is an audit event naming the person and the application. */
class ConsentServiceAuditTest {

    @Test
    void grantedAndRevokedConsentsAreRecordedANoOpRevocationIsNot() {
        try (Database database = TestDatabase.open()) {
            SignInWorld world = new SignInWorld(database);
            List<AuditEvent> audited = new CopyOnWriteArrayList<>();
            ConsentService consents = new ConsentService(world.transactions, new ConsentRepository(), world.families,
                    audited::add, world.clock);
            Account alice = world.person();
            Actor person = Actor.account(alice.subject(), "req-1", "198.51.100.2");
            Actor operator = Actor.account("sub-operator", "req-2", "198.51.100.3");

            consents.remember(person, alice, "web", Set.of("profile", "openid"));
            assertFalse(consents.forget(operator, alice, "elsewhere"));
            consents.forget(operator, alice, "web");

            String target = "consent:" + alice.subject() + "/web";
            assertEquals(List.of(
                    AuditEvent.success(person, "consent.granted", target, List.of(), "scope openid profile"),
                    AuditEvent.success(operator, "consent.revoked", target, List.of(),
                            "the consent and the application's refresh tokens for this person were revoked")),
                    audited);
            assertFalse(consents.covers(alice.id(), "web", Set.of("openid")), "and it was revoked");
        }
    }
}
