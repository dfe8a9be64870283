package io.latchkey.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The console overview's figures, each one aggregate query ({@code COUNT … GROUP BY}) whatever the number of
 * applications, people, tokens and sign-ins: nothing is loaded to be counted in Java.
 */
public final class OverviewCounts {
    private final Transactions transactions;

    public OverviewCounts(Transactions transactions) {
        this.transactions = transactions;
    }

    /**
     * The figures at one instant. {@code applications}: type (its wire name) to how many are enabled and disabled;
     * {@code liveReferenceTokens}: kind ({@code pat}, {@code sat}) to how many are neither revoked nor expired;
     * {@code signIns}: the {@code sign_in} audit events since the instant asked for, by outcome wire name.
     */
    public record Figures(Map<String, Split> applications, long people, long administrators,
                          Map<String, Long> liveReferenceTokens, Map<String, Long> signIns) {
        public Figures {
            applications = Map.copyOf(applications);
            liveReferenceTokens = Map.copyOf(liveReferenceTokens);
            signIns = Map.copyOf(signIns);
        }
    }

    /** How many are enabled and how many disabled. */
    public record Split(long enabled, long disabled) {
    }

    /** Every figure, read in one transaction: four grouped queries. */
    public Figures read(Instant now, Instant signInsFrom, String signInAction) {
        return transactions.inTransaction(em -> read(em, now, signInsFrom, signInAction));
    }

    private static Figures read(EntityManager em, Instant now, Instant signInsFrom, String signInAction) {
        Map<String, Split> applications = new HashMap<>();
        for (Object[] row : em.createQuery("select a.type, a.enabled, count(a) from ApplicationEntity a "
                + "group by a.type, a.enabled", Object[].class).getResultList()) {
            Split split = applications.getOrDefault((String) row[0], new Split(0, 0));
            long count = (Long) row[2];
            applications.put((String) row[0], (Boolean) row[1] ? new Split(split.enabled() + count, split.disabled())
                    : new Split(split.enabled(), split.disabled() + count));
        }
        Object[] people = em.createQuery("select count(a), coalesce(sum(case when a.admin = true then 1 else 0 end), "
                + "0) from AccountEntity a", Object[].class).getSingleResult();
        Map<String, Long> tokens = grouped(em.createQuery("select t.kind, count(t) from ReferenceTokenEntity t "
                        + "where t.kind in ('pat', 'sat') and t.revokedAt is null and t.expiresAt > :now "
                        + "group by t.kind", Object[].class).setParameter("now", now).getResultList());
        Map<String, Long> signIns = grouped(em.createQuery("select e.outcome, count(e) from AuditEventEntity e "
                        + "where e.action = :action and e.occurredAt >= :from group by e.outcome", Object[].class)
                .setParameter("action", signInAction).setParameter("from", signInsFrom).getResultList());
        return new Figures(applications, ((Number) people[0]).longValue(), ((Number) people[1]).longValue(),
                tokens, signIns);
    }

    private static Map<String, Long> grouped(List<Object[]> rows) {
        Map<String, Long> counts = new HashMap<>();
        rows.forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
        return counts;
    }
}
