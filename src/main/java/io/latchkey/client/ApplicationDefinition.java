package io.latchkey.client;

import io.latchkey.security.Secret;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What an operator declares about an application (the import file, later the admin API and the console),
 * before {@link ApplicationPolicy#check} has judged it. Vocabulary: an <em>application</em> is what operators
 * register and manage, this definition with its policy; a {@link Client} is its protocol view, what the
 * authorization and token endpoints see.
 *
 * <p>{@code webOrigins}: the origins a public application's pages call the token, userinfo and revocation
 * endpoints from (CORS), when they are not its redirect URIs' origins; empty for those ({@link WebOrigins}).
 *
 * <p>{@code pkce} and {@code implicitByFragment} are the two exceptions an operator may make for a confidential
 * web application whose relying party cannot do better (see {@link ApplicationPolicy#warnings}). {@code signing}:
 * its keys, request object and ID token algorithms ({@link ClientSigning}). {@code lifetimes}: its own access and
 * refresh token lifetimes, each empty for the server's setting ({@link TokenLifetimes}).
 */
public record ApplicationDefinition(
        String clientId,
        String name,
        ClientType type,
        List<String> redirectUris,
        List<String> postLogoutRedirectUris,
        List<String> webOrigins,
        Set<String> scopes,
        Set<String> defaultScopes,
        Optional<Secret> secret,
        boolean enabled,
        AccessTokenPolicy accessTokens,
        boolean firstParty,
        boolean refreshTokens,
        boolean introspectAny,
        int maxReferenceTokenDays,
        boolean passwordGrant,
        Set<ResponseType> responseTypes,
        boolean referenceAccessTokens,
        PkcePolicy pkce,
        boolean implicitByFragment,
        ClientSigning signing,
        TokenLifetimes lifetimes) {

    /** The import file's and the admin API's default for {@code implicit_by_fragment}: form_post only. */
    public static final boolean DEFAULT_IMPLICIT_BY_FRAGMENT = false;

    public ApplicationDefinition {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(redirectUris, "redirectUris");
        Objects.requireNonNull(postLogoutRedirectUris, "postLogoutRedirectUris");
        Objects.requireNonNull(webOrigins, "webOrigins");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(defaultScopes, "defaultScopes");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(accessTokens, "accessTokens");
        Objects.requireNonNull(responseTypes, "responseTypes");
        Objects.requireNonNull(pkce, "pkce");
        Objects.requireNonNull(signing, "signing");
        Objects.requireNonNull(lifetimes, "lifetimes");
    }

    /** An application with the server's token lifetimes ({@link TokenLifetimes#SERVER_DEFAULTS}). */
    public ApplicationDefinition(String clientId, String name, ClientType type, List<String> redirectUris,
                                 List<String> postLogoutRedirectUris, List<String> webOrigins, Set<String> scopes,
                                 Set<String> defaultScopes, Optional<Secret> secret, boolean enabled,
                                 AccessTokenPolicy accessTokens, boolean firstParty, boolean refreshTokens,
                                 boolean introspectAny, int maxReferenceTokenDays, boolean passwordGrant,
                                 Set<ResponseType> responseTypes, boolean referenceAccessTokens, PkcePolicy pkce,
                                 boolean implicitByFragment, ClientSigning signing) {
        this(clientId, name, type, redirectUris, postLogoutRedirectUris, webOrigins, scopes, defaultScopes, secret,
                enabled, accessTokens, firstParty, refreshTokens, introspectAny, maxReferenceTokenDays, passwordGrant,
                responseTypes, referenceAccessTokens, pkce, implicitByFragment, signing, TokenLifetimes.SERVER_DEFAULTS);
    }

    /** Whether the application may hold refresh tokens at all (see {@link Client#mayHoldRefreshTokens()}). */
    public boolean mayHoldRefreshTokens() {
        return Client.mayHoldRefreshTokens(type, refreshTokens);
    }

    /** This definition with {@code lifetimes} instead of its own. */
    public ApplicationDefinition withLifetimes(TokenLifetimes lifetimes) {
        return new ApplicationDefinition(clientId, name, type, redirectUris, postLogoutRedirectUris, webOrigins, scopes,
                defaultScopes, secret, enabled, accessTokens, firstParty, refreshTokens, introspectAny,
                maxReferenceTokenDays, passwordGrant, responseTypes, referenceAccessTokens, pkce, implicitByFragment,
                signing, lifetimes);
    }

    /**
     * An application with no explicit {@code web_origins} (its CORS origins are its redirect URIs', {@link
     * WebOrigins}) and without keys, request objects or an ID token algorithm of its own.
     */
    public ApplicationDefinition(String clientId, String name, ClientType type, List<String> redirectUris,
                                 List<String> postLogoutRedirectUris, Set<String> scopes, Set<String> defaultScopes,
                                 Optional<Secret> secret, boolean enabled, AccessTokenPolicy accessTokens,
                                 boolean firstParty, boolean refreshTokens, boolean introspectAny,
                                 int maxReferenceTokenDays, boolean passwordGrant, Set<ResponseType> responseTypes,
                                 boolean referenceAccessTokens, PkcePolicy pkce, boolean implicitByFragment) {
        this(clientId, name, type, redirectUris, postLogoutRedirectUris, List.of(), scopes, defaultScopes, secret,
                enabled, accessTokens, firstParty, refreshTokens, introspectAny, maxReferenceTokenDays, passwordGrant,
                responseTypes, referenceAccessTokens, pkce, implicitByFragment, ClientSigning.DEFAULT);
    }
}
