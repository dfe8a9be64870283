package io.latchkey.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.job.AuditRetention;
import io.latchkey.job.JobRunner;
import io.latchkey.job.Leases;
import io.latchkey.store.AuditEventRepository;
import io.latchkey.store.JobLeaseRepository;
import io.latchkey.store.Database;
import io.latchkey.store.Page;
import io.latchkey.testing.MutableClock;
import io.latchkey.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stored audit trail and its query over a real database: what a row keeps, each filter, newest-first keyset
 * pages, the retention purge and free text that does not fit. Run on H2 ({@link AuditTrailH2Test}) and on
 * PostgreSQL ({@link AuditTrailPostgresTest}).
 */
abstract class AuditTrailContract {
    private static final Duration RETENTION = Duration.ofDays(7);
    private MutableClock clock;
    private StoredAuditTrail trail;
    private AuditHistory history;
    /** Unique per test, so the tests sharing one database each see their own events. */
    private String run;

    abstract Database database();

    @BeforeEach
    void trail() {
        clock = new MutableClock();
        trail = new StoredAuditTrail(database().transactions(), new AuditEventRepository(), RETENTION, clock);
        history = new AuditHistory(database().transactions(), new AuditEventRepository());
        run = UUID.randomUUID().toString();
    }

    private AuditEvent event(Actor actor, String action, String target) {
        return AuditEvent.success(actor, action, target, List.of(), "");
    }

    private List<RecordedEvent> all(AuditQuery query) {
        List<RecordedEvent> events = new ArrayList<>();
        AuditQuery next = query;
        while (true) {
            Page<RecordedEvent> page = history.find(next);
            events.addAll(page.items());
            if (page.nextAfterKey().isEmpty()) {
                return events;
            }
            next = query.after(page.nextAfterKey().get());
        }
    }

    private List<String> details(AuditQuery query) {
        return all(query).stream().map(e -> e.event().detail()).toList();
    }

    @Test
    void anEventRecordedInAChangesTransactionIsKeptOnlyWhenThatTransactionCommits() {
        Actor actor = Actor.account("sub-" + run, null, null);
        AuditEvent kept = event(actor, "scope.created", "scope:kept-" + run);
        AuditEvent lost = event(actor, "scope.created", "scope:lost-" + run);

        database().transactions().run(em -> trail.record(em, kept));
        assertThrows(IllegalStateException.class, () -> database().transactions().run(em -> {
            trail.record(em, lost);
            throw new IllegalStateException("the change failed after its event was written");
        }));

        assertEquals(List.of(kept), all(AuditQuery.all(10).withTarget("scope:kept-" + run)).stream()
                .map(RecordedEvent::event).toList());
        assertEquals(List.of(), all(AuditQuery.all(10).withTarget("scope:lost-" + run)));
    }

    @Test
    void anEventInTheCallersTransactionIsWrittenAtOnceInCallOrderAndNotKeptInItsPersistenceContext() {
        Actor actor = Actor.account("sub-" + run, null, null);
        String target = "scope:direct-" + run;

        database().transactions().run(em -> {
            trail.record(em, event(actor, "scope.created", target));
            trail.record(em, event(actor, "scope.updated", target));
            // Nothing of the rows is managed (no snapshot, nothing left for the flush at commit) ...
            assertEquals(0, em.unwrap(Session.class).getStatistics().getEntityCount());
            // ... and they are in the database already, seen by the transaction's own reads.
            assertEquals(2L, ((Number) em.createNativeQuery("SELECT COUNT(*) FROM audit_event WHERE target = ?1")
                    .setParameter(1, target).getSingleResult()).longValue());
        });

        assertEquals(List.of("scope.updated", "scope.created"), all(AuditQuery.all(10).withTarget(target)).stream()
                .map(e -> e.event().action()).toList());
    }

