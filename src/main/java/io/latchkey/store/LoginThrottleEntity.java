package io.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Failed sign-ins for one account or one client address. */
@Entity
@Table(name = "login_throttle")
public class LoginThrottleEntity {
    @Id
    @Column(name = "throttle_key", length = 200)
    private String throttleKey;

    @Column(name = "failures", nullable = false)
    private int failures;

    @Column(name = "blocked_until")
    private Instant blockedUntil;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected LoginThrottleEntity() {
    }

    public LoginThrottleEntity(String throttleKey, int failures, Instant blockedUntil, Instant updatedAt) {
        this.throttleKey = throttleKey;
        this.failures = failures;
        this.blockedUntil = blockedUntil;
        this.updatedAt = updatedAt;
    }

    public String getThrottleKey() {
        return throttleKey;
    }

    public int getFailures() {
        return failures;
    }

    public void setFailures(int failures) {
        this.failures = failures;
    }

    public Instant getBlockedUntil() {
        return blockedUntil;
    }

    public void setBlockedUntil(Instant blockedUntil) {
        this.blockedUntil = blockedUntil;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

    @Override
    public String toString() {
        return "LoginThrottleEntity";
    }
}
