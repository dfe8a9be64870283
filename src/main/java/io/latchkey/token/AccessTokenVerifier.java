package io.latchkey.token;

import io.latchkey.account.CredentialThrottle;
import io.latchkey.client.ApplicationSubject;
import io.latchkey.client.Client;
import io.latchkey.client.ClientDirectory;
import io.latchkey.key.JwtVerifier;
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
import java.util.Optional;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
    private final JwtVerifier jwts;
    private final Transactions transactions;
    private final RevokedTokenRepository revoked;
    private final ClientDirectory clients;
    private final AccountRepository accounts;
    private final Clock clock;
    private final ReferenceTokens referenceTokens;

    public AccessTokenVerifier(String issuer, KeyRing keys, Transactions transactions, RevokedTokenRepository revoked,
                               ClientDirectory clients, Clock clock) {
        this(issuer, keys, transactions, revoked, clients, new AccountRepository(), clock,
                new ReferenceTokens(transactions, new ReferenceTokenRepository(), clock));
    }

    /** With look-ups of presented reference tokens braked per address by {@code throttle}. */
    public AccessTokenVerifier(String issuer, KeyRing keys, Transactions transactions, RevokedTokenRepository revoked,
                               ClientDirectory clients, CredentialThrottle throttle, Clock clock) {
        this(issuer, keys, transactions, revoked, clients, new AccountRepository(), clock, new ReferenceTokens(transactions,
                new ReferenceTokenRepository(), throttle, clock));
    }

    public AccessTokenVerifier(String issuer, KeyRing keys, Transactions transactions, RevokedTokenRepository revoked,
                               ClientDirectory clients, AccountRepository accounts, Clock clock,
                               ReferenceTokens referenceTokens) {
        this.issuer = issuer;
        this.jwts = new JwtVerifier(keys);
        this.transactions = transactions;
        this.revoked = revoked;
        this.clients = clients;
        this.accounts = accounts;
        this.clock = clock;
        this.referenceTokens = referenceTokens;
    }

    /**
     * A valid access token's claims. For a reference token {@code jti} is its public id (first characters of
     * its hash), {@code audience} is empty and {@code reference} names its kind. {@code username} is the person's
     * when the check read their account with the token (a person's reference token), else empty.
     */
    public record VerifiedAccessToken(String subject, String clientId, Set<String> scopes, String jti,
                                      Instant issuedAt, Instant expiresAt, Set<String> audience,
                                      Optional<ReferenceToken.Kind> reference, Optional<String> username) {
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
                            || (!revoked.isRevoked(transactions, token.hashed())
                                    && (ApplicationSubject.isApplication(t.subject())
                                            || transactions.inTransaction(em -> personInStanding(em, t)))));
        }
        Optional<JwtVerifier.Verified> signed = jwts.verify(token.reveal());
        if (signed.isEmpty() || !signed.get().headerString("typ").filter(AccessTokenIssuer.TYPE::equals).isPresent()) {
            return Optional.empty();
        }
        Map<String, Object> claims = signed.get().claims();
        Optional<String> jti = text(claims, "jti");
        Optional<String> scope = text(claims, "scope");
        Optional<String> clientId = text(claims, "client_id");
        Optional<String> subject = text(claims, "sub");
        // RFC 9068 §2.2: iat and exp are REQUIRED, and the not-before checks below compare iat.
        Optional<Instant> issuedAt = instant(claims, "iat");
        Optional<Instant> expiresAt = instant(claims, "exp");
        Instant now = clock.instant();
        if (jti.isEmpty() || scope.isEmpty() || clientId.isEmpty() || subject.isEmpty() || issuedAt.isEmpty()
                || expiresAt.isEmpty() || !text(claims, "iss").filter(issuer::equals).isPresent()
                // RFC 7519 §4.1.4 and §4.1.5: valid before exp, and from nbf on.
                || !now.isBefore(expiresAt.get())
                || (claims.containsKey("nbf") && instant(claims, "nbf").filter(nbf -> !now.isBefore(nbf)).isEmpty())
                || !audience(claims.get("aud")).isPresent()) {
            return Optional.empty();
        }
        VerifiedAccessToken verified = new VerifiedAccessToken(subject.get(), clientId.get(),
                new TreeSet<>(Arrays.asList(scope.get().isEmpty() ? new String[0] : scope.get().split(" "))),
                jti.get(), issuedAt.get(), expiresAt.get(), audience(claims.get("aud")).get(), Optional.empty(),
                Optional.empty());
        // Only a person's token carries auth_time (RFC 9068 §2.2.1); a service's names its application.
        boolean person = claims.get("auth_time") != null;
        if (!applicationInStanding(verified) || revoked.isRevokedAccessToken(transactions, jti.get())
                || (person && !transactions.inTransaction(em -> personInStanding(em, verified)))) {
            return Optional.empty();
        }
        return Optional.of(verified);
    }

    private static Optional<String> text(Map<String, Object> claims, String name) {
        return claims.get(name) instanceof String value ? Optional.of(value) : Optional.empty();
    }

    /** A NumericDate (RFC 7519 §2): seconds since the epoch, whole or not. */
    private static Optional<Instant> instant(Map<String, Object> claims, String name) {
        if (claims.get(name) instanceof Number seconds && Double.isFinite(seconds.doubleValue())) {
            return Optional.of(seconds instanceof Integer || seconds instanceof Long
                    ? Instant.ofEpochSecond(seconds.longValue())
                    : Instant.ofEpochMilli((long) (seconds.doubleValue() * 1000)));
        }
        return Optional.empty();
    }

    /** {@code aud}: absent, one string or an array of strings (RFC 7519 §4.1.3); empty when it is something else. */
    private static Optional<Set<String>> audience(Object aud) {
        if (aud == null) {
            return Optional.of(Set.of());
        }
        if (aud instanceof String one) {
            return Optional.of(new TreeSet<>(Set.of(one)));
        }
        if (aud instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return Optional.of(new TreeSet<>(list.stream().map(String.class::cast).toList()));
        }
        return Optional.empty();
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
