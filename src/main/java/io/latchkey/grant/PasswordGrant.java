package io.latchkey.grant;

import io.latchkey.account.AccountService;
import io.latchkey.account.SignInEvents;
import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.AuditTrail;
import io.latchkey.account.SignInResult;
import io.latchkey.client.AuthenticatedClient;
import io.latchkey.client.Client;
import io.latchkey.client.ScopePolicy;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.RandomValues;
import io.latchkey.security.Secret;
import io.latchkey.token.AccessTokenClaims;
import io.latchkey.token.GrantStorage;
import io.latchkey.token.GrantTransaction;
import io.latchkey.token.RefreshTokens;
import io.latchkey.token.TokenResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 6749 §4.3, the resource owner password credentials grant. RFC 9700 §2.4: it "MUST NOT be used";
 * Latchkey binds it only when an operator sets LATCHKEY_PASSWORD_GRANT=true, and only confidential web
 * applications marked {@code password_grant} may use it. Passwords go through the same check, throttling
 * and timing as the sign-in page; a wrong one is {@code invalid_grant} (§5.2).
 */
public final class PasswordGrant implements GrantHandler {
    private final AccountService accounts;
    private final GrantStorage storage;
    private final RefreshTokens refreshTokens;
    private final PersonTokens tokens;
    private final AuditTrail audit;
    private final Clock clock;

    public PasswordGrant(AccountService accounts, GrantStorage storage, RefreshTokens refreshTokens,
                         PersonTokens tokens, AuditTrail audit, Clock clock) {
        this.accounts = accounts;
        this.storage = storage;
        this.refreshTokens = refreshTokens;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public GrantType grantType() {
        return GrantType.PASSWORD;
    }

    @Override
    public TokenResponse handle(TokenRequest request, AuthenticatedClient authenticated) {
        Client client = authenticated.client();
        String username = request.parameter(grantType(), "username")
                .orElseThrow(() -> OAuthException.invalidRequest("username is required"));
        String password = request.parameter(grantType(), "password")
                .orElseThrow(() -> OAuthException.invalidRequest("password is required"));
        Set<String> scopes = ScopePolicy.grant(client, request.parameter(grantType(), "scope"));
        SignInResult result = accounts.signIn(username, Secret.of(password), request.clientAddress());
        AuditEvent signIn = SignInEvents.of(result, "the password grant of " + client.clientId(), null,
                request.clientAddress());
        if (!(result instanceof SignInResult.Success)) {
            // A refusal changed nothing: recorded on its own. A sign-in is recorded with the grant it made.
            audit.record(signIn);
        }
        if (result instanceof SignInResult.Throttled throttled) {
            throw OAuthException.of(ErrorCode.TOO_MANY_ATTEMPTS, "too many failed sign-ins; try again in "
                    + Math.max(1, throttled.retryAfter().toSeconds()) + " seconds");
        }
        if (!(result instanceof SignInResult.Success success)) {
            throw OAuthException.of(ErrorCode.INVALID_GRANT, "the username or password is incorrect");
        }
        Instant authTime = clock.instant();
        String familyId = RandomValues.base64Url(128);
        String sid = RandomValues.base64Url(128);
        String jti = AccessTokenClaims.newJti();
        Optional<Secret> refresh = Optional.empty();
        boolean recorded;
        // The refresh token and the record of the access token: one transaction.
        try (GrantTransaction tx = storage.begin()) {
            if (client.mayHoldRefreshTokens() && scopes.contains("offline_access")) {
                refresh = Optional.of(refreshTokens.start(tx, familyId, client.clientId(), client.lifetimes(),
                        success.account().id(), scopes, authTime, sid, Optional.empty()));
            }
            recorded = tokens.recordAhead(tx, familyId, client, jti);
            tx.record(signIn);
            tx.commit();
        }
        return tokens.issue(new PersonTokens.PersonGrant(familyId, success.account(), client, scopes, authTime, sid,
                Optional.empty(), jti), refresh, recorded);
    }
}
