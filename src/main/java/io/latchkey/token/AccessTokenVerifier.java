package io.latchkey.token;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.latchkey.account.CredentialThrottle;
import io.latchkey.client.ApplicationSubject;
import io.latchkey.client.Client;
import io.latchkey.client.ClientDirectory;
import io.latchkey.key.KeyRing;
import io.latchkey.security.Secret;
import io.latchkey.store.AccountEntity;
import io.latchkey.store.AccountRepository;
import io.latchkey.store.ReferenceTokenRepository;
import io.latchkey.store.RevokedTokenRepository;
import io.latchkey.store.Transactions;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Checks an access token this server issued. A JWT: signature by a published key in that key's algorithm, an enabled one, {@code typ at+jwt},
 * issuer, expiry, and the revocation deny list. A personal or service access token ({@code lk_pat_…},
 * {@code lk_sat_…}): check digits, then a live stored row ({@link ReferenceTokens}). Anything else is simply
 * not a valid token, so every bearer endpoint accepts both kinds alike.
 *
 * <p>Either kind must also still be in good standing: its application exists, is enabled and was not disabled
 * after the token was issued ({@code tokens_not_before}); a person's token needs an enabled account whose
 * password has not changed, nor been disabled, since (a personal access token is checked against its owner by
 * {@link ReferenceTokens} and outlives a password change). The application is read through the
 * {@link ClientDirectory}, so a disable reaches every node within half a second (its change counter); the account
 * is read each time.
 */
public final class AccessTokenVerifier {
    private final String issuer;
    private final KeyRing keys;
    private final Transactions transactions;
    private final RevokedTokenRepository revoked;
    private final ClientDirectory clients;
    private final AccountRepository accounts;
    private final Clock clock;
    private final ReferenceTokens referenceTokens;

    public AccessTokenVerifier(String issuer, KeyRing keys, Transactions transactions, RevokedTokenRepository revoked,
                               ClientDirectory clients, Clock clock) {
        this(issuer, keys, transactions, revoked, clients, new AccountRepository(), clock,
                new ReferenceTokens(transactions, new ReferenceTokenRepository(), new AccountRepository(), clock));
    }

    /** With look-ups of presented reference tokens braked per address by {@code throttle}. */
    public AccessTokenVerifier(String issuer, KeyRing keys, Transactions transactions, RevokedTokenRepository revoked,
                               ClientDirectory clients, CredentialThrottle throttle, Clock clock) {
        this(issuer, keys, transactions, revoked, clients, new AccountRepository(), clock, new ReferenceTokens(transactions,
                new ReferenceTokenRepository(), new AccountRepository(), throttle, clock));
    }

    public AccessTokenVerifier(String issuer, KeyRing keys, Transactions transactions, RevokedTokenRepository revoked,
                               ClientDirectory clients, AccountRepository accounts, Clock clock,
                               ReferenceTokens referenceTokens) {
        this.issuer = issuer;
        this.keys = keys;
        this.transactions = transactions;
        this.revoked = revoked;
        this.clients = clients;
        this.accounts = accounts;
        this.clock = clock;
        this.referenceTokens = referenceTokens;
    }

    /**
     * A valid access token's claims. For a reference token {@code jti} is its public id (first characters of
     * its hash), {@code audience} is empty and {@code reference} names its kind.
     */
    public record VerifiedAccessToken(String subject, String clientId, Set<String> scopes, String jti,
                                      Instant issuedAt, Instant expiresAt, Set<String> audience,
                                      Optional<ReferenceToken.Kind> reference) {
    }

    /** Whether the value has the shape of a token this verifier reads: a JWT or a reference token. */
    public static boolean looksLikeAccessToken(Secret token) {
        return ReferenceToken.looksLike(token) || token.reveal().chars().filter(c -> c == '.').count() == 2;
    }

    /** A token an authenticated client asks about (introspection, revocation). */
    public Optional<VerifiedAccessToken> verify(Secret token) {
        return verify(token, referenceTokens::verify);
    }

    /**
     * A token presented as a bearer token from {@code presenterAddress}: reference-token look-ups are braked per
     * address (429 when too many were for tokens that do not exist).
     */
    public Optional<VerifiedAccessToken> verify(Secret token, String presenterAddress) {
        return verify(token, value -> referenceTokens.verify(value, presenterAddress));
    }

    private Optional<VerifiedAccessToken> verify(Secret token,
                                                 Function<Secret, Optional<VerifiedAccessToken>> referenceLookUp) {
        if (ReferenceToken.looksLike(token)) {
            // An opaque access token of a grant is also taken back with its grant (the deny list, by hash).
            return referenceLookUp.apply(token)
                    .filter(this::applicationInStanding)
                    .filter(t -> t.reference().orElseThrow() != ReferenceToken.Kind.AT
                            || transactions.inTransaction(em -> !revoked.isRevoked(em, token.hashed())
                                    && personInStanding(em, t)));
        }
        Jws<Claims> jws;
        try {
            jws = keys.parser()
                    .clock(() -> Date.from(clock.instant()))
                    .requireIssuer(issuer)
                    .build()
                    .parseSignedClaims(token.reveal());
        } catch (JwtException | IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!AccessTokenIssuer.TYPE.equals(jws.getHeader().getType())
                || !keys.accepts(jws.getHeader().getAlgorithm())) {
            return Optional.empty();
        }
        Claims claims = jws.getPayload();
        String jti = claims.getId();
        String scope = claims.get("scope", String.class);
        String clientId = claims.get("client_id", String.class);
        Date issuedAt = claims.getIssuedAt();
        // RFC 9068 §2.2: iat is REQUIRED, and the not-before checks below compare it.
        if (jti == null || scope == null || clientId == null || claims.getSubject() == null || issuedAt == null) {
            return Optional.empty();
        }
        VerifiedAccessToken verified = new VerifiedAccessToken(claims.getSubject(), clientId,
                new TreeSet<>(Arrays.asList(scope.isEmpty() ? new String[0] : scope.split(" "))), jti,
                issuedAt.toInstant(),
                claims.getExpiration().toInstant(),
                claims.getAudience() == null ? Set.of() : new TreeSet<>(claims.getAudience()), Optional.empty());
        // Only a person's token carries auth_time (RFC 9068 §2.2.1); a service's names its application.
        boolean person = claims.get("auth_time") != null;
        if (!applicationInStanding(verified) || transactions.inTransaction(em -> revoked.isRevoked(em, jti)
                || (person && !personInStanding(em, verified)))) {
            return Optional.empty();
        }
        return Optional.of(verified);
    }

    /** The token's application exists, is enabled, and was not disabled after the token was issued. */
    private boolean applicationInStanding(VerifiedAccessToken token) {
        return clients.find(token.clientId()).filter(Client::enabled)
                .filter(c -> c.tokensNotBefore().map(nb -> !token.issuedAt().isBefore(nb)).orElse(true))
                .isPresent();
    }

    /**
     * The token's person (by subject) exists, is enabled, and has not changed password nor been disabled since the
     * token was issued. A token of an application (an opaque access token of client credentials) has no person.
     */
    private boolean personInStanding(EntityManager em, VerifiedAccessToken token) {
        if (ApplicationSubject.isApplication(token.subject())) {
            return true;
        }
        return accounts.findBySubject(em, token.subject()).filter(AccountEntity::isEnabled)
                .filter(a -> a.getTokensNotBefore() == null || !token.issuedAt().isBefore(a.getTokensNotBefore()))
                .isPresent();
    }
}
