package io.latchkey.token;

import io.latchkey.account.Account;
import io.latchkey.account.AccountService;
import io.latchkey.client.ApplicationSubject;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * OpenID Connect UserInfo (Core §5.3): the claims of the token's person, by the token's scopes and the
 * {@code userinfo} member of the {@code claims} request parameter of its grant ({@link PersonClaims}). The token
 * must be a live access token of this server with {@code openid}; failures follow RFC 6750 §3.1.
 */
public final class UserInfoEndpoint {
    public static final String REALM = "Bearer realm=\"latchkey\"";

    private final AccessTokenVerifier verifier;
    private final AccountService accounts;
    private final Function<String, Optional<String>> claimsRequestOfAccessToken;
    private final Function<Secret, ClaimsRequest> claimsRequestOfReferenceToken;

    /** UserInfo that answers by scope only (no grant storage to find a {@code claims} request parameter in). */
    public UserInfoEndpoint(AccessTokenVerifier verifier, AccountService accounts) {
        this(verifier, accounts, jti -> Optional.empty(), token -> ClaimsRequest.NONE);
    }

    /**
     * UserInfo that also honours the {@code claims} request parameter of a JWT access token's grant, kept in
     * {@code grants}, and of an opaque access token, kept with it in {@code references}.
     */
    public UserInfoEndpoint(AccessTokenVerifier verifier, AccountService accounts, GrantStorage grants,
                            ReferenceTokens references) {
        this(verifier, accounts, jti -> {
            try (GrantTransaction tx = grants.begin()) {
                Optional<String> claims = tx.claimsRequestOfAccessToken(jti);
                // It wrote nothing; a commit, not the rollback of a close: H2 forgets every statement the
                // session parsed on a rollback (SessionLocal.rollbackTo), so each request would parse them again.
                tx.commit();
                return claims;
            }
        }, references::claimsRequestOf);
    }

    private UserInfoEndpoint(AccessTokenVerifier verifier, AccountService accounts,
                             Function<String, Optional<String>> claimsRequestOfAccessToken,
                             Function<Secret, ClaimsRequest> claimsRequestOfReferenceToken) {
        this.verifier = verifier;
        this.accounts = accounts;
        this.claimsRequestOfAccessToken = claimsRequestOfAccessToken;
        this.claimsRequestOfReferenceToken = claimsRequestOfReferenceToken;
    }

    /** @param presenterAddress where the request came from, for the brake on guessing reference tokens */
    public Map<String, Object> claims(Secret accessToken, String presenterAddress) {
        AccessTokenVerifier.VerifiedAccessToken token = verifier.verify(accessToken, presenterAddress)
                .orElseThrow(() -> invalidToken("the access token is invalid, expired or revoked"));
        if (!token.scopes().contains("openid")) {
            throw OAuthException.of(ErrorCode.INSUFFICIENT_SCOPE, "the access token lacks the openid scope")
                    .withChallenge(REALM + ", error=\"insufficient_scope\", scope=\"openid\"");
        }
        Optional<Account> account = ApplicationSubject.isApplication(token.subject()) ? Optional.empty()
                : accounts.findBySubject(token.subject()).filter(Account::enabled);
        if (account.isEmpty()) {
            throw invalidToken("the access token does not belong to an active person");
        }
        // A JWT's parameter is kept with its grant, found by the token's id; an opaque token keeps its own.
        ClaimsRequest claims = token.reference().isPresent() ? claimsRequestOfReferenceToken.apply(accessToken)
                : ClaimsRequest.stored(claimsRequestOfAccessToken.apply(token.jti()));
        return PersonClaims.of(account.get()).forUserInfo(token.scopes(), claims);
    }

    public static OAuthException invalidToken(String description) {
        return OAuthException.of(ErrorCode.INVALID_TOKEN, description)
                .withChallenge(REALM + ", error=\"invalid_token\", error_description=\"" + description + "\"");
    }

    /** A request without any token: 401 with a bare challenge (RFC 6750 §3.1). */
    public static OAuthException tokenMissing() {
        return OAuthException.of(ErrorCode.INVALID_TOKEN, "a bearer access token is required").withChallenge(REALM);
    }

    /** A malformed request: 400 with {@code error="invalid_request"} in the challenge. */
    public static OAuthException malformed(String description) {
        return OAuthException.invalidRequest(description)
                .withChallenge(REALM + ", error=\"invalid_request\", error_description=\"" + description + "\"");
    }
}
