package io.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * When a grant last issued an application an access token (to the hour), and, for an application older than the
 * noting, since when it is noted (null: since its creation).
 */
@Entity
@Table(name = "application_use")
public class ApplicationUseEntity {
    @Id
    @Column(name = "client_id", length = 128)
    private String clientId;

    @Column(name = "observed_since")
    private Instant observedSince;

    @Column(name = "last_token_at")
    private Instant lastTokenAt;

    protected ApplicationUseEntity() {
    }

    public String getClientId() {
        return clientId;
    }

    public Instant getObservedSince() {
        return observedSince;
    }

    public Instant getLastTokenAt() {
        return lastTokenAt;
    }
}
