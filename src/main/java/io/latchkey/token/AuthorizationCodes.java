package io.latchkey.token;

import io.latchkey.error.OAuthException;
import io.latchkey.security.RandomValues;
import io.latchkey.security.Secret;
import io.latchkey.store.AuthorizationCodeEntity;
import io.latchkey.store.AuthorizationCodeRepository;
import io.latchkey.store.Transactions;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Authorization codes: 256 random bits, stored hashed, valid for 60 seconds, redeemed once. The access
 * token id and refresh family of a code are fixed when the code is made, so a replay can revoke what the
 * first redemption issued (RFC 6749 §4.1.2: "If an authorization code is used more than once, the
 * authorization server MUST deny the request and SHOULD revoke (when possible) all tokens previously
 * issued based on that authorization code.").
 */
public final class AuthorizationCodes {
    public static final Duration LIFETIME = Duration.ofSeconds(60);

    private final Transactions transactions;
    private final AuthorizationCodeRepository codes;
    private final GrantFamilies families;
    private final Duration accessTokenLifetime;
    private final Clock clock;

    public AuthorizationCodes(Transactions transactions, AuthorizationCodeRepository codes, GrantFamilies families,
                              Duration accessTokenLifetime, Clock clock) {
        this.transactions = transactions;
        this.codes = codes;
        this.families = families;
        this.accessTokenLifetime = accessTokenLifetime;
        this.clock = clock;
    }

    /** Everything a code is bound to (RFC 6749 §4.1.3, RFC 7636, OIDC Core §3.1.3.2). */
    public record CodeGrant(String clientId, long accountId, String redirectUri, boolean redirectUriSent,
                            String codeChallenge,
                            Optional<String> nonce, Set<String> scopes, Instant authTime, String sid,
                            String grantId, String accessTokenJti) {
    }

    public Secret issue(String clientId, long accountId, String redirectUri, boolean redirectUriSent,
                        String codeChallenge, Optional<String> nonce, Set<String> scopes, Instant authTime, String sid) {
        Instant now = clock.instant();
        Secret code = RandomValues.secret256();
        AuthorizationCodeEntity entity = new AuthorizationCodeEntity(code.hashed(), clientId, accountId, redirectUri,
                codeChallenge, nonce.orElse(null), String.join(" ", scopes), authTime, sid,
                RandomValues.base64Url(128), now, now.plus(LIFETIME), null, AccessTokenClaims.newJti(), null);
        entity.setRedirectUriSent(redirectUriSent);
        transactions.run(em -> codes.add(em, entity));
        return code;
    }

    /**
     * Redeems a code with one conditional update: of two concurrent redemptions exactly one succeeds.
     * A second redemption revokes the refresh token family and the access token of the first.
     */
    public Optional<CodeGrant> redeem(Secret code) {
        return redeem(code, (em, grant) -> grant);
    }

    /**
     * {@link #redeem(Secret)}, then {@code then} with the redeemed grant in the same transaction (the code
     * exchange checks, reads and records what it issues in one). An {@link OAuthException} from {@code then}
     * is thrown after the commit, so a code that fails a check stays used; empty when the code was unknown,
     * expired or used before.
     */
    public <T> Optional<T> redeem(Secret code, BiFunction<EntityManager, CodeGrant, T> then) {
        Instant now = clock.instant();
        String hash = code.hashed();
        return transactions.inTransactionKeepingOn(OAuthException.class, em -> {
            if (codes.consume(em, hash, now)) {
                CodeGrant grant = codes.find(em, hash).map(AuthorizationCodes::toGrant)
                        .orElseThrow(() -> new IllegalStateException("a consumed code is gone"));
                return Optional.of(then.apply(em, grant));
            }
            codes.find(em, hash).filter(c -> c.getConsumedAt() != null).ifPresent(replayed -> {
                families.revoke(em, replayed.getGrantId(), now);
                families.revokeAccessToken(em, replayed.getAccessTokenJti(), now,
                        replayed.getConsumedAt().plus(accessTokenLifetime).plusSeconds(60));
            });
            return Optional.empty();
        });
    }

    private static CodeGrant toGrant(AuthorizationCodeEntity entity) {
        return new CodeGrant(entity.getClientId(), entity.getAccountId(), entity.getRedirectUri(),
                entity.isRedirectUriSent(), entity.getCodeChallenge(), Optional.ofNullable(entity.getNonce()),
                new TreeSet<>(Arrays.asList(entity.getScope().split(" "))),
                entity.getAuthTime(), entity.getSid(), entity.getGrantId(), entity.getAccessTokenJti());
    }
}
