package io.latchkey.posture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.admin.BuiltInAdminApplication;
import io.latchkey.client.AccessTokenPolicy;
import io.latchkey.client.ClientType;
import io.latchkey.client.PkcePolicy;
import io.latchkey.client.ResponseType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every posture rule against a table of states: for each, the states it must report (with the severity) and the
 * near misses it must not. Each world starts as one healthy application in use, so a row changes one thing.
 */
class PostureRulesTest {

    record Case(String name, PostureRule rule, Consumer<PostureWorld> setup, List<String> subjects,
                Optional<Severity> severity) {
        @Override
        public String toString() {
            return rule.id() + ": " + name;
        }
    }

    private static Case fires(PostureRule rule, String name, Severity severity, Consumer<PostureWorld> setup,
                              String... subjects) {
        return new Case(name, rule, setup, List.of(subjects), Optional.of(severity));
    }

    private static Case quiet(PostureRule rule, String name, Consumer<PostureWorld> setup) {
        return new Case(name, rule, setup, List.of(), Optional.empty());
    }

    static Stream<Case> cases() {
        UnusedApplication unused = new UnusedApplication();
        UnusedScopes scopes = new UnusedScopes();
        OverdueSecretRotation rotation = new OverdueSecretRotation();
        NeedlessSecretOverlap overlap = new NeedlessSecretOverlap();
        BroadReferenceTokenPolicy tokens = new BroadReferenceTokenPolicy();
        PublicClientRefreshTokens refresh = new PublicClientRefreshTokens();
        InsecureRedirectUris redirects = new InsecureRedirectUris();
        FrontChannelResponseTypes frontChannel = new FrontChannelResponseTypes();
        PasswordGrantAllowed password = new PasswordGrantAllowed();
        LongLivedAccessTokens longLived = new LongLivedAccessTokens();
        OptionalPkce pkce = new OptionalPkce();
        ImplicitByFragment fragment = new ImplicitByFragment();
        AdminScopeOnService adminScope = new AdminScopeOnService();
        DisabledWithLiveTokens disabled = new DisabledWithLiveTokens();
        IdleAdministrator idle = new IdleAdministrator();
        return Stream.of(
                quiet(unused, "a token an hour ago", w -> w.app("a", ClientType.WEB)),
                fires(unused, "never a token since created a year ago", Severity.LOW,
                        w -> w.app("a", ClientType.WEB).lastToken = Optional.empty(), "a"),
                fires(unused, "last token 91 days ago", Severity.LOW,
                        w -> w.app("a", ClientType.M2M).lastToken = Optional.of(w.daysAgo(91)), "a"),
                quiet(unused, "last token 89 days ago", w -> w.app("a", ClientType.M2M).lastToken = Optional.of(w.daysAgo(89))),
                quiet(unused, "no token but created 10 days ago", w -> {
                    PostureWorld.App app = w.app("a", ClientType.WEB);
                    app.lastToken = Optional.empty();
                    app.createdAt = w.daysAgo(10);
                    app.observedSince = app.createdAt;
                }),
                quiet(unused, "no token but only observed for 10 days (upgrade)", w -> {
                    PostureWorld.App app = w.app("a", ClientType.WEB);
                    app.lastToken = Optional.empty();
                    app.observedSince = w.daysAgo(10);
                }),
                quiet(unused, "no grant token but a PAT 5 days ago", w -> {
                    PostureWorld.App app = w.app("a", ClientType.WEB);
                    app.lastToken = Optional.empty();
                    app.lastReferenceToken = Optional.of(w.daysAgo(5));
                }),
                quiet(unused, "unused but disabled", w -> {
                    PostureWorld.App app = w.app("a", ClientType.WEB);
                    app.lastToken = Optional.empty();
                    app.enabled = false;
                }),

                quiet(scopes, "every scope granted lately", w -> w.app("a", ClientType.WEB)),
                fires(scopes, "orders:read granted 100 days ago", Severity.LOW, w -> {
                    PostureWorld.App app = w.app("a", ClientType.WEB);
                    app.scopesGranted = Map.of("openid", w.daysAgo(1), "orders:read", w.daysAgo(100));
                }, "a"),
                fires(scopes, "orders:read never granted", Severity.LOW, w -> {
                    PostureWorld.App app = w.app("a", ClientType.WEB);
                    app.scopesGranted = Map.of("openid", w.daysAgo(1));
                }, "a"),
                quiet(scopes, "never granted but the application is unused (the other rule's)", w -> {
                    PostureWorld.App app = w.app("a", ClientType.WEB);
                    app.lastToken = Optional.of(w.daysAgo(100));
                    app.scopesGranted = Map.of();
                }),
                quiet(scopes, "never granted but observed for 10 days only", w -> {
                    PostureWorld.App app = w.app("a", ClientType.WEB);
                    app.scopesGranted = Map.of("openid", w.daysAgo(1));
                    app.observedSince = w.daysAgo(10);
                }),

                quiet(rotation, "current secret 89 days old", w -> w.app("a", ClientType.M2M)
                        .secret(1, w.daysAgo(89), Optional.empty(), Optional.empty())),
                fires(rotation, "current secret 91 days old", Severity.MEDIUM, w -> w.app("a", ClientType.M2M)
                        .secret(1, w.daysAgo(91), Optional.empty(), Optional.empty()), "a"),
                quiet(rotation, "an old rotated-out secret beside a new current one", w -> w.app("a", ClientType.M2M)
                        .secret(1, w.daysAgo(200), Optional.of(w.daysAgo(9)), Optional.empty())
                        .secret(2, w.daysAgo(10), Optional.empty(), Optional.empty())),

                fires(overlap, "old secret live, silent two days, new one in use", Severity.MEDIUM, w -> w.app("a",
                        ClientType.M2M).secret(1, w.daysAgo(300), Optional.of(w.clock.instant().plus(Duration.ofDays(5))),
                                Optional.of(w.daysAgo(2)))
                        .secret(2, w.daysAgo(3), Optional.empty(), Optional.of(w.daysAgo(0))), "a"),
                quiet(overlap, "old secret used an hour ago", w -> w.app("a", ClientType.M2M)
                        .secret(1, w.daysAgo(300), Optional.of(w.clock.instant().plus(Duration.ofDays(5))),
                                Optional.of(w.clock.instant().minus(Duration.ofHours(1))))
                        .secret(2, w.daysAgo(3), Optional.empty(), Optional.of(w.daysAgo(0)))),
                quiet(overlap, "new secret never used yet", w -> w.app("a", ClientType.M2M)
                        .secret(1, w.daysAgo(300), Optional.of(w.clock.instant().plus(Duration.ofDays(5))), Optional.empty())
                        .secret(2, w.daysAgo(3), Optional.empty(), Optional.empty())),
                quiet(overlap, "old secret's overlap already over", w -> w.app("a", ClientType.M2M)
                        .secret(1, w.daysAgo(300), Optional.of(w.daysAgo(1)), Optional.of(w.daysAgo(2)))
                        .secret(2, w.daysAgo(3), Optional.empty(), Optional.of(w.daysAgo(0)))),

                fires(tokens, "AuthenticatedUsers, only administrators issued", Severity.MEDIUM, w -> {
                    PostureWorld.App app = w.app("a", ClientType.WEB);
                    app.accessTokens = AccessTokenPolicy.AUTHENTICATED_USERS;
                    app.lastReferenceToken = Optional.of(w.daysAgo(3));
                }, "a"),
                quiet(tokens, "AuthenticatedUsers, a person issued one 3 days ago", w -> {
                    PostureWorld.App app = w.app("a", ClientType.WEB);
                    app.accessTokens = AccessTokenPolicy.AUTHENTICATED_USERS;
                    app.lastReferenceToken = Optional.of(w.daysAgo(3));
                    app.lastPersonalToken = Optional.of(w.daysAgo(3));
                }),
                fires(tokens, "AuthenticatedUsers, a person's last one 100 days ago", Severity.MEDIUM, w -> {
                    PostureWorld.App app = w.app("a", ClientType.WEB);
                    app.accessTokens = AccessTokenPolicy.AUTHENTICATED_USERS;
                    app.lastReferenceToken = Optional.of(w.daysAgo(100));
                    app.lastPersonalToken = Optional.of(w.daysAgo(100));
                }, "a"),
                fires(tokens, "AdministratorsOnly, none issued", Severity.LOW, w -> w.app("a", ClientType.M2M)
                        .accessTokens = AccessTokenPolicy.ADMINISTRATORS_ONLY, "a"),
                quiet(tokens, "AdministratorsOnly, one issued 3 days ago", w -> {
                    PostureWorld.App app = w.app("a", ClientType.M2M);
                    app.accessTokens = AccessTokenPolicy.ADMINISTRATORS_ONLY;
                    app.lastReferenceToken = Optional.of(w.daysAgo(3));
                }),
                quiet(tokens, "the built-in admin application, none issued", w -> w.app(BuiltInAdminApplication.CLIENT_ID,
                        ClientType.M2M).accessTokens = AccessTokenPolicy.ADMINISTRATORS_ONLY),
                quiet(tokens, "None", w -> w.app("a", ClientType.WEB)),

                fires(refresh, "native with refresh tokens", Severity.MEDIUM,
                        w -> w.app("n", ClientType.NATIVE).refreshTokens = true, "n"),
                fires(refresh, "spa with refresh tokens", Severity.MEDIUM,
                        w -> w.app("s", ClientType.SPA).refreshTokens = true, "s"),
                quiet(refresh, "web with refresh tokens", w -> w.app("w", ClientType.WEB).refreshTokens = true),
                quiet(refresh, "native without", w -> w.app("n", ClientType.NATIVE)),

                fires(redirects, "web with plain http in production", Severity.HIGH, w -> w.app("w", ClientType.WEB)
                        .redirectUris.add("http://app.example.test/cb"), "w"),
                fires(redirects, "web with an https loopback redirect", Severity.HIGH, w -> w.app("w", ClientType.WEB)
                        .redirectUris.add("https://localhost:8443/cb"), "w"),
                fires(redirects, "spa with http 127.0.0.1 post-logout redirect", Severity.HIGH,
                        w -> w.app("s", ClientType.SPA).postLogoutRedirectUris.add("http://127.0.0.1:3000/bye"), "s"),
                quiet(redirects, "native with http 127.0.0.1 (RFC 8252 §7.3)",
                        w -> w.app("n", ClientType.NATIVE).redirectUris.add("http://127.0.0.1/cb")),
                fires(redirects, "native with http to a host", Severity.HIGH,
                        w -> w.app("n", ClientType.NATIVE).redirectUris.add("http://app.example.test/cb"), "n"),
                quiet(redirects, "web with plain http in development mode", w -> {
                    w.devMode = true;
                    w.app("w", ClientType.WEB).redirectUris.add("http://127.0.0.1:8080/cb");
                }),

                fires(frontChannel, "id_token token", Severity.MEDIUM, w -> w.app("w", ClientType.WEB)
                        .responseTypes.add(ResponseType.ID_TOKEN_TOKEN), "w"),
                fires(frontChannel, "code id_token", Severity.LOW, w -> w.app("w", ClientType.WEB)
                        .responseTypes.add(ResponseType.CODE_ID_TOKEN), "w"),
                quiet(frontChannel, "code only", w -> w.app("w", ClientType.WEB)),

                fires(longLived, "an access token lifetime of an hour and a second", Severity.LOW,
                        w -> w.app("a", ClientType.M2M).lifetimes = io.latchkey.client.TokenLifetimes.ofSeconds(3601L,
                                null, null), "a"),
                quiet(longLived, "an access token lifetime of an hour", w -> w.app("a", ClientType.M2M).lifetimes =
                        io.latchkey.client.TokenLifetimes.ofSeconds(3600L, null, null)),
                quiet(longLived, "the server's lifetime, long refresh tokens", w -> w.app("a", ClientType.WEB)
                        .lifetimes = io.latchkey.client.TokenLifetimes.ofSeconds(null, 86_400L, 2_592_000L)),
                fires(password, "allowed, server grant on", Severity.MEDIUM, w -> {
                    w.passwordGrantEnabled = true;
                    w.app("w", ClientType.WEB).passwordGrant = true;
                }, "w"),
                fires(password, "allowed, server grant off", Severity.INFO,
                        w -> w.app("w", ClientType.WEB).passwordGrant = true, "w"),
                quiet(password, "not allowed, server grant on", w -> {
                    w.passwordGrantEnabled = true;
                    w.app("w", ClientType.WEB);
                }),

                fires(pkce, "optional", Severity.LOW, w -> w.app("w", ClientType.WEB).pkce = PkcePolicy.OPTIONAL, "w"),
                quiet(pkce, "required", w -> w.app("w", ClientType.WEB)),

                fires(fragment, "by fragment", Severity.LOW, w -> w.app("w", ClientType.WEB).implicitByFragment = true,
                        "w"),
                quiet(fragment, "form_post only", w -> w.app("w", ClientType.WEB)),

                fires(adminScope, "m2m with latchkey:admin", Severity.HIGH, w -> w.app("m", ClientType.M2M)
                        .scopes.add("latchkey:admin"), "m"),
                quiet(adminScope, "m2m with latchkey:admin.read only", w -> w.app("m", ClientType.M2M)
                        .scopes.add("latchkey:admin.read")),
                quiet(adminScope, "disabled m2m with latchkey:admin", w -> {
                    PostureWorld.App app = w.app("m", ClientType.M2M);
                    app.scopes.add("latchkey:admin");
                    app.enabled = false;
                }),
                quiet(adminScope, "the built-in application, secret never used", w -> w.app(
                        BuiltInAdminApplication.CLIENT_ID, ClientType.M2M).secret(1, w.daysAgo(3), Optional.empty(),
                        Optional.empty()).scopes.add("latchkey:admin")),
                fires(adminScope, "the built-in application once its secret was used", Severity.HIGH, w -> w.app(
                        BuiltInAdminApplication.CLIENT_ID, ClientType.M2M).secret(1, w.daysAgo(3), Optional.empty(),
                        Optional.of(w.daysAgo(1))).scopes.add("latchkey:admin"), BuiltInAdminApplication.CLIENT_ID),

                fires(disabled, "disabled with a live refresh token", Severity.MEDIUM, w -> {
                    PostureWorld.App app = w.app("w", ClientType.WEB);
                    app.enabled = false;
                    app.liveRefreshTokens = 1;
                }, "w"),
                fires(disabled, "disabled with a live PAT", Severity.MEDIUM, w -> {
                    PostureWorld.App app = w.app("w", ClientType.WEB);
                    app.enabled = false;
                    app.liveReferenceTokens = 2;
                }, "w"),
                quiet(disabled, "disabled without live tokens", w -> w.app("w", ClientType.WEB).enabled = false),
                quiet(disabled, "enabled with live tokens", w -> w.app("w", ClientType.WEB).liveRefreshTokens = 3),

                fires(idle, "signed in 91 days ago", Severity.MEDIUM,
                        w -> w.admin("root", w.daysAgo(400), Optional.of(w.daysAgo(91))), "root"),
                quiet(idle, "signed in 89 days ago", w -> w.admin("root", w.daysAgo(400), Optional.of(w.daysAgo(89)))),
                fires(idle, "never signed in, created 100 days ago", Severity.MEDIUM,
                        w -> w.admin("root", w.daysAgo(100), Optional.empty()), "root"),
                quiet(idle, "never signed in, created 5 days ago", w -> w.admin("root", w.daysAgo(5), Optional.empty())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyWhatTheCaseSays(Case c) {
        PostureWorld world = new PostureWorld();
        c.setup().accept(world);
        List<Finding> findings = c.rule().check(world.state());
        assertEquals(c.subjects(), findings.stream().map(f -> f.subject().id()).toList(), c::toString);
        c.severity().ifPresent(severity -> findings.forEach(f -> assertEquals(severity, f.severity(), c::toString)));
        findings.forEach(f -> assertEquals(c.rule().id(), f.rule()));
    }

    @org.junit.jupiter.api.Test
    void everyRuleIsInTheReviewOnceWithADistinctId() {
        assertEquals(15, PostureReview.RULES.size());
        assertEquals(15, PostureReview.RULES.stream().map(PostureRule::id).distinct().count());
        assertEquals(15, cases().map(c -> c.rule().getClass()).distinct().count(), "every rule has cases");
        assertEquals(Set.copyOf(PostureReview.RULES.stream().map(Object::getClass).toList()),
                Set.copyOf(cases().map(c -> c.rule().getClass()).toList()));
    }

    @org.junit.jupiter.api.Test
    void theFixOfLongLivedAccessTokensShortensThemToAnHourAtTheVersionRead() {
        PostureWorld world = new PostureWorld();
        world.app("a", ClientType.M2M).lifetimes = io.latchkey.client.TokenLifetimes.ofSeconds(7200L, null, null);
        Finding finding = new LongLivedAccessTokens().check(world.state()).get(0);
        assertEquals(Optional.of(Map.of("access_token_lifetime", 3600L)), finding.fix().body());
        assertEquals(Optional.of(7L), finding.fix().ifMatchVersion());
        assertEquals("a's access tokens live 7200 seconds, longer than an hour", finding.summary());
    }
}
