package io.latchkey.consent;

import io.latchkey.store.ConfigurationCache;
import io.latchkey.store.ConfigurationChanges;
import io.latchkey.store.ScopeEntity;
import io.latchkey.store.ScopeRepository;
import io.latchkey.store.Transactions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The scopes this server knows: each with its human description and the API (audience) it belongs to. */
public final class ScopeCatalog {
    /** A scope as the protocol and the pages see it. */
    public record Scope(String name, String description, Optional<String> audience) {
    }

    /** Scopes every installation has (OpenID Connect Core §5.4, §11). */
    public static final List<Scope> STANDARD = List.of(
            new Scope("openid", "Sign you in", Optional.empty()),
            new Scope("profile", "See your name and profile", Optional.empty()),
            new Scope("email", "See your email address", Optional.empty()),
            new Scope("address", "See your postal address", Optional.empty()),
            new Scope("phone", "See your phone number", Optional.empty()),
            new Scope("offline_access", "Stay signed in when you are away", Optional.empty()));

    /** Full access to the admin REST API (DESIGN §2). */
    public static final String ADMIN = "latchkey:admin";
    /** Read-only access to the admin REST API: GET and HEAD only. */
    public static final String ADMIN_READ = "latchkey:admin.read";
    /** Where the admin REST API lives under the issuer; with the issuer, its audience ({@link #adminAudience}). */
    public static final String ADMIN_API_PATH = "/api/admin";

    /**
     * The admin API's scopes. Their audience is always the admin API ({@link #adminAudience}), whatever a scope
     * row says, so that no definition can send an admin token to another API or another API's token here.
     */
    public static final List<Scope> ADMIN_SCOPES = List.of(
            new Scope(ADMIN, "Administer Latchkey: change applications, accounts and tokens", Optional.empty()),
            new Scope(ADMIN_READ, "Read Latchkey's configuration, accounts and tokens", Optional.empty()));

    /** Scopes every installation has: {@link #STANDARD} and {@link #ADMIN_SCOPES}. */
    public static final List<Scope> BUILT_IN = java.util.stream.Stream.concat(STANDARD.stream(), ADMIN_SCOPES.stream())
            .toList();

    private final Supplier<Map<String, Scope>> loader;
    private final ConfigurationCache<String, Map<String, Scope>> cache;

    /** The scopes {@code loader} gives, cached until {@code changes} says the scopes changed. */
    public ScopeCatalog(Supplier<Map<String, Scope>> loader, ConfigurationChanges changes, Clock clock) {
        this.loader = loader;
        this.cache = new ConfigurationCache<>(changes, ConfigurationChanges.Kind.SCOPES, 1, clock);
    }

    /** Scopes that change only by restarting (fixed lists): reloaded after {@link ConfigurationCache#MAXIMUM_AGE}. */
    public ScopeCatalog(Supplier<Map<String, Scope>> loader, Clock clock) {
        this(loader, ConfigurationChanges.none(clock), clock);
    }

    /** The stored scopes, changed through {@link ScopeRegistry} with the same {@code changes}. */
    public static ScopeCatalog stored(Transactions transactions, ScopeRepository repository,
                                      ConfigurationChanges changes, Clock clock) {
        return new ScopeCatalog(() -> transactions.inTransaction(em -> repository.all(em).stream()
                .collect(Collectors.toUnmodifiableMap(ScopeEntity::getName, ScopeCatalog::toScope))), changes, clock);
    }

    public Map<String, Scope> all() {
        return cache.get("all", ignored -> loader.get());
    }

    public Optional<Scope> find(String name) {
        return Optional.ofNullable(all().get(name));
    }

    /**
     * The {@code aud} of a token carrying these scopes: the distinct APIs they belong to, sorted; scopes
     * without an API belong to {@code defaultAudience}.
     */
    public List<String> audiences(Set<String> scopes, String defaultAudience) {
        Map<String, Scope> known = all();
        Set<String> audiences = new TreeSet<>();
        for (String name : scopes) {
            Scope scope = known.get(name);
            if (isAdminScope(name)) {
                audiences.add(adminAudience(defaultAudience));
            } else {
                audiences.add(scope == null ? defaultAudience : scope.audience().orElse(defaultAudience));
            }
        }
        if (audiences.isEmpty()) {
            audiences.add(defaultAudience);
        }
        return new ArrayList<>(audiences);
    }

    /** Whether {@code name} is one of the admin API's scopes. */
    public static boolean isAdminScope(String name) {
        return name.equals(ADMIN) || name.equals(ADMIN_READ);
    }

    /** The admin API's identifier, the {@code aud} of its tokens: {@code <issuer>/api/admin}. */
    public static String adminAudience(String issuer) {
        return issuer + ADMIN_API_PATH;
    }

    private static Scope toScope(ScopeEntity entity) {
        return new Scope(entity.getName(), entity.getDescription(), Optional.ofNullable(entity.getAudience()));
    }
}
