package io.latchkey.store;

import jakarta.persistence.EntityManager;
import java.time.Instant;

/**
 * The {@code password_reset_code} table (schema 19): one code hash per account, replaced by the next one issued,
 * deleted when redeemed. Native SQL: the row has no entity, nothing but these statements touches it.
 */
public final class PasswordResetCodeRepository {

    /** Stores {@code codeHash} as the account's only code, replacing the one it had. */
    public void replace(EntityManager em, long accountId, String codeHash, Instant issuedAt, Instant expiresAt) {
        em.createNativeQuery("DELETE FROM password_reset_code WHERE account_id = :account")
                .setParameter("account", accountId).executeUpdate();
        em.createNativeQuery("INSERT INTO password_reset_code (account_id, code_hash, issued_at, expires_at) "
                        + "VALUES (:account, :hash, :issued, :expires)")
                .setParameter("account", accountId).setParameter("hash", codeHash)
                .setParameter("issued", issuedAt).setParameter("expires", expiresAt).executeUpdate();
    }

    /**
     * Deletes the account's code if its hash is {@code codeHash} and it has not expired at {@code now}: true for
     * exactly one of any number of concurrent calls with the right code.
     */
    public boolean consume(EntityManager em, long accountId, String codeHash, Instant now) {
        return em.createNativeQuery("DELETE FROM password_reset_code WHERE account_id = :account "
                        + "AND code_hash = :hash AND expires_at > :now")
                .setParameter("account", accountId).setParameter("hash", codeHash).setParameter("now", now)
                .executeUpdate() == 1;
    }

    /** Whether the account has a code stored under {@code codeHash} (expired or not); for tests and support. */
    public boolean holds(EntityManager em, long accountId, String codeHash) {
        return !em.createNativeQuery("SELECT 1 FROM password_reset_code WHERE account_id = :account "
                        + "AND code_hash = :hash")
                .setParameter("account", accountId).setParameter("hash", codeHash).getResultList().isEmpty();
    }
}
