package io.latchkey.posture;

import io.latchkey.client.AccessTokenPolicy;
import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.ApplicationView;
import io.latchkey.client.ClientType;
import io.latchkey.client.PkcePolicy;
import io.latchkey.client.ResponseType;
import io.latchkey.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A posture state built in steps for the rule tests: applications made by type with safe defaults (https
 * redirects, code only, PKCE required), each one's use, and administrators, judged at the clock's instant.
 */
final class PostureWorld {
    static final Duration UNUSED = Duration.ofDays(90);
    static final Duration ROTATION = Duration.ofDays(90);

    final MutableClock clock = new MutableClock();
    boolean devMode;
    boolean passwordGrantEnabled;
    private final List<App> apps = new ArrayList<>();
    private final List<PostureState.Administrator> admins = new ArrayList<>();

    /** An application created a year ago, in use today (a token an hour ago carrying all its scopes). */
    App app(String clientId, ClientType type) {
        App app = new App(clientId, type, clock.instant().minus(Duration.ofDays(365)));
        app.lastToken = Optional.of(clock.instant().minus(Duration.ofHours(1)));
        apps.add(app);
        return app;
    }

    void admin(String username, Instant createdAt, Optional<Instant> lastSignIn) {
        admins.add(new PostureState.Administrator(username, 4, createdAt, lastSignIn));
    }

    Instant daysAgo(long days) {
        return clock.instant().minus(Duration.ofDays(days));
    }

    PostureState state() {
        return new PostureState(clock.instant(), devMode, passwordGrantEnabled, UNUSED, ROTATION,
                apps.stream().map(App::use).toList(), admins);
    }

    /** One application and its use; fields are changed directly by the tests. */
    static final class App {
        final String clientId;
        ClientType type;
        Instant createdAt;
        Instant observedSince;
        boolean enabled = true;
        List<String> redirectUris = new ArrayList<>();
        List<String> postLogoutRedirectUris = new ArrayList<>();
        Set<String> scopes = new LinkedHashSet<>(List.of("openid", "orders:read"));
        Set<String> defaultScopes = new LinkedHashSet<>();
        AccessTokenPolicy accessTokens = AccessTokenPolicy.NONE;
        boolean refreshTokens;
        boolean passwordGrant;
        Set<ResponseType> responseTypes = new LinkedHashSet<>(Set.of(ResponseType.CODE));
        PkcePolicy pkce = PkcePolicy.REQUIRED;
        boolean implicitByFragment;
        io.latchkey.client.TokenLifetimes lifetimes = io.latchkey.client.TokenLifetimes.SERVER_DEFAULTS;
        List<ApplicationView.SecretView> secrets = new ArrayList<>();
        Optional<Instant> lastToken = Optional.empty();
        Map<String, Instant> scopesGranted;
        Optional<Instant> lastReferenceToken = Optional.empty();
        Optional<Instant> lastPersonalToken = Optional.empty();
        long liveRefreshTokens;
        long liveReferenceTokens;

        private App(String clientId, ClientType type, Instant createdAt) {
            this.clientId = clientId;
            this.type = type;
            this.createdAt = createdAt;
            this.observedSince = createdAt;
            if (type.interactive()) {
                redirectUris.add("https://" + clientId + ".example.test/cb");
            }
        }

        /** Adds a secret; {@code expiresAt} empty for the current one. */
        App secret(long id, Instant createdAt, Optional<Instant> expiresAt, Optional<Instant> lastUsedAt) {
            secrets.add(new ApplicationView.SecretView(id, createdAt, expiresAt, lastUsedAt));
            return this;
        }

        PostureState.ApplicationUse use() {
            ApplicationDefinition definition = new ApplicationDefinition(clientId, clientId, type, redirectUris,
                    postLogoutRedirectUris, scopes, defaultScopes, Optional.empty(), enabled, accessTokens, false,
                    refreshTokens, false, 90, passwordGrant, responseTypes, false, pkce, implicitByFragment)
                    .withLifetimes(lifetimes);
            Map<String, Instant> granted = new HashMap<>();
            if (scopesGranted != null) {
                granted.putAll(scopesGranted);
            } else {
                for (String scope : scopes) {
                    lastToken.ifPresent(at -> granted.put(scope, at));
                }
            }
            return new PostureState.ApplicationUse(new ApplicationView(definition, 7, createdAt, createdAt, secrets),
                    observedSince, lastToken, granted, lastReferenceToken, lastPersonalToken, liveRefreshTokens,
                    liveReferenceTokens);
        }
    }
}
