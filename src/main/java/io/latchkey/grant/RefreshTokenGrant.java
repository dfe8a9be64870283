package io.latchkey.grant;

import io.latchkey.account.Account;
import io.latchkey.account.AccountService;
import io.latchkey.client.AuthenticatedClient;
import io.latchkey.client.Client;
import io.latchkey.client.ScopePolicy;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.token.AccessTokenClaims;
import io.latchkey.token.RefreshTokens;
import io.latchkey.token.TokenResponse;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 6749 §6. Every use rotates the refresh token (RFC 9700 §4.14.2); reuse of a rotated one revokes its
 * family; the scope may only narrow. No nonce: this ID token answers no authorization request.
 */
public final class RefreshTokenGrant implements GrantHandler {
    private final RefreshTokens refreshTokens;
    private final AccountService accounts;
    private final PersonTokens tokens;

    public RefreshTokenGrant(RefreshTokens refreshTokens, AccountService accounts, PersonTokens tokens) {
        this.refreshTokens = refreshTokens;
        this.accounts = accounts;
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
        String jti = AccessTokenClaims.newJti();
        Optional<RefreshTokens.AccessTokenRecord> accessToken = tokens.recordableUntil(client)
                .map(until -> new RefreshTokens.AccessTokenRecord(jti, until));
        // Rotation, the record of the coming access token and the account: one transaction.
        RefreshTokens.Rotated<Optional<Account>> rotated = refreshTokens.rotate(Secret.of(presented), client.clientId(),
                narrowed, accessToken,
                (em, carried) -> accounts.findById(em, carried.accountId()).filter(Account::enabled));
        RefreshTokens.Rotation rotation = rotated.rotation();
        RefreshTokens.RefreshGrant grant = rotation.grant();
        Optional<Account> account = rotated.also();
        if (account.isEmpty()) {
            refreshTokens.revokeFamily(grant.familyId());
            throw OAuthException.of(ErrorCode.INVALID_GRANT,
                    "the refresh token is invalid, expired, revoked or was issued to another client",
                    "the account is gone or disabled");
        }
        return tokens.issue(new PersonTokens.PersonGrant(grant.familyId(), account.get(), client, grant.scopes(),
                grant.authTime(), grant.sid(), Optional.empty(), jti),
                Optional.of(rotation.next()), accessToken.isPresent());
    }
}
