package io.latchkey.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A signing key: public half in the clear (X.509 DER, base64), private half sealed with AES-GCM. */
@Entity
@Table(name = "signing_key")
public class SigningKeyEntity {
    public static final String CURRENT = "current";

    @Id
    @Column(name = "kid", length = 64)
    private String kid;

    @Column(name = "algorithm", nullable = false, length = 16)
    private String algorithm;

    @Column(name = "public_key", nullable = false, length = 4096)
    private String publicKey;

    @Column(name = "private_key_sealed", nullable = false, length = 8192)
    private String privateKeySealed;

    /** current, next, previous or retired. */
    @Column(name = "status", nullable = false, length = 16)
    private String status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "retire_after")
    private Instant retireAfter;

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

    @Override
    public String toString() {
        return "SigningKeyEntity[kid=" + kid + ", status=" + status + "]";
    }
}