    @Test
    void aRowKeepsEverythingTheEventSaidAndTheClocksTime() {
        Actor actor = Actor.account("sub-" + run, "req-17", "203.0.113.9");
        trail.record(AuditEvent.success(actor, "application.updated", "application:" + run,
                List.of("name", "redirect_uris"), "renamed"));

        List<RecordedEvent> found = all(AuditQuery.all(10).withTarget("application:" + run));

        assertEquals(1, found.size());
        RecordedEvent recorded = found.get(0);
        assertEquals(MutableClock.START, recorded.occurredAt());
        assertEquals(AuditEvent.success(actor, "application.updated", "application:" + run,
                List.of("name", "redirect_uris"), "renamed"), recorded.event());
        trail.record(AuditEvent.failure(Actor.SYSTEM, "signing_key.loaded", "application:" + run, ""));
        RecordedEvent failure = history.find(AuditQuery.all(1).withTarget("application:" + run)).items().get(0);
        assertEquals(AuditEvent.failure(Actor.SYSTEM, "signing_key.loaded", "application:" + run, ""),
                failure.event());
        assertTrue(failure.id() > recorded.id(), "ids grow with time");
    }

    @Test
    void filtersByActorNameTargetExactActionActionPrefixAndTimeRange() {
        String target = "application:" + run;
        Actor alice = Actor.account("alice-" + run, null, null);
        Actor bob = Actor.account("bob-" + run, null, null);
        Actor app = Actor.application("alice-" + run, null, null);
        trail.record(AuditEvent.success(alice, "application.created", target, List.of(), "1"));
        clock.advanceSeconds(10);
        trail.record(AuditEvent.success(bob, "application.secret.rotated", target, List.of(), "2"));
        clock.advanceSeconds(10);
        trail.record(AuditEvent.success(app, "sign_in", target, List.of(), "3"));
        clock.advanceSeconds(10);
        trail.record(AuditEvent.success(alice, "signXin.throttled", target, List.of(), "4"));
        trail.record(AuditEvent.success(alice, "sign_in.throttled", "account:" + run, List.of(), "5"));
        trail.record(AuditEvent.success(Actor.IMPORT, "applications", target, List.of(), "6"));

        AuditQuery mine = AuditQuery.all(50).withTarget(target);
        assertEquals(List.of("6", "4", "3", "2", "1"), details(mine), "exact target, newest first");
        assertEquals(List.of("4", "1"), details(mine.withActor("account:alice-" + run)),
                "the account alice, not the application of the same id");
        assertEquals(List.of("3"), details(mine.withActor("application:alice-" + run)));
        assertEquals(List.of("2"), details(mine.withActor("account:bob-" + run)));
        assertTrue(details(AuditQuery.all(50).withActor("account:alice")).stream().noneMatch(d -> d.equals("1")),
                "an actor id is matched whole, not as a prefix");
        assertEquals(List.of("2", "1"), details(mine.withAction("application.")), "a prefix ending in a dot");
        assertEquals(List.of("2"), details(mine.withAction("application.secret.rotated")), "an exact action");
        assertEquals(List.of(), details(mine.withAction("application")), "an exact action is not a prefix");
        assertEquals(List.of("3"), details(mine.withAction("sign_in")));
        assertEquals(List.of(), details(mine.withAction("sign_in.")),
                "the underscore of a prefix is no wildcard: signXin.throttled does not match");
        assertEquals(List.of("5"), details(AuditQuery.all(50).withActor("account:alice-" + run)
                .withAction("sign_in.")));
        assertEquals(List.of("6"), details(mine.withActor("import")));
        Instant start = MutableClock.START;
        assertEquals(List.of("2"), details(mine.between(Optional.of(start.plusSeconds(10)),
                Optional.of(start.plusSeconds(20)))), "from is inclusive, to exclusive");
        assertEquals(List.of("6", "4", "3"), details(mine.between(Optional.of(start.plusSeconds(20)),
                Optional.empty())));
        assertEquals(List.of("1"), details(mine.between(Optional.empty(), Optional.of(start.plusSeconds(10)))));
        assertEquals(List.of("4"), details(mine.withActor("account:alice-" + run).withAction("signXin.throttled")
                .between(Optional.of(start), Optional.of(start.plusSeconds(31)))), "filters combine");
    }

