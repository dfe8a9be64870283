package io.latchkey.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A registered application as the protocol code sees it. {@code tokensNotBefore}: access tokens issued before
 * this instant are inactive (it was disabled then). {@code pkce} and {@code implicitByFragment}: the exceptions
 * an operator allowed it (see {@link ApplicationDefinition}). {@code webOrigins}: the explicit {@code web_origins}
 * (empty: the redirect URIs' origins; see {@link WebOrigins#of(Client)}). {@code signing}: its keys and
 * algorithms ({@link ClientSigning}). {@code lifetimes}: its own token lifetimes, each empty for the server's
 * setting ({@link TokenLifetimes}).
 */
public record Client(
        String clientId,
        String name,
        ClientType type,
        boolean enabled,
        Set<String> allowedScopes,
        Set<String> defaultScopes,
        List<String> redirectUris,
        List<String> postLogoutRedirectUris,
        List<String> webOrigins,
        AccessTokenPolicy accessTokens,
        List<StoredSecret> secrets,
        boolean firstParty,
        boolean refreshTokensForPublicClient,
        boolean introspectAny,
        Duration maxReferenceTokenLifetime,
        boolean passwordGrant,
        Set<ResponseType> responseTypes,
        boolean referenceAccessTokens,
        Optional<Instant> tokensNotBefore,
        PkcePolicy pkce,
        boolean implicitByFragment,
        ClientSigning signing,
        TokenLifetimes lifetimes) {

    public Client {
        allowedScopes = Set.copyOf(allowedScopes);
        defaultScopes = Set.copyOf(defaultScopes);
        redirectUris = List.copyOf(redirectUris);
        postLogoutRedirectUris = List.copyOf(postLogoutRedirectUris);
        webOrigins = List.copyOf(webOrigins);
        secrets = List.copyOf(secrets);
        responseTypes = Set.copyOf(responseTypes);
        java.util.Objects.requireNonNull(signing, "signing");
        java.util.Objects.requireNonNull(lifetimes, "lifetimes");
    }

    /** An application with the server's token lifetimes. */
    public Client(String clientId, String name, ClientType type, boolean enabled, Set<String> allowedScopes,
                  Set<String> defaultScopes, List<String> redirectUris, List<String> postLogoutRedirectUris,
                  List<String> webOrigins, AccessTokenPolicy accessTokens, List<StoredSecret> secrets,
                  boolean firstParty, boolean refreshTokensForPublicClient, boolean introspectAny,
                  Duration maxReferenceTokenLifetime, boolean passwordGrant, Set<ResponseType> responseTypes,
                  boolean referenceAccessTokens, Optional<Instant> tokensNotBefore, PkcePolicy pkce,
                  boolean implicitByFragment, ClientSigning signing) {
        this(clientId, name, type, enabled, allowedScopes, defaultScopes, redirectUris, postLogoutRedirectUris,
                webOrigins, accessTokens, secrets, firstParty, refreshTokensForPublicClient, introspectAny,
                maxReferenceTokenLifetime, passwordGrant, responseTypes, referenceAccessTokens, tokensNotBefore, pkce,
                implicitByFragment, signing, TokenLifetimes.SERVER_DEFAULTS);
    }

    /** An application with no explicit {@code web_origins}, keys, request objects or ID token algorithm of its own. */
    public Client(String clientId, String name, ClientType type, boolean enabled, Set<String> allowedScopes,
                  Set<String> defaultScopes, List<String> redirectUris, List<String> postLogoutRedirectUris,
                  AccessTokenPolicy accessTokens, List<StoredSecret> secrets, boolean firstParty,
                  boolean refreshTokensForPublicClient, boolean introspectAny, Duration maxReferenceTokenLifetime,
                  boolean passwordGrant, Set<ResponseType> responseTypes, boolean referenceAccessTokens,
                  Optional<Instant> tokensNotBefore, PkcePolicy pkce, boolean implicitByFragment) {
        this(clientId, name, type, enabled, allowedScopes, defaultScopes, redirectUris, postLogoutRedirectUris,
                List.of(), accessTokens, secrets, firstParty, refreshTokensForPublicClient, introspectAny,
                maxReferenceTokenLifetime, passwordGrant, responseTypes, referenceAccessTokens, tokensNotBefore, pkce,
                implicitByFragment, ClientSigning.DEFAULT);
    }

    /**
     * Whether this application may hold refresh tokens at all: confidential web applications may, public
     * ones only when they opted in (and theirs are always rotated); services never.
     */
    public boolean mayHoldRefreshTokens() {
        return mayHoldRefreshTokens(type, refreshTokensForPublicClient);
    }

    /** The rule of {@link #mayHoldRefreshTokens()}, for a definition too ({@link ApplicationDefinition}). */
    static boolean mayHoldRefreshTokens(ClientType type, boolean refreshTokensForPublicClient) {
        return type == ClientType.WEB || (!type.confidential() && type.interactive() && refreshTokensForPublicClient);
    }
}
