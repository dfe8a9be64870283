package io.latchkey.grant;

import io.latchkey.account.Account;
import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.authorize.Pkce;
import io.latchkey.client.AuthenticatedClient;
import io.latchkey.client.Client;
import io.latchkey.client.PkcePolicy;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.token.ClaimsRequest;
import io.latchkey.token.AuthorizationCodes;
import io.latchkey.token.CodeConsumption;
import io.latchkey.token.GrantStorage;
import io.latchkey.token.GrantTransaction;
import io.latchkey.token.RefreshTokens;
import io.latchkey.token.TokenResponse;
import java.util.Optional;

/**
 * RFC 6749 §4.1.3 with PKCE (RFC 7636 §4.5-4.6; without it only for a code issued without a challenge to an
 * application that may omit PKCE). The code is redeemed first, with one conditional update,
 * so a failed check burns it too; then client, redirect_uri and verifier are checked, in RFC order, before
 * anything is issued. A missing or wrong code_verifier is an invalid_grant, a malformed one invalid_request.
 * The exchange is one {@link GrantTransaction}: the code, the checks, the account, the refresh token and the
 * record of the access token. A refusal after the code was consumed commits first (the code stays burnt, a
 * replay's revocations stay), then answers; a replay's audit event is written in its transaction.
 */
public final class AuthorizationCodeGrant implements GrantHandler {
    private static final String INVALID = "the code is invalid, expired, already used or was issued to another client";

    private final GrantStorage storage;
    private final AuthorizationCodes codes;
    private final RefreshTokens refreshTokens;
    private final PersonTokens tokens;

    public AuthorizationCodeGrant(GrantStorage storage, AuthorizationCodes codes, RefreshTokens refreshTokens,
                                  PersonTokens tokens) {
        this.storage = storage;
        this.codes = codes;
        this.refreshTokens = refreshTokens;
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

        AuthorizationCodes.CodeGrant grant;
        Account account;
        Optional<Secret> refresh = Optional.empty();
        boolean recorded;
        try (GrantTransaction tx = storage.begin()) {
            CodeConsumption consumption = codes.redeem(tx, Secret.of(code));
            if (consumption instanceof CodeConsumption.Replayed replayed) {
                // The grant's revocation and its event commit together (only a replay writes one here).
                tx.record(AuditEvent.failure(Actor.SYSTEM, "authorization_code.replayed",
                        "grant:" + replayed.grantId(), "the code of client_id " + replayed.clientId()
                                + " was presented again by client_id " + client.clientId()
                                + "; the tokens of its grant were revoked"));
                tx.commit();
                throw invalid("replayed code");
            }
            if (!(consumption instanceof CodeConsumption.Redeemed redeemed)) {
                throw invalid("unknown or expired code");
            }
            grant = redeemed.grant();
            // From here on the code is used: every refusal commits, so that it stays burnt.
            Optional<String> refused = refusal(grant, client, redirectUri, verifier);
            if (refused.isPresent()) {
                tx.commit();
                throw invalid(refused.get());
            }
            Optional<Account> found = tx.findAccount(grant.accountId()).filter(Account::enabled);
            if (found.isEmpty()) {
                tx.commit();
                throw invalid("the account is gone or disabled");
            }
            account = found.get();
            if (client.mayHoldRefreshTokens() && grant.scopes().contains("offline_access")) {
                refresh = Optional.of(refreshTokens.start(tx, grant.grantId(), client.clientId(), client.lifetimes(),
                        grant.accountId(), grant.scopes(), grant.authTime(), grant.sid(), grant.claimsRequest()));
            }
            recorded = tokens.recordAhead(tx, grant.grantId(), client, grant.accessTokenJti());
            tx.commit();
        }
        return tokens.issue(new PersonTokens.PersonGrant(grant.grantId(), account, client, grant.scopes(),
                grant.authTime(), grant.sid(), grant.nonce(), grant.accessTokenJti(),
                ClaimsRequest.stored(grant.claimsRequest())), refresh, recorded);
    }

    /** Why the redeemed code may not be exchanged by this request, if it may not (the checks of RFC 6749 §4.1.3). */
    private static Optional<String> refusal(AuthorizationCodes.CodeGrant grant, Client client,
                                            Optional<String> redirectUri, Optional<String> verifier) {
        if (!grant.clientId().equals(client.clientId())) {
            return Optional.of("code of " + grant.clientId() + " redeemed by " + client.clientId());
        }
        // "ensure that the redirect_uri parameter is present if [it] was included in the initial
        // authorization request ..., and if included ensure that their values are identical."
        boolean redirectMatches = redirectUri.map(grant.redirectUri()::equals).orElse(!grant.redirectUriSent());
        if (!redirectMatches) {
            return Optional.of("redirect_uri does not match the authorization request");
        }
        if (verifier.isEmpty()) {
            // Only an application whose operator made PKCE optional has codes without a challenge (RFC 7636 §4.6:
            // one issued with a challenge is never redeemed without its verifier).
            if (grant.codeChallenge() != null) {
                return Optional.of("code_verifier missing for a code issued with a code_challenge");
            }
            // The operator may have required PKCE again since the code was issued: what it allowed is over.
            return client.pkce() == PkcePolicy.OPTIONAL ? Optional.empty()
                    : Optional.of("code issued without PKCE to an application that now requires it");
        }
        // RFC 9700 §4.8.2: a code_verifier for a code issued without a code_challenge is refused (Pkce.verify
        // answers false for none), so no attacker can downgrade PKCE by leaving the challenge out.
        if (!Pkce.verify(Secret.of(verifier.get()), grant.codeChallenge())) {
            return Optional.of(grant.codeChallenge() == null ? "code_verifier sent for a code issued without PKCE"
                    : "PKCE verification failed");
        }
        return Optional.empty();
    }

    private static OAuthException invalid(String detail) {
        return OAuthException.of(ErrorCode.INVALID_GRANT, INVALID, detail);
    }
}
