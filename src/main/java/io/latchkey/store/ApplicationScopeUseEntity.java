package io.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** When an access token issued by a grant last carried one scope of an application (to the hour). */
@Entity
@Table(name = "application_scope_use")
public class ApplicationScopeUseEntity {
    @EmbeddedId
    private Key key;

    @Column(name = "last_granted_at", nullable = false)
    private Instant lastGrantedAt;

    protected ApplicationScopeUseEntity() {
    }

    public String getClientId() {
        return key.clientId;
    }

    public String getScopeName() {
        return key.scopeName;
    }

    public Instant getLastGrantedAt() {
        return lastGrantedAt;
    }

    /** The application and the scope. */
    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "client_id", length = 128)
        private String clientId;

        @Column(name = "scope_name", length = 128)
        private String scopeName;

        protected Key() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.clientId.equals(clientId) && key.scopeName.equals(scopeName);
        }

        @Override
        public int hashCode() {
            return Objects.hash(clientId, scopeName);
        }
    }
}
