package io.latchkey.grant;

import io.latchkey.account.Account;
import io.latchkey.client.Client;
import io.latchkey.security.Secret;
import io.latchkey.token.AccessTokenClaims;
import io.latchkey.token.AccessTokenIssuer;
import io.latchkey.token.GrantStorage;
import io.latchkey.token.GrantTransaction;
import io.latchkey.token.IdTokenIssuer;
import io.latchkey.token.IssuedAccessToken;
import io.latchkey.token.ClaimsRequest;
import io.latchkey.token.PersonClaims;
import io.latchkey.token.TokenResponse;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The tokens a person's grant yields, the same for a code and for a refresh: an access token for the
 * APIs of the scopes, an ID token for the client when {@code openid} was granted, and the refresh token
 * the caller decided on.
 */
public final class PersonTokens {
    private final AccessTokenIssuer accessTokens;
    private final IdTokenIssuer idTokens;
    private final GrantStorage storage;

    public PersonTokens(AccessTokenIssuer accessTokens, IdTokenIssuer idTokens, GrantStorage storage) {
        this.accessTokens = accessTokens;
        this.idTokens = idTokens;
        this.storage = storage;
    }

    /** Who, for which client, with what, since when, and the parts that bind the ID token. */
    public record PersonGrant(String familyId, Account account, Client client, Set<String> scopes, Instant authTime,
                              String sid, Optional<String> nonce, String accessTokenJti, ClaimsRequest claims) {

        /** A grant made without a {@code claims} request parameter. */
        public PersonGrant(String familyId, Account account, Client client, Set<String> scopes, Instant authTime,
                           String sid, Optional<String> nonce, String accessTokenJti) {
            this(familyId, account, client, scopes, authTime, sid, nonce, accessTokenJti, ClaimsRequest.NONE);
        }
    }

    public TokenResponse issue(PersonGrant grant, Optional<Secret> refreshToken) {
        return issue(grant, refreshToken, false);
    }

    /**
     * Until when a JWT access token that {@link #issue(PersonGrant, Optional, boolean)} signs from now on can be
     * valid, for recording it ahead of issue (a refresh records it on the new refresh token's row); empty for an
     * application with reference access tokens, whose id exists only once the token does.
     */
    public Optional<Instant> recordableUntil(Client client) {
        return client.referenceAccessTokens() ? Optional.empty() : Optional.of(accessTokens.expiryOfTokensIssuedNow(client));
    }

    /**
     * Records, in the caller's transaction, the JWT access token {@link #issue(PersonGrant, Optional, boolean)}
     * will sign with this id for the grant (a code exchange does it in the transaction that redeems the code);
     * false, recording nothing, for an application with reference access tokens.
     */
    public boolean recordAhead(GrantTransaction tx, String familyId, Client client, String jti) {
        Optional<Instant> until = recordableUntil(client);
        until.ifPresent(expiresAt -> tx.recordAccessToken(familyId, client.clientId(), jti, expiresAt));
        return until.isPresent();
    }

    /** The tokens; the access token is recorded for the grant unless the caller has recorded it already. */
    public TokenResponse issue(PersonGrant grant, Optional<Secret> refreshToken, boolean alreadyRecorded) {
        IssuedAccessToken access = accessTokens.issue(grant.client(), AccessTokenClaims.forPerson(
                grant.account().subject(), grant.client().clientId(), grant.scopes(), grant.authTime(),
                grant.accessTokenJti()), Optional.of(grant.account().id()), grant.claims());
        if (!alreadyRecorded) {
            try (GrantTransaction tx = storage.begin()) {
                tx.recordAccessToken(grant.familyId(), grant.client().clientId(), access.jti(), access.expiresAt());
                tx.commit();
            }
        }
        Optional<Secret> idToken = Optional.empty();
        if (grant.scopes().contains("openid")) {
            idToken = Optional.of(idTokens.issue(new IdTokenIssuer.IdTokenRequest(PersonClaims.of(grant.account()),
                    grant.client().clientId(), grant.scopes(), grant.authTime(), grant.sid(), "pwd", grant.nonce(),
                    Optional.of(access.value()), grant.claims(), true)));
        }
        return new TokenResponse(access, refreshToken, idToken);
    }
}
