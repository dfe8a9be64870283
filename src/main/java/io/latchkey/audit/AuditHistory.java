package io.latchkey.audit;

import io.latchkey.store.AuditEventEntity;
import io.latchkey.store.AuditEventRepository;
import io.latchkey.store.Page;
import io.latchkey.store.Transactions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Reading the stored audit trail: {@link AuditQuery} in, a page of {@link RecordedEvent}s newest first out. */
public final class AuditHistory {
    private final Transactions transactions;
    private final AuditEventRepository repository;

    public AuditHistory(Transactions transactions, AuditEventRepository repository) {
        this.transactions = transactions;
        this.repository = repository;
    }

    /**
     * One page of the events the query asks for, newest first; the page's key (for {@link AuditQuery#after}) is
     * the id of its last event. A query with {@link AuditQuery#violations()} is refused with
     * IllegalArgumentException: check it first.
     */
    public Page<RecordedEvent> find(AuditQuery query) {
        if (!query.violations().isEmpty()) {
            throw new IllegalArgumentException("invalid audit query: " + query.violations());
        }
        Optional<AuditQuery.ActorName> actor = query.actor().flatMap(AuditQuery.ActorName::parse);
        Optional<String> action = query.action().filter(name -> !name.endsWith("."));
        Optional<String> actionPrefix = query.action().filter(name -> name.endsWith("."));
        AuditEventRepository.Filter filter = new AuditEventRepository.Filter(
                actor.map(name -> name.kind().wireName()), actor.map(AuditQuery.ActorName::id), query.target(),
                action, actionPrefix, query.from(), query.to());
        Optional<Long> before = query.page().afterKey().flatMap(AuditQuery::eventId);
        List<AuditEventEntity> rows = transactions.inTransaction(em ->
                repository.newestFirst(em, filter, before, query.page().limit() + 1));
        return Page.of(rows.stream().map(AuditHistory::recorded).toList(), query.page(),
                event -> Long.toString(event.id()));
    }

    private static RecordedEvent recorded(AuditEventEntity row) {
        Actor actor = new Actor(StoredAuditTrail.kind(row.getActorKind()).orElse(Actor.Kind.SYSTEM),
                row.getActorId(), Optional.ofNullable(row.getRequestId()), Optional.ofNullable(row.getClientAddress()));
        AuditEvent.Outcome outcome = row.getOutcome().equals(AuditEvent.Outcome.SUCCESS.wireName())
                ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE;
        List<String> fields = row.getChangedFields().isEmpty() ? List.of()
                : Arrays.asList(row.getChangedFields().split(","));
        return new RecordedEvent(row.getId(), row.getOccurredAt(),
                new AuditEvent(actor, row.getAction(), row.getTarget(), outcome, fields, row.getDetail()));
    }
}
