package io.latchkey.token;

import io.latchkey.security.RandomValues;
import io.latchkey.security.Secret;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Authorization codes: 256 random bits, stored hashed, valid for 60 seconds, redeemed once. The access
 * token id and refresh family of a code are fixed when the code is made, so a replay can revoke what the
 * first redemption issued (RFC 6749 §4.1.2: "If an authorization code is used more than once, the
 * authorization server MUST deny the request and SHOULD revoke (when possible) all tokens previously
 * issued based on that authorization code.").
 */
public final class AuthorizationCodes {
    public static final Duration LIFETIME = Duration.ofSeconds(60);

    private final GrantStorage storage;
    private final Duration accessTokenLifetime;
    private final Clock clock;

    public AuthorizationCodes(GrantStorage storage, Duration accessTokenLifetime, Clock clock) {
        this.storage = storage;
        this.accessTokenLifetime = accessTokenLifetime;
        this.clock = clock;
    }

    /** Everything a code is bound to (RFC 6749 §4.1.3, RFC 7636, OIDC Core §3.1.3.2). */
    public record CodeGrant(String clientId, long accountId, String redirectUri, boolean redirectUriSent,
                            String codeChallenge,
                            Optional<String> nonce, Set<String> scopes, Instant authTime, String sid,
                            String grantId, String accessTokenJti, Optional<String> claimsRequest) {

        /** A code of a request without a {@code claims} parameter. */
        public CodeGrant(String clientId, long accountId, String redirectUri, boolean redirectUriSent,
                         String codeChallenge, Optional<String> nonce, Set<String> scopes, Instant authTime, String sid,
                         String grantId, String accessTokenJti) {
            this(clientId, accountId, redirectUri, redirectUriSent, codeChallenge, nonce, scopes, authTime, sid, grantId,
                    accessTokenJti, Optional.empty());
        }
    }

    public Secret issue(String clientId, long accountId, String redirectUri, boolean redirectUriSent,
                        String codeChallenge, Optional<String> nonce, Set<String> scopes, Instant authTime, String sid) {
        return issue(clientId, accountId, redirectUri, redirectUriSent, codeChallenge, nonce, scopes, authTime, sid,
                Optional.empty());
    }

    /** A code that also remembers the request's {@code claims} parameter (OIDC Core §5.5), as it was sent. */
    public Secret issue(String clientId, long accountId, String redirectUri, boolean redirectUriSent,
                        String codeChallenge, Optional<String> nonce, Set<String> scopes, Instant authTime, String sid,
                        Optional<String> claimsRequest) {
        try (GrantTransaction tx = storage.begin()) {
            Secret code = issue(tx, clientId, accountId, redirectUri, redirectUriSent, codeChallenge, nonce, scopes,
                    authTime, sid, claimsRequest);
            tx.commit();
            return code;
        }
    }

    /**
     * {@link #issue(String, long, String, boolean, String, Optional, Set, Instant, String, Optional)} written in the
     * caller's database transaction {@code em} (a sign-in stores its code with its session): the code exists once
     * that commits, and must not be shown before.
     */
    public Secret issue(EntityManager em, String clientId, long accountId, String redirectUri, boolean redirectUriSent,
                        String codeChallenge, Optional<String> nonce, Set<String> scopes, Instant authTime, String sid,
                        Optional<String> claimsRequest) {
        return issue(storage.within(em), clientId, accountId, redirectUri, redirectUriSent, codeChallenge, nonce,
                scopes, authTime, sid, claimsRequest);
    }

    private Secret issue(GrantTransaction tx, String clientId, long accountId, String redirectUri,
                         boolean redirectUriSent, String codeChallenge, Optional<String> nonce, Set<String> scopes,
                         Instant authTime, String sid, Optional<String> claimsRequest) {
        Instant now = clock.instant();
        Secret code = RandomValues.secret256();
        CodeGrant grant = new CodeGrant(clientId, accountId, redirectUri, redirectUriSent, codeChallenge, nonce,
                scopes, authTime, sid, RandomValues.base64Url(128), AccessTokenClaims.newJti(), claimsRequest);
        tx.storeCode(code.hashed(), grant, now, now.plus(LIFETIME));
        return code;
    }

    /**
     * Redeems a code in the caller's transaction with one conditional update: of two concurrent redemptions
     * exactly one is {@link CodeConsumption.Redeemed}. A {@link CodeConsumption.Replayed} code has had the
     * refresh token family and the access token of its first redemption revoked in {@code tx}; the caller
     * commits that before refusing.
     */
    public CodeConsumption redeem(GrantTransaction tx, Secret code) {
        Instant now = clock.instant();
        CodeConsumption consumption = tx.consumeCode(code.hashed(), now);
        if (consumption instanceof CodeConsumption.Replayed replayed) {
            tx.revokeFamily(replayed.grantId(), now);
            tx.revokeAccessToken(replayed.accessTokenJti(), now,
                    replayed.consumedAt().plus(accessTokenLifetime).plusSeconds(60));
        }
        return consumption;
    }

    /**
     * {@link #redeem(GrantTransaction, Secret)} in a transaction of its own, committed (a replay's revocations
     * included); the grant, or empty when the code was unknown, expired or used before. For callers that check
     * nothing else (tools, tests); a grant handler owns its transaction instead.
     */
    public Optional<CodeGrant> redeem(Secret code) {
        try (GrantTransaction tx = storage.begin()) {
            CodeConsumption consumption = redeem(tx, code);
            tx.commit();
            return consumption instanceof CodeConsumption.Redeemed redeemed ? Optional.of(redeemed.grant())
                    : Optional.empty();
        }
    }
}
