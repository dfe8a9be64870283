package io.latchkey.posture;

import io.latchkey.security.RedactedLog;
import io.latchkey.store.ApplicationUseRepository;
import io.latchkey.store.Transactions;
import io.latchkey.token.TokenIssuances;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Notes token issuance for the posture review cheaply: on each node, at most one write per application and one per
 * application and scope per {@link #INTERVAL}, all in one short transaction; every other issuance costs a map
 * lookup. Days are what the review counts in, so an hour's lag is nothing. A failure to note is logged and never
 * fails the issuance.
 */
public final class ApplicationUseNotes implements TokenIssuances {
    /** The least time between two notes of one application (or one of its scopes) on one node. */
    public static final Duration INTERVAL = Duration.ofHours(1);
    /** After a failed note, the least time before that application (or scope) is noted again on this node. */
    public static final Duration RETRY_AFTER = Duration.ofMinutes(1);
    /** Past this many remembered keys, the ones not noted within the interval are forgotten. */
    private static final int REMEMBERED = 10_000;
    private static final Logger LOG = RedactedLog.of(ApplicationUseNotes.class);

    private final Transactions transactions;
    private final ApplicationUseRepository uses;
    /** "client_id" or "client_id scope" to when it was last noted (epoch millis). */
    private final Map<String, Long> noted = new ConcurrentHashMap<>();

    public ApplicationUseNotes(Transactions transactions, ApplicationUseRepository uses) {
        this.transactions = transactions;
        this.uses = uses;
    }

    @Override
    public void issued(String clientId, Set<String> scopes, Instant at) {
        boolean application = due(clientId, at);
        List<String> dueScopes = new ArrayList<>();
        for (String scope : scopes) {
            if (due(clientId + " " + scope, at)) {
                dueScopes.add(scope);
            }
        }
        if (!application && dueScopes.isEmpty()) {
            return;
        }
        try {
            transactions.run(em -> {
                if (application) {
                    uses.noteTokenIssued(em, clientId, at);
                }
                dueScopes.forEach(scope -> uses.noteScopeGranted(em, clientId, scope, at));
            });
        } catch (RuntimeException e) {
            // Try again after RETRY_AFTER, not at the very next issuance: a deleted application or a database that
            // is down must not cost every token a failing write and a warning.
            long retry = at.toEpochMilli() - INTERVAL.toMillis() + RETRY_AFTER.toMillis();
            if (application) {
                noted.put(clientId, retry);
            }
            dueScopes.forEach(scope -> noted.put(clientId + " " + scope, retry));
            LOG.warning(() -> "could not note a token issued to " + clientId + " (next try in "
                    + RETRY_AFTER.toSeconds() + " s): " + e);
        }
    }

    private boolean due(String key, Instant at) {
        long now = at.toEpochMilli();
        long interval = INTERVAL.toMillis();
        if (noted.size() > REMEMBERED) {
            noted.values().removeIf(marked -> marked <= now - interval);
        }
        boolean[] due = new boolean[1];
        noted.compute(key, (k, marked) -> {
            due[0] = marked == null || marked <= now - interval;
            return due[0] ? now : marked;
        });
        return due[0];
    }
}
