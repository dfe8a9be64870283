package io.latchkey.grant;

import io.latchkey.account.Account;
import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.client.AuthenticatedClient;
import io.latchkey.client.Client;
import io.latchkey.client.ScopePolicy;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.token.ClaimsRequest;
import io.latchkey.token.AccessTokenClaims;
import io.latchkey.token.GrantStorage;
import io.latchkey.token.GrantTransaction;
import io.latchkey.token.RefreshTokens;
import io.latchkey.token.TokenResponse;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 6749 §6. Every use rotates the refresh token (RFC 9700 §4.14.2); reuse of a rotated one revokes its
 * family; the scope may only narrow. No nonce: this ID token answers no authorization request. The rotation,
 * the record of the coming access token and the account are one {@link GrantTransaction}; a reuse, or a refresh
 * for an account that is gone or disabled, commits the family's revocation before it is refused, its audit event
 * ({@link GrantTransaction#record}) with it.
 */
public final class RefreshTokenGrant implements GrantHandler {
    private final GrantStorage storage;
    private final RefreshTokens refreshTokens;
    private final PersonTokens tokens;

    public RefreshTokenGrant(GrantStorage storage, RefreshTokens refreshTokens, PersonTokens tokens) {
        this.storage = storage;
        this.refreshTokens = refreshTokens;
        this.tokens = tokens;
    }

    @Override
    public GrantType grantType() {
        return GrantType.REFRESH_TOKEN;
    }

    @Override
    public TokenResponse handle(TokenRequest request, AuthenticatedClient authenticated) {
        String presented = request.parameter(grantType(), "refresh_token")
                .orElseThrow(() -> OAuthException.invalidRequest("refresh_token is required"));
        Set<String> narrowed = request.parameter(grantType(), "scope").map(ScopePolicy::parse).orElse(Set.of());
        Client client = authenticated.client();
        Optional<Instant> accessTokenExpiresAt = tokens.recordableUntil(client);
        RefreshTokens.Rotation rotation;
        Account account;
        try (GrantTransaction tx = storage.begin()) {
            RefreshTokens.RotationOutcome outcome = refreshTokens.rotate(tx, Secret.of(presented), client.clientId(),
                    client.lifetimes(), narrowed, accessTokenExpiresAt);
            if (outcome instanceof RefreshTokens.ReuseDetected reuse) {
                // The family's revocation and its event commit together (only a reuse writes one here).
                tx.record(AuditEvent.failure(Actor.SYSTEM, "refresh_token.reuse_detected",
                        "grant:" + reuse.familyId(), "client_id " + reuse.clientId()
                                + " presented a rotated refresh token; its family was revoked ("
                                + reuse.revokedTokens() + " refresh tokens)"));
                tx.commit();
                throw reuse.error();
            }
            if (outcome instanceof RefreshTokens.Refusal refusal) {
                throw refusal.error();
            }
            rotation = (RefreshTokens.Rotation) outcome;
            Optional<Account> found = tx.findAccount(rotation.grant().accountId()).filter(Account::enabled);
            if (found.isEmpty()) {
                int revoked = refreshTokens.revokeFamily(tx, rotation.grant().familyId());
                tx.record(AuditEvent.failure(Actor.SYSTEM, "refresh_token.account_unavailable",
                        "grant:" + rotation.grant().familyId(), "client_id " + client.clientId()
                                + " presented a refresh token of an account that is gone or disabled; its family was"
                                + " revoked (" + revoked + " refresh tokens)"));
                tx.commit();
                throw OAuthException.of(ErrorCode.INVALID_GRANT,
                        "the refresh token is invalid, expired, revoked or was issued to another client",
                        "the account is gone or disabled");
            }
            account = found.get();
            tx.commit();
        }
        RefreshTokens.RefreshGrant grant = rotation.grant();
        // A JWT access token's id names its family, whose row covers it (recorded above): revoking the family
        // reaches every access token its refreshes issued without a row for each.
        String jti = accessTokenExpiresAt.isPresent() ? AccessTokenClaims.familyJti(grant.familyId())
                : AccessTokenClaims.newJti();
        return tokens.issue(new PersonTokens.PersonGrant(grant.familyId(), account, client, grant.scopes(),
                grant.authTime(), grant.sid(), Optional.empty(), jti, ClaimsRequest.stored(grant.claimsRequest())),
                Optional.of(rotation.next()), accessTokenExpiresAt.isPresent());
    }
}
