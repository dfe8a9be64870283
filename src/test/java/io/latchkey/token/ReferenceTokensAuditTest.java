package io.latchkey.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.account.Account;
import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.AuditHistory;
import io.latchkey.audit.AuditQuery;
import io.latchkey.audit.RecordedEvent;
import io.latchkey.audit.StoredAuditTrail;
import io.latchkey.client.AccessTokenPolicy;
import io.latchkey.client.Client;
import io.latchkey.security.Secret;
import io.latchkey.store.AuditEventRepository;
import io.latchkey.store.Database;
import io.latchkey.store.ReferenceTokenRepository;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Personal and service access tokens issued and revoked are events of the stored audit trail, with the actor that
 * asked and the token's id; no row holds a token's value or its hash.
 */
class ReferenceTokensAuditTest {
    private static final Client APP = TestClients.webApp("pat-app")
            .withAccessTokens(AccessTokenPolicy.AUTHENTICATED_USERS).build();

    @Test
    void issuesAndRevocationsAreRecordedByIdNeverByValue() {
        try (Database database = TestDatabase.open()) {
            SignInWorld world = new SignInWorld(database, APP);
            ReferenceTokens tokens = new ReferenceTokens(world.transactions, new ReferenceTokenRepository(), new StoredAuditTrail(world.transactions, new AuditEventRepository(),
                    Duration.ofDays(30), world.clock), world.clock);
            ReferenceTokenService service = new ReferenceTokenService(world.clients, tokens, () -> List.of(APP.clientId()));
            AuditHistory history = new AuditHistory(world.transactions, new AuditEventRepository());
            Account person = world.person();
            Actor onThePage = Actor.account(person.subject(), "req-1", "192.0.2.4");

            ReferenceTokens.Issued pat = service.issue(onThePage, person, new ReferenceTokenService.IssueRequest(
                    ReferenceToken.Kind.PAT, "laptop", APP.clientId(), Set.of("openid"), Duration.ofDays(30)));
            ReferenceTokens.Issued sat = tokens.store(Actor.account(person.subject(), "req-2", "192.0.2.4"), person,
                    APP, ReferenceToken.Kind.SAT, "batch", Set.of("orders:read"), Duration.ofDays(7));
            assertTrue(service.revoke(onThePage, person, pat.token().id()));
            assertFalse(service.revoke(onThePage, person, pat.token().id()), "a second revocation is no event");
            assertTrue(tokens.revokeForClient(APP, sat.value()));

            List<AuditEvent> events = new ArrayList<>(history.find(AuditQuery.all(50)).items().stream()
                    .map(RecordedEvent::event).toList());
            Collections.reverse(events);
            assertEquals(List.of("personal_access_token.issued", "service_access_token.issued",
                    "personal_access_token.revoked", "service_access_token.revoked"),
                    events.stream().map(AuditEvent::action).toList());
            String patTarget = "personal_access_token:" + pat.token().id();
            String satTarget = "service_access_token:" + sat.token().id();
            assertEquals(List.of(patTarget, satTarget, patTarget, satTarget),
                    events.stream().map(AuditEvent::target).toList());
            assertEquals(List.of(onThePage, Actor.account(person.subject(), "req-2", "192.0.2.4"), onThePage,
                    Actor.application(APP.clientId(), null, null)),
                    events.stream().map(AuditEvent::actor).toList());
            assertEquals("for application pat-app acting as " + person.subject() + ", scope \"openid\", expires "
                    + world.clock.instant().plus(Duration.ofDays(30)), events.get(0).detail());

            for (Secret value : List.of(pat.value(), sat.value())) {
                assertEquals(0, TestDatabase.count(database, "select count(*) from audit_event where "
                        + "concat(actor_id, action, target, coalesce(request_id, ''), coalesce(client_address, ''), "
                        + "changed_fields, detail) like ?1 or detail like ?2",
                        "%" + value.reveal() + "%", "%" + value.hashed() + "%"), "neither value nor hash is stored");
            }
        }
    }
}
