package io.latchkey.session;

import io.latchkey.security.RandomValues;
import io.latchkey.security.Secret;
import io.latchkey.store.BrowserSessionEntity;
import io.latchkey.store.BrowserSessionRepository;
import io.latchkey.store.Transactions;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Browser sessions backed by the database (no HttpSession, so any node serves any request). The cookie
 * holds 256 random bits; the row holds only their hash. A session ends after an idle period or at an
 * absolute limit, whichever comes first.
 */
public final class BrowserSessions {
    /** Seen-at updates are written at most this often, so reading a session is usually read-only. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final Transactions transactions;
    private final BrowserSessionRepository repository;
    private final Duration idle;
    private final Duration absolute;
    private final Clock clock;

    public BrowserSessions(Transactions transactions, BrowserSessionRepository repository, Duration idle,
                           Duration absolute, Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.idle = idle;
        this.absolute = absolute;
        this.clock = clock;
    }

    /** A new session after a successful sign-in; the returned cookie value is shown to the browser only. */
    public record Started(Secret cookieValue, BrowserSession session) {
    }

    public Started start(long accountId, String amr) {
        return start(accountId, amr, (em, started) -> started);
    }

    /**
     * A new session, and {@code then} in the same transaction (one commit for both): what {@code then} answers, once
     * committed; an exception {@code then} throws rolls both back.
     */
    public <T> T start(long accountId, String amr, BiFunction<EntityManager, Started, T> then) {
        return transactions.inTransaction(em -> then.apply(em, start(em, accountId, amr)));
    }

    /** A new session written in the caller's transaction {@code em}: it exists once that commits. */
    public Started start(EntityManager em, long accountId, String amr) {
        Instant now = clock.instant();
        Secret cookie = RandomValues.secret256();
        BrowserSessionEntity entity = new BrowserSessionEntity(cookie.hashed(), RandomValues.base64Url(128), accountId,
                now, amr, now, now, now.plus(idle), now.plus(absolute));
        repository.add(em, entity);
        return new Started(cookie, toSession(entity));
    }

    /** The live session the cookie names, extending its idle limit; empty when unknown or expired. */
    public Optional<BrowserSession> find(Secret cookieValue) {
        Instant now = clock.instant();
        return transactions.inTransaction(em -> repository.find(em, cookieValue.hashed()).flatMap(entity -> {
            if (!now.isBefore(entity.getExpiresAt()) || !now.isBefore(entity.getIdleExpiresAt())) {
                repository.delete(em, entity.getIdHash());
                return Optional.empty();
            }
            if (Duration.between(entity.getLastSeenAt(), now).compareTo(TOUCH_INTERVAL) >= 0) {
                entity.setLastSeenAt(now);
                Instant idleEnd = now.plus(idle);
                entity.setIdleExpiresAt(idleEnd.isAfter(entity.getExpiresAt()) ? entity.getExpiresAt() : idleEnd);
            }
            return Optional.of(toSession(entity));
        }));
    }

    public void end(Secret cookieValue) {
        transactions.run(em -> repository.delete(em, cookieValue.hashed()));
    }

    public Duration absoluteLifetime() {
        return absolute;
    }

    private static BrowserSession toSession(BrowserSessionEntity entity) {
        return new BrowserSession(entity.getSid(), entity.getAccountId(), entity.getAuthTime(), entity.getAmr(),
                entity.getExpiresAt());
    }
}