    @Test
    void pagesNewestFirstWithoutGapsOrRepeats() {
        String target = "account:" + run;
        for (int i = 1; i <= 7; i++) {
            trail.record(AuditEvent.success(Actor.SYSTEM, "consent.granted", target, List.of(), "e" + i));
        }
        trail.record(AuditEvent.success(Actor.SYSTEM, "consent.granted", "account:other-" + run, List.of(), "x"));

        AuditQuery first = AuditQuery.all(3).withTarget(target);
        Page<RecordedEvent> one = history.find(first);
        Page<RecordedEvent> two = history.find(first.after(one.nextAfterKey().orElseThrow()));
        Page<RecordedEvent> three = history.find(first.after(two.nextAfterKey().orElseThrow()));

        assertEquals(List.of("e7", "e6", "e5"), one.items().stream().map(e -> e.event().detail()).toList());
        assertEquals(List.of("e4", "e3", "e2"), two.items().stream().map(e -> e.event().detail()).toList());
        assertEquals(List.of("e1"), three.items().stream().map(e -> e.event().detail()).toList());
        assertEquals(Optional.empty(), three.nextAfterKey());
        AuditQuery exact = AuditQuery.all(7).withTarget(target);
        assertEquals(7, history.find(exact).items().size());
        assertEquals(Optional.empty(), history.find(exact).nextAfterKey(), "a full last page says no more follow");
        trail.record(AuditEvent.success(Actor.SYSTEM, "consent.granted", target, List.of(), "e8"));
        assertEquals(List.of("e4", "e3", "e2"), history.find(first.after(one.nextAfterKey().get())).items().stream()
                .map(e -> e.event().detail()).toList(), "a newer event does not shift the later pages");
    }

    @Test
    void refusesMalformedQueriesByField() {
        assertEquals(List.of("actor"), fields(AuditQuery.all(5).withActor("robot:x")));
        assertEquals(List.of("actor"), fields(AuditQuery.all(5).withActor("account:")));
        assertEquals(List.of("actor"), fields(AuditQuery.all(5).withActor("system:x")));
        assertEquals(List.of(), fields(AuditQuery.all(5).withActor("system")));
        assertEquals(List.of("action"), fields(AuditQuery.all(5).withAction("")));
        assertEquals(List.of("target"), fields(AuditQuery.all(5).withTarget("")));
        Instant now = Instant.now();
        assertEquals(List.of("to"), fields(AuditQuery.all(5).between(Optional.of(now), Optional.of(now))));
        assertEquals(List.of("cursor"), fields(AuditQuery.all(5).after("x1")));
        assertEquals(List.of("cursor"), fields(AuditQuery.all(5).after("-3")));
    }

    private static List<String> fields(AuditQuery query) {
        return query.violations().stream().map(v -> v.field()).toList();
    }

    @Test
    void thePurgeDeletesEventsOlderThanTheRetentionABoundedNumberOfBatchesAtATime() {
        // Far after every other test's events, so this test's counts are its own.
        clock.set(MutableClock.START.plus(Duration.ofDays(4000)));
        StoredAuditTrail batched = new StoredAuditTrail(database().transactions(), new AuditEventRepository(),
                RETENTION, clock, 4, 2);
        String target = "account:" + run;
        for (int i = 0; i < 11; i++) {
            batched.record(event(Actor.SYSTEM, "old", target));
        }
        clock.advanceSeconds(1);
        batched.record(event(Actor.SYSTEM, "young", target));
        clock.advance(RETENTION);

        assertEquals(8, batched.purgeExpired(), "at least 11 are due; one call deletes two batches of 4");
        long calls = 1;
        while (batched.purgeExpired() > 0) {
            calls++;
        }

        assertTrue(calls >= 2, "the rest went in the next calls");
        assertEquals(List.of("young"), all(AuditQuery.all(50).withTarget(target)).stream()
                .map(e -> e.event().action()).toList(), "an event exactly the retention old is kept");
    }

