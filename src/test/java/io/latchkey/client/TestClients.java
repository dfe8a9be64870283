package io.latchkey.client;

import io.latchkey.security.Secret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Client fixtures as builders: {@code TestClients.m2m("batch").withSecret("...").build()}. */
public final class TestClients {
    public static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    private TestClients() {
    }

    public static Builder m2m(String clientId) {
        return new Builder(clientId, ClientType.M2M);
    }

    public static Builder confidentialWebApp(String clientId) {
        return new Builder(clientId, ClientType.WEB).withRedirectUri("https://app.example.test/callback");
    }

    public static Builder spa(String clientId) {
        return new Builder(clientId, ClientType.SPA).withRedirectUri("https://spa.example.test/cb");
    }

    public static Builder nativeApp(String clientId) {
        return new Builder(clientId, ClientType.NATIVE).withRedirectUri("com.example.app:/cb");
    }

    public static Builder ofType(ClientType type, String clientId) {
        return switch (type) {
            case M2M -> m2m(clientId);
            case WEB -> confidentialWebApp(clientId);
            case SPA -> spa(clientId);
            case NATIVE -> nativeApp(clientId);
        };
    }

    public static final class Builder {
        private final String clientId;
        private final ClientType type;
        private boolean enabled = true;
        private boolean firstParty;
        private boolean refreshTokens;
        private boolean introspectAny;
        private boolean passwordGrant;
        private boolean referenceAccessTokens;
        private final java.util.Set<io.latchkey.client.ResponseType> responseTypes =
                new java.util.HashSet<>(java.util.Set.of(io.latchkey.client.ResponseType.CODE));
        private final Set<String> allowedScopes = new LinkedHashSet<>();
        private final Set<String> defaultScopes = new LinkedHashSet<>();
        private final List<String> redirectUris = new ArrayList<>();
        private final List<StoredSecret> secrets = new ArrayList<>();

        private Builder(String clientId, ClientType type) {
            this.clientId = clientId;
            this.type = type;
        }

        public Builder withRedirectUri(String uri) {
            redirectUris.add(uri);
            return this;
        }

        /** A current secret that never expires. */
        public Builder withSecret(String secret) {
            secrets.add(new StoredSecret(Secret.of(secret).hashed(), EPOCH, Optional.empty()));
            return this;
        }

        /** A rotated-out secret that stops working at {@code expiresAt}. */
        public Builder withSecretExpiringAt(String secret, Instant expiresAt) {
            secrets.add(new StoredSecret(Secret.of(secret).hashed(), EPOCH, Optional.of(expiresAt)));
            return this;
        }

        public Builder withScopes(String... scopes) {
            allowedScopes.addAll(List.of(scopes));
            return this;
        }

        public Builder withDefaultScopes(String... scopes) {
            defaultScopes.addAll(List.of(scopes));
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

        /** The opt-in of a public application to (rotated) refresh tokens. */
        public Builder withRefreshTokens() {
            refreshTokens = true;
            return this;
        }

        /** An application allowed these response types besides code. */
        public Builder withResponseTypes(io.latchkey.client.ResponseType... types) {
            responseTypes.addAll(java.util.List.of(types));
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

        /** An operator's grant to introspect every token. */
        public Builder withIntrospectAny() {
            introspectAny = true;
            return this;
        }

        public Client build() {
            return new Client(clientId, clientId, type, enabled, allowedScopes, defaultScopes,
                    type.interactive() ? redirectUris : List.of(), List.of(), AccessTokenPolicy.NONE, secrets,
                    firstParty, refreshTokens, introspectAny, java.time.Duration.ofDays(90), passwordGrant,
                    responseTypes, referenceAccessTokens);
        }
    }
}
