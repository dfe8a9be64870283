package io.latchkey.client;

import io.latchkey.store.ApplicationRepository;
import io.latchkey.store.ConfigurationCache;
import io.latchkey.store.ConfigurationChanges;
import io.latchkey.store.Transactions;
import java.time.Clock;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The web origins of every enabled public application together ({@link WebOrigins#of}): the origins a CORS
 * preflight to the token endpoint may come from before the body names the application. Read once per change of
 * the applications (the {@link ConfigurationChanges.Kind#APPLICATIONS} counter), like {@link StoredClientDirectory}.
 */
public final class PublicWebOrigins implements Supplier<Set<String>> {
    private final Transactions transactions;
    private final ApplicationRepository repository;
    private final ConfigurationCache<String, Set<String>> cache;

    public PublicWebOrigins(Transactions transactions, ApplicationRepository repository,
                            ConfigurationChanges changes, Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.cache = new ConfigurationCache<>(changes, ConfigurationChanges.Kind.APPLICATIONS, 1, clock);
    }

    @Override
    public Set<String> get() {
        return cache.get("public", ignored -> transactions.inTransaction(em ->
                repository.allByClientId(em).stream()
                        .map(StoredClientDirectory::toClient)
                        .filter(Client::enabled)
                        .flatMap(client -> WebOrigins.of(client).stream())
                        .collect(Collectors.toUnmodifiableSet())));
    }
}
