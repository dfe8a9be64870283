package io.latchkey.token;

import io.latchkey.client.Client;
import io.latchkey.security.Secret;
import io.latchkey.store.ReferenceTokenRepository;
import io.latchkey.store.RefreshGrantRepository;
import io.latchkey.store.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * RFC 7009 token revocation. A client revokes only its own tokens; for anything else — unknown, already
 * revoked, another client's — nothing happens and the answer is the same 200 (§2.2). Revoking a refresh
 * token revokes its whole family and the access tokens issued from it; revoking a JWT access token puts
 * its {@code jti} on the revocation list until it would have expired; revoking a personal or service access
 * token ends it at once.
 */
public final class Revocation {
    private final AccessTokenVerifier accessTokens;
    private final Transactions transactions;
    private final RefreshGrantRepository refreshTokens;
    private final GrantFamilies families;
    private final Clock clock;
    private final ReferenceTokens referenceTokens;

    public Revocation(AccessTokenVerifier accessTokens, Transactions transactions, RefreshGrantRepository refreshTokens,
                      GrantFamilies families, Clock clock) {
        this(accessTokens, transactions, refreshTokens, families, clock,
                new ReferenceTokens(transactions, new ReferenceTokenRepository(), clock));
    }

    public Revocation(AccessTokenVerifier accessTokens, Transactions transactions, RefreshGrantRepository refreshTokens,
                      GrantFamilies families, Clock clock, ReferenceTokens referenceTokens) {
        this.accessTokens = accessTokens;
        this.transactions = transactions;
        this.refreshTokens = refreshTokens;
        this.families = families;
        this.clock = clock;
        this.referenceTokens = referenceTokens;
    }

    public void revoke(Client caller, Secret token, Optional<String> hint) {
        if (ReferenceToken.looksLike(token)) {
            referenceTokens.revokeForClient(caller, token);
            return;
        }
        boolean refreshFirst = hint.filter("refresh_token"::equals).isPresent();
        if (refreshFirst) {
            if (!revokeRefreshToken(caller, token)) {
                revokeAccessToken(caller, token);
            }
        } else if (!revokeAccessToken(caller, token)) {
            revokeRefreshToken(caller, token);
        }
    }

    private boolean revokeAccessToken(Client caller, Secret token) {
        if (token.reveal().chars().filter(c -> c == '.').count() != 2) {
            return false;
        }
        return accessTokens.verify(token).map(t -> {
            if (t.clientId().equals(caller.clientId())) {
                Instant now = clock.instant();
                transactions.run(em -> families.revokeAccessToken(em, t.jti(), now, t.expiresAt()));
            }
            return true;
        }).orElse(false);
    }

    private boolean revokeRefreshToken(Client caller, Secret token) {
        Instant now = clock.instant();
        // Any token of the family (its live one, or one it rotated away) takes the family back.
        RefreshTokenValue value = RefreshTokenValue.presented(token);
        return transactions.inTransaction(em -> refreshTokens.find(em, value.familyKey())
                .map(t -> new RefreshTokens.RetiredToken(t.grant().familyId(), t.grant().clientId()))
                .or(() -> refreshTokens.retired(em, value.tokenHash()))
                .map(t -> {
                    if (t.clientId().equals(caller.clientId())) {
                        families.revoke(em, t.familyId(), now);
                    }
                    return true;
                }).orElse(false));
    }
}
