package io.latchkey.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.error.Violation;
import io.latchkey.security.Secret;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per rule: what breaks it, and the field and message that say so. */
class ApplicationPolicyTest {
    private static final Set<String> KNOWN = Set.of("openid", "profile", "email", "offline_access", "orders:read",
            "latchkey:admin", "latchkey:admin.read");
    private static final String SECRET = "0123456789abcdefghijklmnopqrstuv";
    private static final String PLAIN_LOOPBACK = "plain http to a loopback address is only for native applications "
            + "(a %s application needs https, or LATCHKEY_DEV_MODE=true)";

    private static final String NO_WEB_ORIGINS = "only public (spa, native) applications call the endpoints from a "
            + "browser; web and m2m applications have no web origins";

    /** A valid application of each type, to break one rule at a time. */
    private static Draft web() {
        return new Draft("orders-web", ClientType.WEB).redirects("https://orders.example.com/cb")
                .scopes("openid", "orders:read").secret(SECRET);
    }

    private static Draft spa() {
        return new Draft("orders-spa", ClientType.SPA).redirects("https://orders.example.com/spa").scopes("openid");
    }

    private static Draft nativeApp() {
        return new Draft("orders-ios", ClientType.NATIVE).redirects("com.example.orders:/cb").scopes("openid");
    }

    private static Draft m2m() {
        return new Draft("orders-batch", ClientType.M2M).scopes("orders:read").secret(SECRET);
    }

    private static List<Violation> check(Draft draft) {
        return ApplicationPolicy.check(draft.build(), KNOWN, false);
    }

    private static Arguments row(String why, Draft draft, String field, String message) {
        return Arguments.of(why, draft, List.of(new Violation(field, message)));
    }

