package io.latchkey.client;

import io.latchkey.security.RandomValues;
import io.latchkey.security.RedactedLog;
import io.latchkey.security.Secret;
import io.latchkey.store.ApplicationEntity;
import io.latchkey.store.ApplicationRepository;
import io.latchkey.store.ApplicationSecretEntity;
import io.latchkey.store.ConfigurationChanges;
import io.latchkey.store.IssuedCredentialRepository;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Creates and updates applications by client_id. Secrets are only ever stored hashed. A confidential
 * application without a secret gets a generated one (256 random bits), returned once to the caller;
 * a changed secret becomes current while the previous ones keep working for {@link #ROTATION_OVERLAP}.
 *
 * <p>Disabling an application takes back everything it holds, in the same transaction: its refresh tokens,
 * personal, service and opaque access tokens are revoked and its authorization codes deleted, and its
 * {@code tokens_not_before} makes every JWT access token issued until then inactive. Enabling it again brings
 * none of them back.
 */
public final class ApplicationRegistry {
    /** How long a replaced secret keeps working, so services can roll over without downtime. */
    public static final Duration ROTATION_OVERLAP = Duration.ofHours(24);
    private static final Logger LOG = RedactedLog.of(ApplicationRegistry.class);

    private final ApplicationRepository repository;
    private final IssuedCredentialRepository issued;
    private final ConfigurationChanges changes;
    private final Clock clock;

    public ApplicationRegistry(ApplicationRepository repository, IssuedCredentialRepository issued,
                               ConfigurationChanges changes, Clock clock) {
        this.repository = repository;
        this.issued = issued;
        this.changes = changes;
        this.clock = clock;
    }

    /** The outcome of an upsert: whether it created the application, and a generated secret if one was made. */
    public record Applied(boolean created, Optional<Secret> generatedSecret) {
    }

    /**
     * Creates the application, or replaces the definition of an existing one (moving it to its next version
     * whatever version it had), without checking it. The checked way in, for the import file and every other
     * caller, is {@link ApplicationCommands}; this remains for tests that set up applications directly.
     */
    public Applied upsert(EntityManager em, ApplicationDefinition definition) {
        repository.advanceVersion(em, definition.clientId());
        return apply(em, definition);
    }

    /** {@link #upsert} once the caller has moved the version (or found no application to move). */
    Applied apply(EntityManager em, ApplicationDefinition definition) {
        Instant now = clock.instant();
        // With the change, in its transaction: every node's client directory drops what it cached.
        changes.record(em, ConfigurationChanges.Kind.APPLICATIONS);
        Optional<ApplicationEntity> existing = repository.findByClientId(em, definition.clientId());
        ApplicationEntity application = existing.orElseGet(() -> new ApplicationEntity(definition.clientId(), now));
        boolean wasEnabled = existing.isPresent() && application.isEnabled();
        application.setName(definition.name());
        application.setType(definition.type().wireName());
        application.setEnabled(definition.enabled());
        application.setAccessTokenPolicy(definition.accessTokens().wireName());
        application.setFirstParty(definition.firstParty());
        application.setRefreshTokens(definition.refreshTokens());
        application.setIntrospectAny(definition.introspectAny());
        application.setMaxReferenceTokenDays(definition.maxReferenceTokenDays());
        application.setPasswordGrant(definition.passwordGrant());
        application.setAccessTokenFormat(definition.referenceAccessTokens() ? "reference" : "jwt");
        application.setPkce(definition.pkce().wireName());
        application.setImplicitByFragment(definition.implicitByFragment());
        definition.signing().storeInto(application);
        definition.lifetimes().storeInto(application);
        application.setResponseTypes(definition.responseTypes().stream().map(ResponseType::wireName).sorted()
                .collect(java.util.stream.Collectors.joining(",")));
        application.setUpdatedAt(now);
        replace(application.getRedirectUris(), definition.redirectUris());
        replace(application.getPostLogoutRedirectUris(), definition.postLogoutRedirectUris());
        replace(application.getWebOrigins(), definition.webOrigins());
        replace(application.getAllowedScopes(), definition.scopes());
        replace(application.getDefaultScopes(), definition.defaultScopes());
        if (existing.isEmpty()) {
            repository.add(em, application);
        }
        // Also when it was disabled before this rule existed (never taken back), so that enabling it later
        // cannot revive what it held then.
        if (!definition.enabled()) {
            takeBackEverythingOnce(em, application, wasEnabled, now);
        }
        if (existing.isEmpty() && application.getTokensNotBefore() == null) {
            // A client_id may be registered again after a delete: no JWT of the deleted application (issued in an
            // earlier second) may pass for one of the new application.
            application.setTokensNotBefore(now.truncatedTo(ChronoUnit.SECONDS));
        }
        Optional<Secret> generated = Optional.empty();
        if (!definition.type().confidential()) {
            application.getSecrets().clear();
        } else if (definition.secret().isPresent()) {
            Secret secret = definition.secret().get();
            boolean known = application.getSecrets().stream()
                    .anyMatch(s -> secret.matchesHash(s.getSecretHash()) && s.getExpiresAt() == null);
            if (!known) {
                addCurrentSecret(application, secret, now, ROTATION_OVERLAP);
            }
        } else if (application.getSecrets().stream().noneMatch(s -> s.getExpiresAt() == null
                || s.getExpiresAt().isAfter(now))) {
            Secret secret = RandomValues.secret256();
            addCurrentSecret(application, secret, now, ROTATION_OVERLAP);
            generated = Optional.of(secret);
        }
        return new Applied(existing.isEmpty(), generated);
    }

    /** Enables or disables the application; a disable takes back everything it holds (see the class comment). */
    void setEnabled(EntityManager em, ApplicationEntity application, boolean enabled) {
        Instant now = clock.instant();
        changes.record(em, ConfigurationChanges.Kind.APPLICATIONS);
        boolean wasEnabled = application.isEnabled();
        application.setEnabled(enabled);
        application.setUpdatedAt(now);
        if (!enabled) {
            takeBackEverythingOnce(em, application, wasEnabled, now);
        }
    }

    /**
     * A disable of an application that was enabled; also of one disabled before this rule existed (never taken
     * back), so that enabling it later cannot revive what it held then.
     */
    private void takeBackEverythingOnce(EntityManager em, ApplicationEntity application, boolean wasEnabled,
                                        Instant now) {
        if (wasEnabled || application.getTokensNotBefore() == null) {
            takeBackEverything(em, application, now);
        }
    }

    /**
     * The disable: every token the application holds stops working for good — stored ones at once, JWTs at once
     * on this node and on every other one as soon as its client directory sees the change counter move (within
     * {@link ConfigurationChanges#CHECK_INTERVAL}).
     */
    private void takeBackEverything(EntityManager em, ApplicationEntity application, Instant now) {
        Instant notBefore = tokensNotBefore(now);
        application.setTokensNotBefore(notBefore);
        IssuedCredentialRepository.Revoked revoked = issued.revokeAllOfApplication(em, application.getClientId(), now);
        LOG.info(() -> "application " + application.getClientId() + " is disabled: its access tokens issued before "
                + notBefore + " are inactive; revoked " + revoked);
    }

    /**
     * The {@code tokens_not_before} of a change at {@code now}: the next whole second. A JWT's {@code iat} is
     * its issue time cut to the second, so every token issued up to {@code now} has an earlier one, however
     * the clock's fraction falls (a token issued later in that same second is refused too: safe side).
     */
    public static Instant tokensNotBefore(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }

    /** Makes {@code secret} the current one; the secrets it replaces expire after {@code overlap}. */
    static void addCurrentSecret(ApplicationEntity application, Secret secret, Instant now, Duration overlap) {
        Instant overlapEnds = now.plus(overlap);
        for (ApplicationSecretEntity old : application.getSecrets()) {
            if (old.getExpiresAt() == null || old.getExpiresAt().isAfter(overlapEnds)) {
                old.setExpiresAt(overlapEnds);
            }
        }
        application.getSecrets().add(new ApplicationSecretEntity(application, secret.hashed(), now));
    }

    private static <T> void replace(Collection<T> target, Collection<T> values) {
        if (!new ArrayList<>(target).equals(new ArrayList<>(values))) {
            target.clear();
            target.addAll(values);
        }
    }
}
