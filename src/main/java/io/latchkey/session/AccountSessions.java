package io.latchkey.session;

import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.AuditTrail;
import io.latchkey.store.BrowserSessionRepository;
import io.latchkey.store.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A person's browser sessions as an operator sees them: the live ones listed (by their public session id, never the
 * cookie or its hash), one ended by that id or all of them at once. Ending a session signs that browser out at its
 * next request; what the session already produced (codes, tokens) is not this class's to take back. Every ending
 * is audited as {@code session.ended} on {@code account:<username>}.
 */
public final class AccountSessions {

    /** A live session: when and how the person signed in, when the browser was last seen, when it ends at the latest. */
    public record SessionRecord(String sid, Instant authTime, String amr, Instant lastSeenAt, Instant expiresAt) {
    }

    private final Transactions transactions;
    private final BrowserSessionRepository repository;
    private final AuditTrail audit;
    private final Clock clock;

    public AccountSessions(Transactions transactions, BrowserSessionRepository repository, AuditTrail audit,
                           Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
    }

    /** The account's live sessions, newest sign-in first. */
    public List<SessionRecord> live(long accountId) {
        Instant now = clock.instant();
        return transactions.inTransaction(em -> repository.liveOfAccount(em, accountId, now).stream()
                .map(s -> new SessionRecord(s.getSid(), s.getAuthTime(), s.getAmr(), s.getLastSeenAt(),
                        s.getExpiresAt().isBefore(s.getIdleExpiresAt()) ? s.getExpiresAt() : s.getIdleExpiresAt()))
                .toList());
    }

    /** Ends the account's session {@code sid}; false when the account has no such session (nothing changed). */
    public boolean end(Actor actor, long accountId, String username, String sid) {
        String target = "account:" + username;
        boolean ended = transactions.inTransaction(em -> {
            boolean deleted = repository.deleteBySid(em, accountId, sid);
            if (deleted) {
                audit.record(em, AuditEvent.success(actor, "session.ended", target, List.of(), "session " + sid));
            }
            return deleted;
        });
        if (!ended) {
            audit.record(AuditEvent.failure(actor, "session.ended", target, "no such session"));
        }
        return ended;
    }

    /** Ends every session of the account; how many there were. */
    public int endAll(Actor actor, long accountId, String username) {
        return transactions.inTransaction(em -> {
            int ended = repository.deleteAllOfAccount(em, accountId);
            audit.record(em, AuditEvent.success(actor, "session.ended", "account:" + username, List.of(),
                    ended + " sessions"));
            return ended;
        });
    }
}
