package io.latchkey.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.Session;

/** The rows of the audit trail: appended, listed newest first by filters with keyset pages, purged by age. */
public final class AuditEventRepository {

    /**
     * Which rows a listing shows; every present filter must hold. {@code actionPrefix} matches actions that start
     * with it (e.g. {@code application.}); {@code from} is inclusive and {@code to} exclusive.
     */
    public record Filter(Optional<String> actorKind, Optional<String> actorId, Optional<String> target,
                         Optional<String> action, Optional<String> actionPrefix, Optional<Instant> from,
                         Optional<Instant> to) {
        public static final Filter ALL = new Filter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static final String INSERT = "INSERT INTO audit_event (occurred_at, actor_kind, actor_id, action, target, "
            + "outcome, request_id, client_address, changed_fields, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * Inserts the event's row now, in the unit of work of {@code em}, by plain SQL (the database numbers it): the
     * row is not managed, so nothing of it is snapshotted or flushed later. Through {@code em.persist} the IDENTITY
     * insert went through Hibernate's entity machinery, 13 % of the non-hash CPU of a sign-in form's POST.
     */
    public void add(EntityManager em, AuditEventEntity event) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                SqlInstants.set(insert, 1, event.getOccurredAt());
                insert.setString(2, event.getActorKind());
                insert.setString(3, event.getActorId());
                insert.setString(4, event.getAction());
                insert.setString(5, event.getTarget());
                insert.setString(6, event.getOutcome());
                insert.setString(7, event.getRequestId());
                insert.setString(8, event.getClientAddress());
                insert.setString(9, event.getChangedFields());
                insert.setString(10, event.getDetail());
                insert.executeUpdate();
            }
        });
    }

    /**
     * Up to {@code limit} rows matching {@code filter} whose id is below {@code beforeId} (all when empty), newest
     * (highest id) first.
     */
    public List<AuditEventEntity> newestFirst(EntityManager em, Filter filter, Optional<Long> beforeId, int limit) {
        StringBuilder jpql = new StringBuilder("select e from AuditEventEntity e where 1 = 1");
        Map<String, Object> parameters = new LinkedHashMap<>();
        beforeId.ifPresent(id -> condition(jpql, parameters, "e.id < :before", "before", id));
        filter.actorKind().ifPresent(kind -> condition(jpql, parameters, "e.actorKind = :kind", "kind", kind));
        filter.actorId().ifPresent(id -> condition(jpql, parameters, "e.actorId = :actor", "actor", id));
        filter.target().ifPresent(target -> condition(jpql, parameters, "e.target = :target", "target", target));
        filter.action().ifPresent(action -> condition(jpql, parameters, "e.action = :action", "action", action));
        filter.actionPrefix().ifPresent(prefix -> condition(jpql, parameters,
                "e.action like :prefix escape '!'", "prefix", likePrefix(prefix)));
        filter.from().ifPresent(from -> condition(jpql, parameters, "e.occurredAt >= :from", "from", from));
        filter.to().ifPresent(to -> condition(jpql, parameters, "e.occurredAt < :to", "to", to));
        jpql.append(" order by e.id desc");
        TypedQuery<AuditEventEntity> query = em.createQuery(jpql.toString(), AuditEventEntity.class);
        parameters.forEach(query::setParameter);
        return query.setMaxResults(limit).getResultList();
    }

    /**
     * Deletes up to {@code batch} of the oldest rows that occurred before {@code cutoff}; the number deleted (fewer
     * than {@code batch} means none older are left).
     */
    public int deleteOlderThan(EntityManager em, Instant cutoff, int batch) {
        List<Long> ids = em.createQuery("select e.id from AuditEventEntity e where e.occurredAt < :cutoff "
                        + "order by e.id", Long.class)
                .setParameter("cutoff", cutoff).setMaxResults(batch).getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createQuery("delete from AuditEventEntity e where e.id in :ids")
                .setParameter("ids", new ArrayList<>(ids)).executeUpdate();
    }

    private static void condition(StringBuilder jpql, Map<String, Object> parameters, String condition, String name,
                                  Object value) {
        jpql.append(" and ").append(condition);
        parameters.put(name, value);
    }

    /** {@code prefix%} with LIKE's wildcards in the prefix taken literally ({@code _} is common in actions). */
    private static String likePrefix(String prefix) {
        return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
