package io.latchkey.store;

import java.util.List;

/** Every entity class Hibernate manages; there is no classpath scanning. */
final class Entities {
    static final List<Class<?>> ALL = List.of(
            ScopeEntity.class,
            ApplicationEntity.class,
            ApplicationSecretEntity.class,
            SigningKeyEntity.class,
            AccountEntity.class,
            LoginThrottleEntity.class,
            BrowserSessionEntity.class,
            InteractionEntity.class,
            AuthorizationCodeEntity.class,
            RefreshGrantEntity.class,
            ConsentEntity.class,
            RevokedTokenEntity.class,
            IssuedAccessTokenEntity.class,
            ReferenceTokenEntity.class,
            ConfigurationChangeEntity.class,
            AuditEventEntity.class,
            ApplicationUseEntity.class,
            ApplicationScopeUseEntity.class);

    private Entities() {
    }
}
