package io.latchkey.consent;

import io.latchkey.store.ConsentEntity;
import io.latchkey.store.ConsentRepository;
import io.latchkey.store.Transactions;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/** Consents remembered per person and application: a request is covered when every scope was granted before. */
public final class ConsentService {
    private final Transactions transactions;
    private final ConsentRepository repository;
    private final Clock clock;

    public ConsentService(Transactions transactions, ConsentRepository repository, Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.clock = clock;
    }

    public boolean covers(long accountId, String clientId, Set<String> scopes) {
        return transactions.inTransaction(em -> repository.find(em, accountId, clientId)
                .map(c -> split(c.getScope()).containsAll(scopes)).orElse(false));
    }

    /** Adds the scopes to what this person granted this application. */
    public void remember(long accountId, String clientId, Set<String> scopes) {
        transactions.run(em -> {
            var existing = repository.find(em, accountId, clientId);
            if (existing.isPresent()) {
                Set<String> all = split(existing.get().getScope());
                all.addAll(scopes);
                existing.get().setScope(String.join(" ", all));
                existing.get().setGrantedAt(clock.instant());
            } else {
                repository.add(em, new ConsentEntity(accountId, clientId, String.join(" ", new TreeSet<>(scopes)),
                        clock.instant()));
            }
        });
    }

    private static Set<String> split(String scope) {
        return new TreeSet<>(Arrays.asList(scope.isEmpty() ? new String[0] : scope.split(" ")));
    }
}
