package io.latchkey.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.account.Account;
import io.latchkey.account.AccountService;
import io.latchkey.account.Address;
import io.latchkey.account.StandardClaims;
import io.latchkey.audit.StoredAuditTrail;
import io.latchkey.store.AccountEntity;
import io.latchkey.store.AuditEventRepository;
import io.latchkey.store.Database;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link GrantStorageContract} through {@code store.HibernateGrantStorage}, on the database a subclass opens. */
abstract class HibernateGrantStorageContract extends GrantStorageContract {
    private SignInWorld world;

    abstract Database database();

    @BeforeEach
    void newWorld() {
        world = new SignInWorld(database(), new StoredAuditTrail(database().transactions(),
                new AuditEventRepository(), Duration.ofDays(1), Clock.systemUTC()));
    }

    @Override
    protected long auditEvents(String action, String target) {
        return TestDatabase.count(database(), "select count(*) from audit_event where action = ?1 and target = ?2",
                action, target);
    }

    @Override
    protected GrantStorage storage() {
        return world.grantStorage;
    }

    @Override
    protected Account person() {
        return world.person();
    }

    @Override
    protected void storeRetiredRefreshToken(String tokenHash, String familyId, String clientId) {
        long accountId = person().id();
        database().transactions().run(em -> em.createNativeQuery("INSERT INTO refresh_token (token_hash, family_id, "
                        + "client_id, account_id, scope, auth_time, sid, created_at, idle_expires_at, "
                        + "family_expires_at, rotated_at) VALUES (?1, ?2, ?3, ?4, 'openid', CURRENT_TIMESTAMP, 'sid', "
                        + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                .setParameter(1, tokenHash).setParameter(2, familyId).setParameter(3, clientId)
                .setParameter(4, accountId).executeUpdate());
    }

    @Override
    protected boolean isRevoked(String jti) {
        return TestDatabase.count(database(), "select count(*) from revoked_token where jti = ?1", jti) == 1;
    }

    /** The grant's plain-SQL read of the account maps every column as the entity does. */
    @Test
    void theAccountOfAGrantIsReadWithEveryClaimAsTheEntityHasIt() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Instant at = Instant.parse("2026-11-30T10:15:30.123456Z");
        StandardClaims claims = new StandardClaims(Optional.of("Alice"), Optional.of("Liddell"), Optional.of("P."),
                Optional.of("Al"), Optional.of("alice.l"), Optional.of("https://example.com/alice"),
                Optional.of("https://example.com/alice.png"), Optional.of("https://alice.example"),
                Optional.of("female"), Optional.of("1852-05-04"), Optional.of("Europe/London"), Optional.of("en-GB"),
                Optional.of("+44 1865 000000"), true, new Address(Optional.of("1 Lane\nOxford"),
                        Optional.of("1 Lane"), Optional.of("Oxford"), Optional.of("Oxon"), Optional.of("OX1"),
                        Optional.of("GB")));
        Account expected = database().transactions().inTransaction(em -> {
            AccountEntity entity = new AccountEntity("sub-" + suffix, "alice-" + suffix, null,
                    "alice-" + suffix + "@example.com", true, false, true, null, at, at);
            entity.setClaims(claims);
            entity.setProfileUpdatedAt(at);
            em.persist(entity);
            return AccountService.toAccount(entity);
        });
        try (GrantTransaction tx = storage().begin()) {
            Account found = tx.findAccount(expected.id()).orElseThrow();
            assertEquals(expected, found);
            assertEquals("alice-" + suffix, found.displayName(), "no display name: the username");
        }
    }
}