    static Stream<Arguments> brokenRules() {
        return Stream.of(
                row("client_id with a space", web().clientId("orders web"), "client_id",
                        "must be 1 to 128 of A-Z a-z 0-9 . _ ~ : @ -"),
                row("empty client_id", web().clientId(""), "client_id", "must be 1 to 128 of A-Z a-z 0-9 . _ ~ : @ -"),
                row("client_id of 129 characters", web().clientId("a".repeat(129)), "client_id",
                        "must be 1 to 128 of A-Z a-z 0-9 . _ ~ : @ -"),
                row("client_id with a slash", web().clientId("orders/web"), "client_id",
                        "must be 1 to 128 of A-Z a-z 0-9 . _ ~ : @ -"),
                row("blank name", web().name("   "), "name", "must be 1 to 200 characters"),
                row("name of 201 characters", web().name("n".repeat(201)), "name", "must be 1 to 200 characters"),
                row("web without redirect_uris", web().redirects(), "redirect_uris",
                        "a web application needs at least one"),
                row("spa without redirect_uris", spa().redirects(), "redirect_uris",
                        "a spa application needs at least one"),
                row("m2m with redirect_uris", m2m().redirects("https://a.example/cb"), "redirect_uris",
                        "an m2m application signs nobody in and has no redirect URIs"),
                row("m2m with post-logout redirect URIs", m2m().postLogout("https://a.example/"),
                        "post_logout_redirect_uris", "an m2m application signs nobody in and has no redirect URIs"),
                row("second redirect URI in plain http", web().redirects("https://a.example/cb", "http://a.example/cb"),
                        "redirect_uris[1]", "plain http is only allowed to the loopback addresses 127.0.0.1 and [::1]"),
                row("loopback http for a web application", web().redirects("http://127.0.0.1/cb"), "redirect_uris[0]",
                        String.format(PLAIN_LOOPBACK, "web")),
                row("loopback http for a spa", spa().redirects("http://[::1]/cb"), "redirect_uris[0]",
                        String.format(PLAIN_LOOPBACK, "spa")),
                row("wildcard redirect", spa().redirects("https://*.example.com/cb"), "redirect_uris[0]",
                        "must not contain '*': redirect URIs are compared exactly, there are no wildcards "
                                + "(RFC 9700 §2.1); register each URI in full"),
                row("custom scheme for a spa", spa().redirects("com.example.orders:/cb"), "redirect_uris[0]",
                        "must be https (native applications may use a reverse-domain private-use scheme)"),
                row("native with localhost", nativeApp().redirects("http://localhost:8080/cb"), "redirect_uris[0]",
                        "must use the loopback IP literal 127.0.0.1 or [::1], not localhost (RFC 8252 §8.3)"),
                row("redirect URI longer than the column", web().redirects("https://a.example/" + "p".repeat(2031)),
                        "redirect_uris[0]", "must be at most 2048 characters"),
                row("post-logout URI with a fragment", web().postLogout("https://a.example/", "https://a.example/#x"),
                        "post_logout_redirect_uris[1]", "must not have a fragment (RFC 6749 §3.1.2)"),
                row("relative post-logout URI", web().postLogout("/bye"), "post_logout_redirect_uris[0]",
                        "must be an absolute URI (RFC 6749 §3.1.2)"),
                row("unknown scope", web().scopes("openid", "orders:delete"), "scopes",
                        "scope 'orders:delete' is not defined"),
                row("m2m with openid", m2m().scopes("orders:read", "openid"), "scopes",
                        "'openid' needs a person; an m2m application cannot have it"),
                row("m2m with offline_access", m2m().scopes("offline_access"), "scopes",
                        "'offline_access' needs a person; an m2m application cannot have it"),
                row("default_scopes outside scopes", web().defaults("openid", "profile"), "default_scopes",
                        "must be a subset of scopes"),
                row("spa with a secret", spa().secret(SECRET), "secret", "a spa application is public and has no secret"),
                row("native with a secret", nativeApp().secret(SECRET), "secret",
                        "a native application is public and has no secret"),
                row("web secret of 31 characters", web().secret(SECRET.substring(1)), "secret",
                        "must be at least 32 characters"),
                row("m2m secret of 31 characters", m2m().secret(SECRET.substring(1)), "secret",
                        "must be at least 32 characters"),
                row("refresh_tokens for web", web().with(d -> d.refreshTokens = true), "refresh_tokens",
                        "is an opt-in for spa and native applications only (web applications get refresh tokens with "
                                + "offline_access, m2m applications never)"),
                row("refresh_tokens for m2m", m2m().with(d -> d.refreshTokens = true), "refresh_tokens",
                        "is an opt-in for spa and native applications only (web applications get refresh tokens with "
                                + "offline_access, m2m applications never)"),
                row("introspect_any for a spa", spa().with(d -> d.introspectAny = true), "introspect_any",
                        "only confidential applications may introspect"),
                row("max_token_lifetime_days 0", web().with(d -> d.maxTokenDays = 0), "max_token_lifetime_days",
                        "must be between 1 and 366"),
                row("max_token_lifetime_days 367", web().with(d -> d.maxTokenDays = 367), "max_token_lifetime_days",
                        "must be between 1 and 366"),
                row("password_grant for m2m", m2m().with(d -> d.passwordGrant = true), "password_grant",
                        "is only for confidential web applications"),
                row("password_grant for native", nativeApp().with(d -> d.passwordGrant = true), "password_grant",
                        "is only for confidential web applications"),
                row("implicit for a spa", spa().responseTypes(ResponseType.ID_TOKEN), "response_types",
                        "'id_token': hybrid and implicit responses are only for web applications"),
                row("hybrid for native", nativeApp().responseTypes(ResponseType.CODE_ID_TOKEN), "response_types",
                        "'code id_token': hybrid and implicit responses are only for web applications"),
                row("admin scope on a web application", web().scopes("openid", "latchkey:admin"), "scopes",
                        "the admin API's scopes (latchkey:admin, latchkey:admin.read) are only for m2m applications"),
                row("read-only admin scope on a spa", spa().scopes("openid", "latchkey:admin.read"), "scopes",
                        "the admin API's scopes (latchkey:admin, latchkey:admin.read) are only for m2m applications"),
                row("admin scope where every user may issue tokens", m2m().scopes("latchkey:admin")
                        .with(d -> d.accessTokens = AccessTokenPolicy.AUTHENTICATED_USERS), "access_tokens",
                        "must be None or AdministratorsOnly for an application with the admin API's scopes "
                                + "(otherwise anyone could issue a token carrying them)"),
                row("optional PKCE for a spa", spa().with(d -> d.pkce = PkcePolicy.OPTIONAL), "pkce",
                        "may only be optional for a confidential web application (a spa application must always "
                                + "use PKCE)"),
                row("optional PKCE for native", nativeApp().with(d -> d.pkce = PkcePolicy.OPTIONAL), "pkce",
                        "may only be optional for a confidential web application (a native application must always "
                                + "use PKCE)"),
                row("optional PKCE for m2m", m2m().with(d -> d.pkce = PkcePolicy.OPTIONAL), "pkce",
                        "may only be optional for a confidential web application (a m2m application must always "
                                + "use PKCE)"),
                row("implicit by fragment without an implicit type", web().responseTypes(ResponseType.CODE_ID_TOKEN)
                        .with(d -> d.implicitByFragment = true), "implicit_by_fragment",
                        "is only for a web application allowed an implicit response type (id_token or id_token token)"),
                row("implicit by fragment for a spa", spa().with(d -> d.implicitByFragment = true),
                        "implicit_by_fragment",
                        "is only for a web application allowed an implicit response type (id_token or id_token token)"),
                row("web origins for a web application", web().webOrigins("https://orders.example.com"),
                        "web_origins[0]", NO_WEB_ORIGINS),
                row("web origins for m2m", m2m().webOrigins("https://orders.example.com"), "web_origins[0]",
                        NO_WEB_ORIGINS),
                row("web origin with a path", spa().webOrigins("https://orders.example.com/spa"), "web_origins[0]",
                        "must be written as a browser sends it in the Origin header, without path: "
                                + "https://orders.example.com"),
                row("web origin with a trailing slash", spa().webOrigins("https://orders.example.com/"),
                        "web_origins[0]", "must be written as a browser sends it in the Origin header, without path: "
                                + "https://orders.example.com"),
                row("web origin in upper case", spa().webOrigins("https://Orders.example.com"), "web_origins[0]",
                        "must be written as a browser sends it in the Origin header, without path: "
                                + "https://orders.example.com"),
                row("web origin with the default port", spa().webOrigins("https://orders.example.com:443"),
                        "web_origins[0]", "must be written as a browser sends it in the Origin header, without path: "
                                + "https://orders.example.com"),
                row("wildcard web origin", spa().webOrigins("https://*.example.com"), "web_origins[0]",
                        "must not contain '*': origins are compared exactly, there are no wildcards"),
                row("web origin that is no origin", spa().webOrigins("null"), "web_origins[0]",
                        "must be an http(s) origin: scheme://host[:port]"),
                row("web origin of another scheme", spa().webOrigins("ftp://orders.example.com"), "web_origins[0]",
                        "must be an http(s) origin: scheme://host[:port]"),
                row("plain http web origin", spa().webOrigins("https://a.example", "http://orders.example.com"),
                        "web_origins[1]", "plain http is only allowed to the loopback addresses 127.0.0.1 and [::1]"),
                row("loopback http web origin outside development", spa().webOrigins("http://127.0.0.1:8080"),
                        "web_origins[0]", String.format(PLAIN_LOOPBACK, "spa")),
                row("web origin listed twice", spa().webOrigins("https://a.example", "https://a.example"),
                        "web_origins", "must not list an origin twice"));
    }

