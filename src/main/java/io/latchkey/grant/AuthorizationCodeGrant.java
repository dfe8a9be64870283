package io.latchkey.grant;

import io.latchkey.account.Account;
import io.latchkey.account.AccountService;
import io.latchkey.authorize.Pkce;
import io.latchkey.client.AuthenticatedClient;
import io.latchkey.client.Client;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.token.AuthorizationCodes;
import io.latchkey.token.RefreshTokens;
import io.latchkey.token.TokenResponse;
import java.util.Optional;

/**
 * RFC 6749 §4.1.3 with PKCE (RFC 7636 §4.5-4.6). The code is redeemed first, with one conditional update,
 * so a failed check burns it too; then client, redirect_uri and verifier are checked, in RFC order, before
 * anything is issued. A missing or wrong code_verifier is an invalid_grant, a malformed one invalid_request.
 */
public final class AuthorizationCodeGrant implements GrantHandler {
    private static final String INVALID = "the code is invalid, expired, already used or was issued to another client";

    private final AuthorizationCodes codes;
    private final RefreshTokens refreshTokens;
    private final AccountService accounts;
    private final PersonTokens tokens;

    public AuthorizationCodeGrant(AuthorizationCodes codes, RefreshTokens refreshTokens, AccountService accounts,
                                  PersonTokens tokens) {
        this.codes = codes;
        this.refreshTokens = refreshTokens;
        this.accounts = accounts;
        this.tokens = tokens;
    }

    @Override
    public GrantType grantType() {
        return GrantType.AUTHORIZATION_CODE;
    }

    @Override
    public TokenResponse handle(TokenRequest request, AuthenticatedClient authenticated) {
        Client client = authenticated.client();
        String code = request.parameter(grantType(), "code")
                .orElseThrow(() -> OAuthException.invalidRequest("code is required"));
        // A missing verifier is checked with the code: RFC 7636 §4.6 makes a verifier that does not match the
        // challenge an invalid_grant, and no verifier matches none; the code is burnt as for a wrong one.
        Optional<String> verifier = request.parameter(grantType(), "code_verifier");
        if (verifier.isPresent() && !Pkce.isValidVerifier(verifier.get())) {
            throw OAuthException.invalidRequest("code_verifier must be 43 to 128 unreserved characters");
        }
        Optional<String> redirectUri = request.parameter(grantType(), "redirect_uri");

        // The code, the checks, the account, the refresh token and the record of the access token: one
        // transaction. A failed check burns the code too (redeem commits before it throws).
        Exchange exchange = codes.redeem(Secret.of(code), (em, grant) -> {
            if (!grant.clientId().equals(client.clientId())) {
                throw invalid("code of " + grant.clientId() + " redeemed by " + client.clientId());
            }
            // "ensure that the redirect_uri parameter is present if [it] was included in the initial
            // authorization request ..., and if included ensure that their values are identical."
            boolean redirectMatches = redirectUri.map(grant.redirectUri()::equals).orElse(!grant.redirectUriSent());
            if (!redirectMatches) {
                throw invalid("redirect_uri does not match the authorization request");
            }
            if (verifier.isEmpty()) {
                throw invalid("code_verifier missing for a code issued with a code_challenge");
            }
            // RFC 9700 §4.8.2: a code_verifier for a code issued without a code_challenge is refused (every
            // Latchkey code has one; Pkce.verify answers false for none).
            if (!Pkce.verify(Secret.of(verifier.get()), grant.codeChallenge())) {
                throw invalid(grant.codeChallenge() == null ? "code_verifier sent for a code issued without PKCE"
                        : "PKCE verification failed");
            }
            Account account = accounts.findById(em, grant.accountId()).filter(Account::enabled)
                    .orElseThrow(() -> invalid("the account is gone or disabled"));
            Optional<Secret> refresh = Optional.empty();
            if (client.mayHoldRefreshTokens() && grant.scopes().contains("offline_access")) {
                refresh = Optional.of(refreshTokens.start(em, grant.grantId(), client.clientId(), grant.accountId(),
                        grant.scopes(), grant.authTime(), grant.sid()));
            }
            boolean recorded = tokens.recordAhead(em, grant.grantId(), client, grant.accessTokenJti());
            return new Exchange(grant, account, refresh, recorded);
        }).orElseThrow(() -> invalid("unknown, expired or replayed code"));

        AuthorizationCodes.CodeGrant grant = exchange.grant();
        return tokens.issue(new PersonTokens.PersonGrant(grant.grantId(), exchange.account(), client, grant.scopes(),
                grant.authTime(), grant.sid(), grant.nonce(), grant.accessTokenJti()), exchange.refresh(),
                exchange.accessTokenRecorded());
    }

    /** What the code exchange's transaction found and wrote. */
    private record Exchange(AuthorizationCodes.CodeGrant grant, Account account, Optional<Secret> refresh,
                            boolean accessTokenRecorded) {
    }

    private static OAuthException invalid(String detail) {
        return OAuthException.of(ErrorCode.INVALID_GRANT, INVALID, detail);
    }
}
