package io.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * A signing key: public half in the clear (X.509 DER, base64), private half sealed with AES-GCM until the key is
 * retired, when it is destroyed. Its state moves next → current → retiring → retired (a revoked key: straight to
 * retired).
 */
@Entity
@Table(name = "signing_key")
public class SigningKeyEntity {
    public static final String NEXT = "next";
    public static final String CURRENT = "current";
    public static final String RETIRING = "retiring";
    public static final String RETIRED = "retired";

    @Id
    @Column(name = "kid", length = 64)
    private String kid;

    @Column(name = "algorithm", nullable = false, length = 16)
    private String algorithm;

    @Column(name = "public_key", nullable = false, length = 4096)
    private String publicKey;

    /** Null once the key is retired. */
    @Column(name = "private_key_sealed", length = 8192)
    private String privateKeySealed;

    /** next, current, retiring or retired. */
    @Column(name = "status", nullable = false, length = 16)
    private String status;

    /** When it was made, which is when JWKS began publishing it. */
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** When it began to sign. */
    @Column(name = "activated_at")
    private Instant activatedAt;

    /** A "rotate now" asked for while it was current. */
    @Column(name = "rotation_requested_at")
    private Instant rotationRequestedAt;

    /** A retiring key: when it leaves JWKS. */
    @Column(name = "retire_after")
    private Instant retireAfter;

    @Column(name = "retired_at")
    private Instant retiredAt;

    @Column(name = "revoked", nullable = false)
    private boolean revoked;

    protected SigningKeyEntity() {
    }

    public SigningKeyEntity(String kid, String algorithm, String publicKey, String privateKeySealed, String status,
                            Instant createdAt) {
        this.kid = kid;
        this.algorithm = algorithm;
        this.publicKey = publicKey;
        this.privateKeySealed = privateKeySealed;
        this.status = status;
        this.createdAt = createdAt;
        this.activatedAt = status.equals(CURRENT) ? createdAt : null;
    }

    public String getKid() {
        return kid;
    }

    public String getAlgorithm() {
        return algorithm;
    }

    public String getPublicKey() {
        return publicKey;
    }

    public String getPrivateKeySealed() {
        return privateKeySealed;
    }

    public String getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Optional<Instant> getActivatedAt() {
        return Optional.ofNullable(activatedAt);
    }

    public Optional<Instant> getRotationRequestedAt() {
        return Optional.ofNullable(rotationRequestedAt);
    }

    public Optional<Instant> getRetireAfter() {
        return Optional.ofNullable(retireAfter);
    }

    public Optional<Instant> getRetiredAt() {
        return Optional.ofNullable(retiredAt);
    }

    public boolean isRevoked() {
        return revoked;
    }

    /** next → current. */
    public void activate(Instant now) {
        status = CURRENT;
        activatedAt = now;
    }

    public void requestRotation(Instant now) {
        rotationRequestedAt = now;
    }

    /** current → retiring, published until {@code retireAfter}. */
    public void startRetiring(Instant retireAfter) {
        status = RETIRING;
        this.retireAfter = retireAfter;
    }

    /** The private half sealed again (under a new master key). */
    public void reseal(String privateKeySealed) {
        if (this.privateKeySealed == null) {
            throw new IllegalStateException("signing key " + kid + " has no private half any more");
        }
        this.privateKeySealed = privateKeySealed;
    }

    /** → retired: gone from JWKS, private half destroyed. */
    public void retire(Instant now, boolean revoke) {
        status = RETIRED;
        retiredAt = now;
        privateKeySealed = null;
        revoked = revoke;
    }

    @Override
    public String toString() {
        return "SigningKeyEntity[kid=" + kid + ", status=" + status + "]";
    }
}
