package io.latchkey.client;

import io.latchkey.security.RandomValues;
import io.latchkey.security.Secret;
import io.latchkey.store.ApplicationEntity;
import io.latchkey.store.ApplicationRepository;
import io.latchkey.store.ApplicationSecretEntity;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Optional;

/**
 * Creates and updates applications by client_id. Secrets are only ever stored hashed. A confidential
 * application without a secret gets a generated one (256 random bits), returned once to the caller;
 * a changed secret becomes current while the previous ones keep working for {@link #ROTATION_OVERLAP}.
 */
public final class ApplicationRegistry {
    /** How long a replaced secret keeps working, so services can roll over without downtime. */
    public static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

    private final ApplicationRepository repository;
    private final Clock clock;

    public ApplicationRegistry(ApplicationRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** The outcome of an upsert: whether it created the application, and a generated secret if one was made. */
    public record Applied(boolean created, Optional<Secret> generatedSecret) {
    }

    public Applied upsert(EntityManager em, ApplicationDefinition definition) {
        Instant now = clock.instant();
        Optional<ApplicationEntity> existing = repository.findByClientId(em, definition.clientId());
        ApplicationEntity application = existing.orElseGet(() -> new ApplicationEntity(definition.clientId(), now));
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
        application.setResponseTypes(definition.responseTypes().stream().map(ResponseType::wireName).sorted()
                .collect(java.util.stream.Collectors.joining(",")));
        application.setUpdatedAt(now);
        replace(application.getRedirectUris(), definition.redirectUris());
        replace(application.getPostLogoutRedirectUris(), definition.postLogoutRedirectUris());
        replace(application.getAllowedScopes(), definition.scopes());
        replace(application.getDefaultScopes(), definition.defaultScopes());
        if (existing.isEmpty()) {
            repository.add(em, application);
        }
        Optional<Secret> generated = Optional.empty();
        if (!definition.type().confidential()) {
            application.getSecrets().clear();
        } else if (definition.secret().isPresent()) {
            Secret secret = definition.secret().get();
            boolean known = application.getSecrets().stream()
                    .anyMatch(s -> secret.matchesHash(s.getSecretHash()) && s.getExpiresAt() == null);
            if (!known) {
                addCurrentSecret(application, secret, now);
            }
        } else if (application.getSecrets().stream().noneMatch(s -> s.getExpiresAt() == null
                || s.getExpiresAt().isAfter(now))) {
            Secret secret = RandomValues.secret256();
            addCurrentSecret(application, secret, now);
            generated = Optional.of(secret);
        }
        return new Applied(existing.isEmpty(), generated);
    }

    /** Makes {@code secret} the current one; the secrets it replaces expire after the rotation overlap. */
    private static void addCurrentSecret(ApplicationEntity application, Secret secret, Instant now) {
        Instant overlapEnds = now.plus(ROTATION_OVERLAP);
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