    @Test
    void allowsLoopbackWebOriginsInDevelopmentOnly() {
        Draft draft = spa().webOrigins("http://127.0.0.1:19126", "http://[::1]:8080");
        assertEquals(List.of(), ApplicationPolicy.check(draft.build(), KNOWN, true));
        assertEquals(2, check(draft).size());
    }

    @Test
    void warnsAboutEachWeakenedProtectionAndNothingElse() {
        assertEquals(List.of(), ApplicationPolicy.warnings(web().responseTypes(ResponseType.ID_TOKEN).build()));
        List<String> warnings = ApplicationPolicy.warnings(web().responseTypes(ResponseType.ID_TOKEN)
                .with(d -> d.pkce = PkcePolicy.OPTIONAL).with(d -> d.implicitByFragment = true).build());
        assertEquals(2, warnings.size(), warnings.toString());
        assertEquals(true, warnings.get(0).startsWith("pkce is optional"), warnings.get(0));
        assertEquals(true, warnings.get(1).startsWith("implicit_by_fragment"), warnings.get(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void namesTheFieldAndTheRule(String why, Draft draft, List<Violation> expected) {
        assertEquals(expected, check(draft));
    }

    static Stream<Arguments> validApplications() {
        return Stream.of(
                Arguments.of("web", web().postLogout("https://orders.example.com/").defaults("openid")
                        .responseTypes(ResponseType.CODE_ID_TOKEN, ResponseType.ID_TOKEN_TOKEN)
                        .with(d -> d.passwordGrant = true).with(d -> d.introspectAny = true)),
                Arguments.of("web without a secret (the server generates one)", web().noSecret()),
                Arguments.of("web with optional PKCE and implicit by fragment", web()
                        .responseTypes(ResponseType.ID_TOKEN, ResponseType.CODE_ID_TOKEN)
                        .with(d -> d.pkce = PkcePolicy.OPTIONAL).with(d -> d.implicitByFragment = true)),
                Arguments.of("spa with refresh tokens", spa().with(d -> d.refreshTokens = true)),
                Arguments.of("spa with web origins", spa().webOrigins("https://orders.example.com",
                        "https://orders.example.com:8443")),
                Arguments.of("native with a web origin", nativeApp().webOrigins("https://orders.example.com")),
                Arguments.of("native with loopback and private-use redirects",
                        nativeApp().redirects("http://127.0.0.1:8765/cb", "http://[::1]/cb", "com.example.orders:/cb")
                                .with(d -> d.refreshTokens = true)),
                Arguments.of("m2m with an empty default scope set", m2m().defaults()),
                Arguments.of("m2m with the admin scopes", m2m().scopes("latchkey:admin", "latchkey:admin.read")),
                Arguments.of("m2m with an admin scope whose tokens administrators issue", m2m()
                        .scopes("latchkey:admin.read").with(d -> d.accessTokens = AccessTokenPolicy.ADMINISTRATORS_ONLY)),
                Arguments.of("web where every user may issue tokens, without admin scopes", web()
                        .with(d -> d.accessTokens = AccessTokenPolicy.AUTHENTICATED_USERS)),
                Arguments.of("name of 200 characters, lifetimes at both bounds", web().name("n".repeat(200))
                        .with(d -> d.maxTokenDays = 366)),
                Arguments.of("lifetime of one day", m2m().with(d -> d.maxTokenDays = 1)),
                Arguments.of("client_id of 128 allowed characters", m2m().clientId("aZ09._~:@-".repeat(12) + "abcdefgh")),
                Arguments.of("redirect URI of exactly 2048 characters",
                        web().redirects("https://a.example/" + "p".repeat(2030))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validApplications")
    void findsNothingWrongWithAValidApplication(String why, Draft draft) {
        assertEquals(List.of(), check(draft));
    }

    @Test
    void reportsEveryViolationNotJustTheFirst() {
        Draft draft = spa().clientId("orders spa").redirects("http://a.example/cb", "https://a.example/cb#f")
                .scopes("openid", "orders:delete").defaults("profile").secret("short")
                .with(d -> d.passwordGrant = true).with(d -> d.maxTokenDays = 0);

        assertEquals(List.of(
                new Violation("client_id", "must be 1 to 128 of A-Z a-z 0-9 . _ ~ : @ -"),
                new Violation("redirect_uris[0]", "plain http is only allowed to the loopback addresses 127.0.0.1 and [::1]"),
                new Violation("redirect_uris[1]", "must not have a fragment (RFC 6749 §3.1.2)"),
                new Violation("scopes", "scope 'orders:delete' is not defined"),
                new Violation("default_scopes", "must be a subset of scopes"),
                new Violation("secret", "a spa application is public and has no secret"),
                new Violation("max_token_lifetime_days", "must be between 1 and 366"),
                new Violation("password_grant", "is only for confidential web applications")), check(draft));
    }

    @Test
    void letsEveryTypeUseLoopbackHttpInDevelopmentMode() {
        assertEquals(List.of(), ApplicationPolicy.check(web().redirects("http://127.0.0.1:8080/cb")
                .postLogout("http://[::1]/").build(), KNOWN, true));
        assertEquals(List.of(new Violation("redirect_uris[0]",
                        "plain http is only allowed to the loopback addresses 127.0.0.1 and [::1]")),
                ApplicationPolicy.check(spa().redirects("http://a.example/cb").build(), KNOWN, true),
                "development mode relaxes loopback only");
    }

    @Test
    void checksScopesAgainstTheScopesItIsGiven() {
        Draft draft = m2m().scopes("reports:read");

        assertEquals(List.of(new Violation("scopes", "scope 'reports:read' is not defined")), check(draft));
        assertEquals(List.of(), ApplicationPolicy.check(draft.build(), Set.of("reports:read"), false));
    }

    @Test
    void neverRepeatsTheSecretInAMessage() {
        String shortSecret = "a-secret-that-is-too-short";

        List<Violation> violations = check(web().secret(shortSecret));

        assertEquals(1, violations.size());
        assertEquals(-1, violations.get(0).message().indexOf(shortSecret));
    }

    private static final String PUBLIC_JWKS = new io.latchkey.authorize.RequestObjectSigner("k1", "k2").publicJwks();

    private static Draft signing(Optional<String> jwks, Optional<String> jwksUri, Optional<RequestObjectAlgorithm> alg,
                                 Optional<io.latchkey.key.SigningAlgorithm> idTokenAlg) {
        return web().with(d -> d.signing = new ClientSigning(jwks, jwksUri, alg, idTokenAlg));
    }

    static Stream<Arguments> brokenSigningRules() throws Exception {
        String privateJwks = "{\"keys\":[" + new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).generate()
                .toJSONString() + "]}";
        return Stream.of(
                row("jwks and jwks_uri", signing(Optional.of(PUBLIC_JWKS), Optional.of("https://rp.example.com/jwks"),
                        Optional.empty(), Optional.empty()), "jwks_uri", "cannot be given together with jwks"),
                row("a private key in jwks", signing(Optional.of(privateJwks), Optional.empty(), Optional.empty(),
                        Optional.empty()), "jwks", "must hold public keys only (a private or symmetric key was given)"),
                row("jwks that is not a JWK Set", signing(Optional.of("{\"keys\":[{\"kty\":\"RSA\"}]}"),
                        Optional.empty(), Optional.empty(), Optional.empty()), "jwks",
                        "is not a JWK Set (RFC 7517 §5) of RSA or EC keys"),
                row("jwks_uri over http", signing(Optional.empty(), Optional.of("http://rp.example.com/jwks"),
                        Optional.empty(), Optional.empty()), "jwks_uri",
                        "must use https (plain http only to a loopback host in development mode)"),
                row("jwks_uri over http to loopback outside development mode", signing(Optional.empty(),
                        Optional.of("http://127.0.0.1:9/jwks"), Optional.empty(), Optional.empty()), "jwks_uri",
                        "must use https (plain http only to a loopback host in development mode)"),
                row("a signed request_object_signing_alg without keys", signing(Optional.empty(), Optional.empty(),
                        Optional.of(RequestObjectAlgorithm.ES256), Optional.empty()), "request_object_signing_alg",
                        "needs the application's keys (jwks or jwks_uri)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenSigningRules")
    void keysAndAlgorithmsFollowTheirRules(String why, Draft draft, List<Violation> expected) {
        assertEquals(expected, check(draft), why);
    }

    @Test
    void acceptsKeysByValueOrReferenceAndNoneWithoutKeys() {
        assertEquals(List.of(), check(signing(Optional.of(PUBLIC_JWKS), Optional.empty(),
                Optional.of(RequestObjectAlgorithm.PS256), Optional.empty())));
        assertEquals(List.of(), check(signing(Optional.empty(), Optional.of("https://rp.example.com/jwks"),
                Optional.empty(), Optional.empty())));
        assertEquals(List.of(), check(signing(Optional.empty(), Optional.empty(),
                Optional.of(RequestObjectAlgorithm.NONE), Optional.empty())));
        assertEquals(List.of(), ApplicationPolicy.check(signing(Optional.empty(), Optional.of("http://127.0.0.1:9/j"),
                Optional.empty(), Optional.empty()).build(), KNOWN, true), "development mode: loopback http");
    }

    @Test
    void unsignedRequestObjectsAreAWarning() {
        assertEquals(1, ApplicationPolicy.warnings(signing(Optional.empty(), Optional.empty(),
                Optional.of(RequestObjectAlgorithm.NONE), Optional.empty()).build()).size());
        assertEquals(List.of(), ApplicationPolicy.warnings(signing(Optional.of(PUBLIC_JWKS), Optional.empty(),
                Optional.of(RequestObjectAlgorithm.RS256), Optional.empty()).build()));
    }

    @Test
    void theIdTokenAlgorithmMustBeAnEnabledOne() {
        Draft es256 = signing(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(io.latchkey.key.SigningAlgorithm.ES256));
        assertEquals(List.of(new Violation("id_token_signed_response_alg",
                        "must be one of the enabled signing algorithms (LATCHKEY_SIGNING_ALGORITHMS): PS256, RS256")),
                ApplicationPolicy.check(es256.build(), KNOWN, false, java.util.EnumSet.of(
                        io.latchkey.key.SigningAlgorithm.RS256, io.latchkey.key.SigningAlgorithm.PS256)));
        assertEquals(List.of(), ApplicationPolicy.check(es256.build(), KNOWN, false, java.util.EnumSet.of(
                io.latchkey.key.SigningAlgorithm.RS256, io.latchkey.key.SigningAlgorithm.ES256)));
    }

    /** An application definition under construction; valid until a test breaks it. */
    static final class Draft {
        String clientId;
        String name;
        final ClientType type;
        List<String> redirectUris = List.of();
        List<String> postLogout = List.of();
        Set<String> scopes = Set.of();
        Optional<Set<String>> defaults = Optional.empty();
        Optional<Secret> secret = Optional.empty();
        boolean refreshTokens;
        boolean introspectAny;
        boolean passwordGrant;
        AccessTokenPolicy accessTokens = AccessTokenPolicy.NONE;
        int maxTokenDays = 90;
        Set<ResponseType> responseTypes = Set.of(ResponseType.CODE);
        PkcePolicy pkce = PkcePolicy.REQUIRED;
        boolean implicitByFragment;
        List<String> webOrigins = List.of();
        ClientSigning signing = ClientSigning.DEFAULT;

        Draft(String clientId, ClientType type) {
            this.clientId = clientId;
            this.name = clientId;
            this.type = type;
        }

        Draft clientId(String value) {
            clientId = value;
            return this;
        }

        Draft name(String value) {
            name = value;
            return this;
        }

        Draft redirects(String... uris) {
            redirectUris = List.of(uris);
            return this;
        }

        Draft webOrigins(String... origins) {
            webOrigins = List.of(origins);
            return this;
        }

        Draft postLogout(String... uris) {
            postLogout = List.of(uris);
            return this;
        }

        Draft scopes(String... names) {
            scopes = new LinkedHashSet<>(List.of(names));
            return this;
        }

        Draft defaults(String... names) {
            defaults = Optional.of(new LinkedHashSet<>(List.of(names)));
            return this;
        }

        Draft secret(String value) {
            secret = Optional.of(Secret.of(value));
            return this;
        }

        Draft noSecret() {
            secret = Optional.empty();
            return this;
        }

        Draft responseTypes(ResponseType... more) {
            Set<ResponseType> all = new LinkedHashSet<>(List.of(ResponseType.CODE));
            all.addAll(List.of(more));
            responseTypes = all;
            return this;
        }

        Draft with(Consumer<Draft> change) {
            change.accept(this);
            return this;
        }

        ApplicationDefinition build() {
            return new ApplicationDefinition(clientId, name, type, redirectUris, postLogout, webOrigins, scopes,
                    defaults.orElse(scopes), secret, true, accessTokens, false, refreshTokens, introspectAny,
                    maxTokenDays, passwordGrant, responseTypes, false, pkce, implicitByFragment, signing);
        }

        @Override
        public String toString() {
            return clientId;
        }
    }
}
