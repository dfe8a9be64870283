package io.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The change counter of one kind of cached configuration; see {@link ConfigurationChanges}. */
@Entity
@Table(name = "configuration_change")
public class ConfigurationChangeEntity {
    @Id
    @Column(name = "kind", length = 32)
    private String kind;

    @Column(name = "version", nullable = false)
    private long version;

    protected ConfigurationChangeEntity() {
    }

    public String getKind() {
        return kind;
    }

    public long getVersion() {
        return version;
    }
}
