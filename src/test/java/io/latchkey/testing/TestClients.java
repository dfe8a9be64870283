package io.latchkey.testing;

import io.latchkey.client.AccessTokenPolicy;
import io.latchkey.client.Client;
import io.latchkey.client.ClientType;
import io.latchkey.client.StoredSecret;
import io.latchkey.security.Secret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Client fixtures as builders, after Spring's {@code TestRegisteredClients}:
 * {@code TestClients.webApp("web").withScopes("openid", "offline_access").build()}.
 */
public final class TestClients {
    public static final String WEB_REDIRECT = "https://app.example.com/callback";
    public static final String NATIVE_REDIRECT = "http://127.0.0.1/cb";
    public static final String SPA_REDIRECT = "https://spa.example.com/cb";
    public static final String SECRET = "web-secret-0123456789abcdefghijklmnopqrstuv";
    /** What an interactive fixture may ask for unless a test says otherwise. */
    public static final String[] SIGN_IN_SCOPES = {"openid", "profile", "email", "offline_access", "orders:read"};

    private TestClients() {
    }

    /** A confidential web application registered with {@link #WEB_REDIRECT} and the secret {@link #SECRET}. */
    public static Builder webApp(String clientId) {
        return new Builder(clientId, ClientType.WEB).withRedirectUris(WEB_REDIRECT).withSecret(SECRET)
                .withScopes(SIGN_IN_SCOPES).withDefaultScopes("openid", "profile");
    }

    /** A public native application registered with the loopback {@link #NATIVE_REDIRECT}. */
    public static Builder nativeApp(String clientId) {
        return new Builder(clientId, ClientType.NATIVE).withRedirectUris(NATIVE_REDIRECT)
                .withScopes(SIGN_IN_SCOPES).withDefaultScopes("openid");
    }

    public static Builder spa(String clientId) {
        return new Builder(clientId, ClientType.SPA).withRedirectUris(SPA_REDIRECT)
                .withScopes(SIGN_IN_SCOPES).withDefaultScopes("openid");
    }

    public static Builder m2m(String clientId) {
        return new Builder(clientId, ClientType.M2M).withSecret(SECRET).withScopes("orders:read");
    }

    public static final class Builder {
        private final String clientId;
        private final ClientType type;
        private String name;
        private boolean enabled = true;
        private boolean firstParty;
        private boolean refreshTokens;
        private boolean introspectAny;
        private boolean passwordGrant;
        private boolean referenceAccessTokens;
        private Optional<Instant> tokensNotBefore = Optional.empty();
        private io.latchkey.client.PkcePolicy pkce = io.latchkey.client.PkcePolicy.DEFAULT;
        private boolean implicitByFragment;
        private io.latchkey.client.ClientSigning signing = io.latchkey.client.ClientSigning.DEFAULT;
        private io.latchkey.client.TokenLifetimes lifetimes = io.latchkey.client.TokenLifetimes.SERVER_DEFAULTS;
        private final java.util.Set<io.latchkey.client.ResponseType> responseTypes =
                new java.util.HashSet<>(java.util.Set.of(io.latchkey.client.ResponseType.CODE));
        private AccessTokenPolicy accessTokens = AccessTokenPolicy.NONE;
        private java.time.Duration maxReferenceTokenLifetime = java.time.Duration.ofDays(90);
        private final Set<String> allowedScopes = new LinkedHashSet<>();
        private final Set<String> defaultScopes = new LinkedHashSet<>();
        private final List<String> redirectUris = new ArrayList<>();
        private final List<String> postLogoutRedirectUris = new ArrayList<>();
        private final List<String> webOrigins = new ArrayList<>();
        private final List<StoredSecret> secrets = new ArrayList<>();

        private Builder(String clientId, ClientType type) {
            this.clientId = clientId;
            this.type = type;
            this.name = clientId + " application";
        }

        public Builder named(String displayName) {
            this.name = displayName;
            return this;
        }

        /** Replaces the registered redirect URIs. */
        public Builder withRedirectUris(String... uris) {
            redirectUris.clear();
            redirectUris.addAll(List.of(uris));
            return this;
        }

