package io.latchkey.consent;

import io.latchkey.store.ConfigurationChanges;
import io.latchkey.store.ScopeEntity;
import io.latchkey.store.ScopeRepository;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.Optional;

/** Creates and updates scope definitions by name; the standard OpenID Connect scopes always exist. */
public final class ScopeRegistry {
    private final ScopeRepository repository;
    private final ConfigurationChanges changes;
    private final Clock clock;

    public ScopeRegistry(ScopeRepository repository, ConfigurationChanges changes, Clock clock) {
        this.repository = repository;
        this.changes = changes;
        this.clock = clock;
    }

    /** Creates or changes a scope; every node's {@link ScopeCatalog} drops what it cached (the change counter). */
    public void upsert(EntityManager em, ScopeCatalog.Scope scope) {
        changes.record(em, ConfigurationChanges.Kind.SCOPES);
        Optional<ScopeEntity> existing = repository.find(em, scope.name());
        if (existing.isPresent()) {
            existing.get().setDescription(scope.description());
            existing.get().setAudience(scope.audience().orElse(null));
        } else {
            repository.add(em, new ScopeEntity(scope.name(), scope.description(), scope.audience().orElse(null),
                    clock.instant()));
        }
    }

    /** Adds the built-in scopes (standard and admin API) that are missing; never overwrites an operator's description. */
    public void ensureStandardScopes(EntityManager em) {
        for (ScopeCatalog.Scope scope : ScopeCatalog.BUILT_IN) {
            if (repository.find(em, scope.name()).isEmpty()) {
                upsert(em, scope);
            }
        }
    }
}