    @Test
    void writesNeverPurgeTheRetentionJobDoesOncePerHourOnOneNode() {
        Instant start = MutableClock.START.plus(Duration.ofDays(5000));
        clock.set(start);
        String target = "account:" + run;
        for (int i = 0; i < 10; i++) {
            trail.record(event(Actor.SYSTEM, "old", target));
        }
        clock.advance(RETENTION.plusDays(1));
        trail.record(event(Actor.SYSTEM, "new", target));
        assertEquals(10, count(target, "old"), "a write does not purge");

        Leases leases = Leases.stored(database().transactions(), new JobLeaseRepository());
        JobRunner node = new JobRunner(leases, List.of(new AuditRetention(trail)), clock, "node-" + run);
        JobRunner other = new JobRunner(leases, List.of(new AuditRetention(trail)), clock, "other-" + run);
        assertEquals(List.of(AuditRetention.NAME), node.runDue());
        assertEquals(List.of(), other.runDue(), "one node per hour");
        assertEquals(0, count(target, "old"));

        MutableClock past = new MutableClock(clock.instant().minus(RETENTION).minusSeconds(60));
        new StoredAuditTrail(database().transactions(), new AuditEventRepository(), RETENTION, past)
                .record(event(Actor.SYSTEM, "expired", target));
        clock.advance(Duration.ofMinutes(30));
        assertEquals(List.of(), node.runDue());
        assertEquals(List.of(), other.runDue());
        assertEquals(1, count(target, "expired"), "no purge within the hour after the last one");

        clock.advance(Duration.ofMinutes(30));
        assertEquals(List.of(AuditRetention.NAME), other.runDue());
        assertEquals(0, count(target, "expired"), "an hour after the last purge, the job purges again");
        assertEquals(1, count(target, "new"));
    }

    private int count(String target, String action) {
        return all(AuditQuery.all(50).withTarget(target).withAction(action)).size();
    }

    @Test
    void storesHostileAndOversizedTextCutToFit() {
        String target = "application:" + run;
        String hostileDetail = "line one\nline two\r\u0000nul " + "x".repeat(2000) + "\uD83D\uDE00";
        String longActorId = "s".repeat(199) + "\uD83D\uDE00" + "tail";
        Actor actor = new Actor(Actor.Kind.ACCOUNT, longActorId, Optional.of("r".repeat(300)),
                Optional.of("a\u0000".repeat(100)));
        trail.record(AuditEvent.success(actor, "a".repeat(500), target + "\n" + "t".repeat(600),
                java.util.Collections.nCopies(300, "field_name"), hostileDetail));
        trail.record(AuditEvent.success(Actor.SYSTEM, "after", target + "\n" + "t".repeat(600), List.of(), ""));

        List<RecordedEvent> stored = all(AuditQuery.all(10).withActor("system").withAction("after"));
        assertFalse(stored.isEmpty(), "the trail still writes after an oversized event");
        String storedTarget = stored.get(0).event().target();
        assertTrue(storedTarget.startsWith(target + "?ttt"), storedTarget);
        List<RecordedEvent> hostile = all(AuditQuery.all(10).withTarget(storedTarget)
                .withActor("account:" + "s".repeat(199) + "…"));
        assertEquals(1, hostile.size(), "stored, with the actor id cut before the pair it would split");
        AuditEvent event = hostile.get(0).event();
        assertTrue(event.detail().startsWith("line one?line two??nul xxx"), event.detail());
        assertTrue(event.detail().length() <= 1000 && event.detail().endsWith("…"));
        assertTrue(event.action().length() <= 100);
        assertTrue(event.actor().requestId().orElseThrow().length() <= 64);
        assertTrue(event.actor().clientAddress().orElseThrow().startsWith("a?a?"));
        assertTrue(String.join(",", event.changedFields()).length() <= 1000);
        assertFalse(event.changedFields().isEmpty());
    }
}
