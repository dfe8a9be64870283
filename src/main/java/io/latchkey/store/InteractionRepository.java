package io.latchkey.store;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Pending authorization interactions by hash of their id. */
public final class InteractionRepository {
    private static final String FIND = "SELECT browser_hash, client_id, request_json, created_at, expires_at "
            + "FROM authorization_interaction WHERE id_hash = ?";

    public void add(EntityManager em, InteractionEntity interaction) {
        em.persist(interaction);
    }

    public Optional<InteractionEntity> find(EntityManager em, String idHash) {
        return Optional.ofNullable(em.find(InteractionEntity.class, idHash));
    }

    /**
     * The same row by plain SQL on a pooled connection ({@code Transactions.read}): the sign-in pages read a pending
     * request on every step, and a unit of work's session and flush cost more than the read.
     */
    public Optional<InteractionEntity> find(Connection connection, String idHash) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(FIND)) {
            statement.setString(1, idHash);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new InteractionEntity(idHash, row.getString(1), row.getString(2), row.getString(3),
                        SqlInstants.get(row, 4), SqlInstants.get(row, 5)));
            }
        }
    }

    /** Plain SQL: it runs at the end of every sign-in (Hibernate translates HQL deletes on every execution). */
    public boolean delete(EntityManager em, String idHash) {
        return em.createNativeQuery("DELETE FROM authorization_interaction WHERE id_hash = :h")
                .setParameter("h", idHash).executeUpdate() == 1;
    }

    public int deleteExpired(EntityManager em, Instant now) {
        return em.createQuery("delete from InteractionEntity i where i.expiresAt < :now")
                .setParameter("now", now).executeUpdate();
    }
}
