package io.latchkey.grant;

import io.latchkey.account.Account;
import io.latchkey.account.AccountService;
import io.latchkey.client.AuthenticatedClient;
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
        RefreshTokens.Rotation rotation = refreshTokens.rotate(Secret.of(presented),
                authenticated.client().clientId(), narrowed);
        RefreshTokens.RefreshGrant grant = rotation.grant();
        Optional<Account> account = accounts.findById(grant.accountId()).filter(Account::enabled);
        if (account.isEmpty()) {
            refreshTokens.revokeFamily(grant.familyId());
            throw OAuthException.of(ErrorCode.INVALID_GRANT,
                    "the refresh token is invalid, expired, revoked or was issued to another client",
                    "the account is gone or disabled");
        }
        return tokens.issue(new PersonTokens.PersonGrant(grant.familyId(), account.get(), authenticated.client(),
                grant.scopes(),
                grant.authTime(), grant.sid(), Optional.empty(), AccessTokenClaims.newJti()),
                Optional.of(rotation.next()));
    }
}
