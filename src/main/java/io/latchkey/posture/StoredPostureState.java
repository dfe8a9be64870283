package io.latchkey.posture;

import io.latchkey.client.ApplicationCatalog;
import io.latchkey.client.ApplicationView;
import io.latchkey.store.AccountEntity;
import io.latchkey.store.ApplicationScopeUseEntity;
import io.latchkey.store.ApplicationUseEntity;
import io.latchkey.store.ApplicationUseRepository;
import io.latchkey.store.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads the {@link PostureState} from the database: the applications (one transaction), then their use and the
 * administrators (another); a handful of grouped queries, whatever the number of applications.
 */
public final class StoredPostureState implements Supplier<PostureState> {
    private final Transactions transactions;
    private final ApplicationCatalog catalog;
    private final ApplicationUseRepository uses;
    private final boolean devMode;
    private final boolean passwordGrantEnabled;
    private final Duration unusedAfter;
    private final Duration secretRotationPeriod;
    private final Clock clock;

    public StoredPostureState(Transactions transactions, ApplicationCatalog catalog, ApplicationUseRepository uses,
                              boolean devMode, boolean passwordGrantEnabled, Duration unusedAfter,
                              Duration secretRotationPeriod, Clock clock) {
        this.transactions = transactions;
        this.catalog = catalog;
        this.uses = uses;
        this.devMode = devMode;
        this.passwordGrantEnabled = passwordGrantEnabled;
        this.unusedAfter = unusedAfter;
        this.secretRotationPeriod = secretRotationPeriod;
        this.clock = clock;
    }

    @Override
    public PostureState get() {
        Instant now = clock.instant();
        List<ApplicationView> applications = catalog.all();
        return transactions.inTransaction(em -> {
            Map<String, ApplicationUseEntity> noted = new HashMap<>();
            uses.uses(em).forEach(use -> noted.put(use.getClientId(), use));
            Map<String, Map<String, Instant>> scopes = new HashMap<>();
            for (ApplicationScopeUseEntity use : uses.scopeUses(em)) {
                scopes.computeIfAbsent(use.getClientId(), id -> new HashMap<>()).put(use.getScopeName(),
                        use.getLastGrantedAt());
            }
            Map<String, Instant> referenceTokens = uses.lastReferenceTokens(em);
            Map<String, Instant> personalTokens = uses.lastPersonalTokensByNonAdministrators(em);
            Map<String, Long> liveRefresh = uses.liveRefreshTokens(em, now);
            Map<String, Long> liveReference = uses.liveReferenceTokens(em, now);
            List<PostureState.ApplicationUse> applicationUses = new ArrayList<>();
            for (ApplicationView view : applications) {
                String id = view.definition().clientId();
                Optional<ApplicationUseEntity> use = Optional.ofNullable(noted.get(id));
                Instant observedSince = use.map(ApplicationUseEntity::getObservedSince)
                        .filter(since -> since.isAfter(view.createdAt())).orElse(view.createdAt());
                applicationUses.add(new PostureState.ApplicationUse(view, observedSince,
                        use.map(ApplicationUseEntity::getLastTokenAt), scopes.getOrDefault(id, Map.of()),
                        Optional.ofNullable(referenceTokens.get(id)), Optional.ofNullable(personalTokens.get(id)),
                        liveRefresh.getOrDefault(id, 0L), liveReference.getOrDefault(id, 0L)));
            }
            List<AccountEntity> admins = uses.enabledAdministrators(em);
            Map<String, Instant> signIns = uses.lastSignIns(em,
                    admins.stream().map(a -> "account:" + a.getSubject()).toList());
            List<PostureState.Administrator> administrators = admins.stream()
                    .map(a -> new PostureState.Administrator(a.getUsername(), a.getVersion(), a.getCreatedAt(),
                            Optional.ofNullable(signIns.get("account:" + a.getSubject()))))
                    .toList();
            return new PostureState(now, devMode, passwordGrantEnabled, unusedAfter, secretRotationPeriod,
                    applicationUses, administrators);
        });
    }
}
