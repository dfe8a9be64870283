package io.latchkey.client;

import io.latchkey.store.ApplicationEntity;
import io.latchkey.store.ApplicationRepository;
import io.latchkey.store.ConfigurationCache;
import io.latchkey.store.ConfigurationChanges;
import io.latchkey.store.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Applications from the database behind a cache (unknown client_ids are cached too) that lasts until the
 * applications change: every change goes through {@link ApplicationRegistry}, which moves the
 * {@link ConfigurationChanges.Kind#APPLICATIONS} counter, so a change (a disable, above all) is seen at once on
 * the node that made it and within {@link ConfigurationChanges#CHECK_INTERVAL} on every other node (DESIGN §7),
 * for one primary-key read per check interval per node, however many requests the token endpoint serves.
 */
public final class StoredClientDirectory implements ClientDirectory {
    private final Transactions transactions;
    private final ApplicationRepository repository;
    private final ConfigurationCache<String, Optional<Client>> cache;

    public StoredClientDirectory(Transactions transactions, ApplicationRepository repository,
                                 ConfigurationChanges changes, Clock clock) {
        this.transactions = transactions;
        this.repository = repository;
        this.cache = new ConfigurationCache<>(changes, ConfigurationChanges.Kind.APPLICATIONS, 10_000, clock);
    }

    @Override
    public Optional<Client> find(String clientId) {
        return cache.get(clientId, id -> transactions.inTransaction(em ->
                repository.findByClientId(em, id).map(StoredClientDirectory::toClient)));
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
                entity.getWebOrigins(),
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
                Optional.ofNullable(entity.getTokensNotBefore()),
                PkcePolicy.fromWireName(entity.getPkce()).orElseThrow(),
                entity.isImplicitByFragment(),
                ClientSigning.of(entity),
                TokenLifetimes.of(entity));
    }
}
