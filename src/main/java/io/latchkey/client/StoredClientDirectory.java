package io.latchkey.client;

import io.latchkey.store.ApplicationEntity;
import io.latchkey.store.ApplicationRepository;
import io.latchkey.store.ExpiringCache;
import io.latchkey.store.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Applications from the database behind a short-lived cache (unknown client_ids are cached too). The cache
 * lives one second, so a change made on any node (a disable, above all) is seen everywhere within about a
 * second (DESIGN §7) at the price of one read per application per second per node.
 */
public final class StoredClientDirectory implements ClientDirectory {
    static final Duration CACHE_TIME_TO_LIVE = Duration.ofSeconds(1);

    private final Transactions transactions;
    private final ApplicationRepository repository;
    private final ExpiringCache<String, Optional<Client>> cache;

    public StoredClientDirectory(Transactions transactions, ApplicationRepository repository, Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.cache = new ExpiringCache<>(CACHE_TIME_TO_LIVE, 10_000, clock);
    }

    @Override
    public Optional<Client> find(String clientId) {
        return cache.get(clientId, id -> transactions.inTransaction(em ->
                repository.findByClientId(em, id).map(StoredClientDirectory::toClient)));
    }

    /** Forgets a cached application after this node changed it. */
    public void forget(String clientId) {
        cache.invalidate(clientId);
    }

    static Client toClient(ApplicationEntity entity) {
        return new Client(
                entity.getClientId(),
                entity.getName(),
                ClientType.fromWireName(entity.getType()).orElseThrow(),
                entity.isEnabled(),
                entity.getAllowedScopes(),
                entity.getDefaultScopes(),
                entity.getRedirectUris(),
                entity.getPostLogoutRedirectUris(),
                AccessTokenPolicy.fromWireName(entity.getAccessTokenPolicy()).orElseThrow(),
                entity.getSecrets().stream()
                        .map(s -> new StoredSecret(s.getSecretHash(), s.getCreatedAt(),
                                Optional.ofNullable(s.getExpiresAt())))
                        .toList(),
                entity.isFirstParty(),
                entity.isRefreshTokens(),
                entity.isIntrospectAny(),
                Duration.ofDays(entity.getMaxReferenceTokenDays()),
                entity.isPasswordGrant(),
                Arrays.stream(entity.getResponseTypes().split(","))
                        .map(t -> ResponseType.parse(t).orElseThrow()).collect(Collectors.toSet()),
                "reference".equals(entity.getAccessTokenFormat()),
                Optional.ofNullable(entity.getTokensNotBefore()));
    }
}
