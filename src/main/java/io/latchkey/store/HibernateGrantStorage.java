package io.latchkey.store;

import io.latchkey.account.Account;
import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.AuditTrail;
import io.latchkey.token.AuthorizationCodes;
import io.latchkey.token.CodeConsumption;
import io.latchkey.token.GrantStorage;
import io.latchkey.token.GrantTransaction;
import io.latchkey.token.RefreshTokens;
import io.latchkey.token.StoredRefreshFamily;
import io.latchkey.token.AccessTokenClaims;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import io.latchkey.security.RandomValues;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@link GrantStorage} on the database: each {@link GrantTransaction} is one resource-local transaction
 * ({@link Transactions#begin()}); scopes are stored space-separated, tokens by their hash; an audit event is
 * written by the trail into that transaction ({@link AuditTrail#record(EntityManager, AuditEvent)}).
 */
public final class HibernateGrantStorage implements GrantStorage {
    private final Transactions transactions;
    private final AuthorizationCodeRepository codes;
    private final RefreshGrantRepository refreshGrants;
    private final GrantFamilyRepository families;
    private final AccountRepository accounts;
    private final AuditTrail audit;

    public HibernateGrantStorage(Transactions transactions, AuthorizationCodeRepository codes,
                                 RefreshGrantRepository refreshGrants, GrantFamilyRepository families,
                                 AccountRepository accounts, AuditTrail audit) {
        this.transactions = transactions;
        this.codes = codes;
        this.refreshGrants = refreshGrants;
        this.families = families;
        this.accounts = accounts;
        this.audit = audit;
    }

    @Override
    public GrantTransaction begin() {
        Transactions.UnitOfWork unit = transactions.begin();
        return new Unit(unit, unit.entityManager());
    }

    @Override
    public GrantTransaction within(EntityManager em) {
        return new Unit(null, em);
    }

    private final class Unit implements GrantTransaction {
        /** Null when the transaction is the caller's ({@link #within}). */
        private final Transactions.UnitOfWork unit;
        private final EntityManager em;

        Unit(Transactions.UnitOfWork unit, EntityManager em) {
            this.unit = unit;
            this.em = em;
        }

        @Override
        public void storeCode(String codeHash, AuthorizationCodes.CodeGrant grant, Instant issuedAt,
                              Instant expiresAt) {
            AuthorizationCodeEntity entity = new AuthorizationCodeEntity(codeHash, grant.clientId(),
                    grant.accountId(), grant.redirectUri(), grant.codeChallenge(), grant.nonce().orElse(null),
                    String.join(" ", grant.scopes()), grant.authTime(), grant.sid(), grant.grantId(), issuedAt,
                    expiresAt, null, grant.accessTokenJti(), null);
            entity.setRedirectUriSent(grant.redirectUriSent());
            entity.setClaimsRequest(grant.claimsRequest().orElse(null));
            codes.add(em, entity);
        }

        @Override
        public CodeConsumption consumeCode(String codeHash, Instant now) {
            boolean consumed = codes.consume(em, codeHash, now);
            Optional<AuthorizationCodeEntity> code = codes.find(em, codeHash);
            if (consumed) {
                return new CodeConsumption.Redeemed(code.map(HibernateGrantStorage::toGrant)
                        .orElseThrow(() -> new IllegalStateException("a consumed code is gone")));
            }
            return code.filter(c -> c.getConsumedAt() != null)
                    .<CodeConsumption>map(c -> new CodeConsumption.Replayed(c.getGrantId(), c.getClientId(),
                            c.getAccessTokenJti(), c.getConsumedAt()))
                    .orElseGet(CodeConsumption.Unknown::new);
        }

        @Override
        public void storeRefreshFamily(StoredRefreshFamily family) {
            refreshGrants.add(em, family);
        }

        @Override
        public Optional<StoredRefreshFamily> findRefreshFamily(String familyKey) {
            return refreshGrants.find(em, familyKey);
        }

        @Override
        public boolean rotateRefreshToken(String familyKey, String presentedHash, RefreshTokens.NextToken next) {
            return refreshGrants.rotate(em, familyKey, presentedHash, next);
        }

        @Override
        public Optional<RefreshTokens.RetiredToken> findRetiredRefreshToken(String tokenHash) {
            return refreshGrants.retired(em, tokenHash);
        }

        @Override
        public void recordAccessToken(String grantId, String clientId, String jti, Instant expiresAt) {
            families.recordAccessToken(em, grantId, clientId, jti, expiresAt);
        }

        @Override
        public int revokeFamily(String grantId, Instant now) {
            return families.revoke(em, grantId, now);
        }

        @Override
        public void revokeAccessToken(String jti, Instant now, Instant expiresAt) {
            families.revokeAccessToken(em, jti, now, expiresAt);
        }

        @Override
        public void recordFrontChannelClaims(String clientId, String jti, Instant expiresAt, String claimsRequest) {
            // A family of its own: revoking it takes back this token alone.
            IssuedAccessTokenEntity entity = new IssuedAccessTokenEntity(jti, RandomValues.base64Url(128), clientId,
                    expiresAt);
            entity.setClaimsRequest(claimsRequest);
            em.persist(entity);
        }

        @Override
        public Optional<String> claimsRequestOfAccessToken(String jti) {
            IssuedAccessTokenEntity frontChannel = em.find(IssuedAccessTokenEntity.class, jti);
            if (frontChannel != null && frontChannel.getClaimsRequest() != null) {
                return Optional.of(frontChannel.getClaimsRequest());
            }
            List<String> found = em.createQuery("select c.claimsRequest from AuthorizationCodeEntity c "
                    + "where c.accessTokenJti = :jti and c.claimsRequest is not null", String.class)
                    .setParameter("jti", jti).setMaxResults(1).getResultList();
            if (found.isEmpty()) {
                // An access token a refresh issued names its family (AccessTokenClaims.familyJti).
                return AccessTokenClaims.familyOfJti(jti)
                        .flatMap(familyId -> refreshGrants.claimsRequest(em, familyId));
            }
            return found.stream().findFirst();
        }

        @Override
        public Optional<Account> findAccount(long accountId) {
            return accounts.findToRead(em, accountId);
        }

        @Override
        public void record(AuditEvent event) {
            audit.record(em, event);
        }

        @Override
        public void commit() {
            if (unit != null) {
                unit.commit();
            }
        }

        @Override
        public void close() {
            if (unit != null) {
                unit.close();
            }
        }
    }

    private static AuthorizationCodes.CodeGrant toGrant(AuthorizationCodeEntity entity) {
        return new AuthorizationCodes.CodeGrant(entity.getClientId(), entity.getAccountId(), entity.getRedirectUri(),
                entity.isRedirectUriSent(), entity.getCodeChallenge(), Optional.ofNullable(entity.getNonce()),
                scopes(entity.getScope()), entity.getAuthTime(), entity.getSid(), entity.getGrantId(),
                entity.getAccessTokenJti(), Optional.ofNullable(entity.getClaimsRequest()));
    }

    private static TreeSet<String> scopes(String joined) {
        return new TreeSet<>(Arrays.asList(joined.split(" ")));
    }
}