        public Builder withPostLogoutRedirectUris(String... uris) {
            postLogoutRedirectUris.clear();
            postLogoutRedirectUris.addAll(List.of(uris));
            return this;
        }

        /** Explicit web_origins (CORS), instead of the redirect URIs' origins. */
        public Builder withWebOrigins(String... origins) {
            webOrigins.clear();
            webOrigins.addAll(List.of(origins));
            return this;
        }

        public Builder withSecret(String secret) {
            secrets.add(new StoredSecret(Secret.of(secret).hashed(), MutableClock.START.minusSeconds(86_400),
                    Optional.empty()));
            return this;
        }

        /** A rotated-out secret that stops working at {@code expiresAt}. */
        public Builder withSecretExpiringAt(String secret, Instant expiresAt) {
            secrets.add(new StoredSecret(Secret.of(secret).hashed(), MutableClock.START.minusSeconds(86_400),
                    Optional.of(expiresAt)));
            return this;
        }

        /** Replaces the allowed scopes. */
        public Builder withScopes(String... scopes) {
            allowedScopes.clear();
            allowedScopes.addAll(List.of(scopes));
            return this;
        }

        /** Replaces the default scopes. */
        public Builder withDefaultScopes(String... scopes) {
            defaultScopes.clear();
            defaultScopes.addAll(List.of(scopes));
            return this;
        }

        /** As if it was disabled at {@code instant} (and maybe enabled again since). */
        public Builder withTokensNotBefore(Instant instant) {
            tokensNotBefore = Optional.of(instant);
            return this;
        }

        public Builder disabled() {
            enabled = false;
            return this;
        }

        public Builder firstParty() {
            firstParty = true;
            return this;
        }

        /** A public application's opt-in to (rotated) refresh tokens. */
        public Builder withRefreshTokens() {
            refreshTokens = true;
            return this;
        }

        /** An application whose access tokens are opaque reference tokens. */
        public Builder withReferenceAccessTokens() {
            referenceAccessTokens = true;
            return this;
        }

        /** An application allowed to use the password grant. */
        public Builder withPasswordGrant() {
            passwordGrant = true;
            return this;
        }

        /** Who may issue personal and service access tokens for this application. */
        public Builder withAccessTokens(AccessTokenPolicy policy) {
            accessTokens = policy;
            return this;
        }

        /** The longest lifetime a personal or service access token of this application may have. */
        public Builder withMaxReferenceTokenLifetime(java.time.Duration lifetime) {
            maxReferenceTokenLifetime = lifetime;
            return this;
        }

        /** An application allowed these response types besides code. */
        public Builder withResponseTypes(io.latchkey.client.ResponseType... types) {
            responseTypes.addAll(java.util.List.of(types));
            return this;
        }

        /** An operator's exception: OpenID Connect code requests may leave PKCE out. */
        public Builder withPkceOptional() {
            pkce = io.latchkey.client.PkcePolicy.OPTIONAL;
            return this;
        }

        /** An operator's exception: implicit responses may travel in the fragment, not only by form_post. */
        public Builder withImplicitByFragment() {
            implicitByFragment = true;
            return this;
        }

        /** An operator's grant to introspect every token. */
        public Builder withIntrospectAny() {
            introspectAny = true;
            return this;
        }

        /** Its keys, request object and ID token algorithms. */
        public Builder withSigning(io.latchkey.client.ClientSigning signing) {
            this.signing = signing;
            return this;
        }

        /** Its own token lifetimes (each empty: the server's). */
        public Builder withLifetimes(io.latchkey.client.TokenLifetimes lifetimes) {
            this.lifetimes = lifetimes;
            return this;
        }

        public Client build() {
            return new Client(clientId, name, type, enabled, allowedScopes, defaultScopes, redirectUris,
                    postLogoutRedirectUris, webOrigins, accessTokens, type.confidential() ? secrets : List.of(),
                    firstParty, refreshTokens, introspectAny, maxReferenceTokenLifetime, passwordGrant,
                    responseTypes, referenceAccessTokens, tokensNotBefore, pkce, implicitByFragment, signing,
                    lifetimes);
        }
    }

    /** When a test needs a moment for a client: {@link MutableClock#START}. */
    public static Instant epoch() {
        return MutableClock.START;
    }
}
