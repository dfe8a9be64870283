package io.latchkey.authorize;

import io.latchkey.account.Account;
import io.latchkey.session.BrowserSession;
import io.latchkey.security.Secret;
import io.latchkey.token.AccessTokenClaims;
import io.latchkey.token.AccessTokenIssuer;
import io.latchkey.token.IdTokenIssuer;
import io.latchkey.token.IssuedAccessToken;
import io.latchkey.token.ClaimsRequest;
import io.latchkey.token.GrantStorage;
import io.latchkey.token.GrantTransaction;
import io.latchkey.token.PersonClaims;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of a successful authorization response by response type: {@code code}; with hybrid
 * and implicit types (only where the application was allowed them) also {@code access_token} and
 * {@code id_token} — the ID token carrying {@code nonce}, {@code c_hash} for the code and {@code at_hash}
 * for the access token (OIDC Core §3.3.2.11, §3.2.2.10), so the client can tell neither was swapped.
 */
public final class FrontChannelTokens {
    private final AccessTokenIssuer accessTokens;
    private final IdTokenIssuer idTokens;
    private final Optional<GrantStorage> grants;

    /** Without grant storage: UserInfo then answers a front-channel access token by its scopes alone. */
    public FrontChannelTokens(AccessTokenIssuer accessTokens, IdTokenIssuer idTokens) {
        this(accessTokens, idTokens, Optional.empty());
    }

    /** With the grant storage that remembers the {@code claims} parameter of a front-channel access token. */
    public FrontChannelTokens(AccessTokenIssuer accessTokens, IdTokenIssuer idTokens, Optional<GrantStorage> grants) {
        this.accessTokens = accessTokens;
        this.idTokens = idTokens;
        this.grants = grants;
    }

    public Map<String, String> tokens(AuthorizationRequest request, BrowserSession session, Account account,
                                      Optional<String> code) {
        Map<String, String> values = new LinkedHashMap<>();
        code.ifPresent(c -> values.put("code", c));
        Optional<Secret> accessToken = Optional.empty();
        if (request.responseType().issuesAccessToken()) {
            IssuedAccessToken issued = accessTokens.issue(request.client(), AccessTokenClaims.forPerson(
                    account.subject(), request.client().clientId(), request.scopes(), session.authTime(),
                    AccessTokenClaims.newJti()), Optional.of(account.id()), request.claims());
            accessToken = Optional.of(issued.value());
            rememberUserInfoClaims(request, issued);
            values.put("access_token", issued.value().reveal());
            values.put("token_type", "Bearer");
            values.put("expires_in",
                    String.valueOf(Duration.between(issued.issuedAt(), issued.expiresAt()).toSeconds()));
        }
        if (request.responseType().issuesIdToken()) {
            values.put("id_token", idTokens.issue(new IdTokenIssuer.IdTokenRequest(PersonClaims.of(account),
                    request.client().clientId(), request.scopes(), session.authTime(), session.sid(), session.amr(),
                    request.nonce(), accessToken, request.claims(), request.responseType().issuesAccessToken()
                    || request.responseType().issuesCode()), code).reveal());
        }
        return values;
    }

    /**
     * OIDC Core §5.5: UserInfo answers this token with the claims parameter's userinfo claims too (an opaque token
     * keeps them itself).
     */
    private void rememberUserInfoClaims(AuthorizationRequest request, IssuedAccessToken issued) {
        ClaimsRequest claims = request.claims();
        if (grants.isEmpty() || claims.userinfo().isEmpty() || request.client().referenceAccessTokens()) {
            return;
        }
        try (GrantTransaction tx = grants.get().begin()) {
            tx.recordFrontChannelClaims(request.client().clientId(), issued.jti(), issued.expiresAt(),
                    claims.storable().orElseThrow());
            tx.commit();
        }
    }
}
