package io.latchkey.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.account.AccountDefinition;
import io.latchkey.account.StandardClaims;
import io.latchkey.boot.ImportFile.Document;
import io.latchkey.testing.TestClaims;
import io.latchkey.boot.ImportFile.ImportException;
import io.latchkey.client.AccessTokenPolicy;
import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.ClientType;
import io.latchkey.consent.ScopeCatalog.Scope;
import io.latchkey.security.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImportFileTest {
    private static final Path FILE = Path.of("import.json");
    private static final String WEB_SECRET = "orders-web-secret-0123456789abcdefghijklmnop";
    private static final String BATCH_SECRET = "orders-batch-secret-0123456789abcdefghijklmno";
    private static final Map<String, String> ENV = Map.of(
            "ORDERS_WEB_SECRET", WEB_SECRET,
            "ORDERS_BATCH_SECRET", BATCH_SECRET,
            "ALICE_PASSWORD", "alice-password");

    /** DESIGN §8, verbatim. */
    private static final String DESIGN_EXAMPLE = """
            {
              "scopes": [ { "name": "api:read", "description": "Read your orders" } ],
              "applications": [
                { "client_id": "orders-web", "name": "Orders", "type": "web",
                  "redirect_uris": ["https://orders.example.com/callback"],
                  "post_logout_redirect_uris": ["https://orders.example.com/"],
                  "scopes": ["openid", "profile", "email", "offline_access", "api:read"],
                  "secret": "${env:ORDERS_WEB_SECRET}", "enabled": true },
                { "client_id": "orders-spa", "type": "spa", "redirect_uris": ["https://orders.example.com/spa/cb"], "scopes": ["openid", "api:read"] },
                { "client_id": "orders-batch", "type": "m2m", "scopes": ["api:read", "api:write"], "secret": "${env:ORDERS_BATCH_SECRET}",
                  "access_tokens": "AdministratorsOnly" }
              ],
              "users": [ { "username": "alice", "password": "${env:ALICE_PASSWORD}", "name": "Alice Example",
                           "email": "alice@example.com", "admin": false } ]
            }
            """;

    private static Document parse(String json) {
        return ImportFile.parse(FILE, json, ENV::get, false);
    }

    /** Single quotes in test JSON stand for double quotes. */
    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static Document parseApplications(String applications) {
        return parse(json("{ 'scopes': [ { 'name': 'api:read', 'description': 'Read' },"
                + " { 'name': 'api:write', 'description': 'Write' } ], 'applications': [ " + applications + " ] }"));
    }

    private static ApplicationDefinition application(Document document, String clientId) {
        return document.applications().stream().filter(a -> a.clientId().equals(clientId)).findFirst().orElseThrow();
    }

    @Test
    void parsesTheDesignExampleOnceApiWriteIsDefined() {
        Document document = parse(DESIGN_EXAMPLE.replace(
                "[ { \"name\": \"api:read\", \"description\": \"Read your orders\" } ]",
                "[ { \"name\": \"api:read\", \"description\": \"Read your orders\" },"
                        + " { \"name\": \"api:write\", \"description\": \"Change your orders\" } ]"));

        assertEquals(List.of(new Scope("api:read", "Read your orders", Optional.empty()),
                new Scope("api:write", "Change your orders", Optional.empty())), document.scopes());
        assertEquals(List.of("orders-web", "orders-spa", "orders-batch"),
                document.applications().stream().map(ApplicationDefinition::clientId).toList());
        assertEquals(List.of(new AccountDefinition("alice", Optional.of(Secret.of("alice-password")), "Alice Example",
                Optional.of("alice@example.com"), false, false, true)), document.users());

        ApplicationDefinition web = application(document, "orders-web");
        assertEquals(ClientType.WEB, web.type());
        assertEquals("Orders", web.name());
        assertEquals(Optional.of(Secret.of(WEB_SECRET)), web.secret());
        assertEquals(List.of("https://orders.example.com/callback"), web.redirectUris());
        assertEquals(List.of("https://orders.example.com/"), web.postLogoutRedirectUris());
        assertEquals(List.of("openid", "profile", "email", "offline_access", "api:read"), List.copyOf(web.scopes()));
        assertEquals(web.scopes(), web.defaultScopes(), "default_scopes default to all scopes");
        assertTrue(web.enabled());

        ApplicationDefinition spa = application(document, "orders-spa");
        assertEquals(ClientType.SPA, spa.type());
        assertEquals("orders-spa", spa.name(), "the name defaults to the client_id");
        assertEquals(Optional.empty(), spa.secret());
        assertEquals(AccessTokenPolicy.NONE, spa.accessTokens());

        ApplicationDefinition batch = application(document, "orders-batch");
        assertEquals(ClientType.M2M, batch.type());
        assertEquals(Optional.of(Secret.of(BATCH_SECRET)), batch.secret());
        assertEquals(AccessTokenPolicy.ADMINISTRATORS_ONLY, batch.accessTokens());
        assertEquals(List.of(), batch.redirectUris());
    }

    @Test
    void parsesTheReadmeExample() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        Matcher example = Pattern.compile("(?s)### Applications, scopes and the import file.*?```json\\n(.*?)```")
                .matcher(readme);
        assertTrue(example.find(), "README.md has the import file example");

        Document document = ImportFile.parse(FILE, example.group(1), name -> "x".repeat(40), false);

        assertFalse(document.applications().isEmpty());
    }

    @Test
    void readsEveryStandardClaimOfAUserTrimmed() {
        Document document = parse(json("{ 'users': [ { 'username': 'alice', 'given_name': ' Alice ',"
                + " 'family_name': 'Liddell', 'middle_name': 'Pleasance', 'nickname': 'Al', 'preferred_username': 'alice.l',"
                + " 'profile': 'https://example.com/alice', 'picture': 'https://example.com/alice.png',"
                + " 'website': 'https://alice.example.com', 'gender': 'female', 'birthdate': '0000-05-04',"
                + " 'zoneinfo': 'Europe/London', 'locale': 'en-GB', 'phone_number': '+441865270000',"
                + " 'phone_number_verified': true, 'address': { 'formatted': 'Christ Church, Oxford OX1 1DP',"
                + " 'street_address': 'St Aldate\\u0027s', 'locality': 'Oxford', 'region': 'Oxfordshire',"
                + " 'postal_code': 'OX1 1DP', 'country': 'GB' } } ] }"));

        assertEquals(TestClaims.EVERY_CLAIM, document.users().get(0).claims());
    }

    /** The import files the conformance kit runs with give the test account every standard claim. */
    @ParameterizedTest
    @ValueSource(strings = {"src/conformance/import-code.json", "src/conformance/import-optin.json"})
    void theConformanceImportFilesGiveTheirUserEveryStandardClaim(String file) throws IOException {
        Document document = ImportFile.parse(FILE, Files.readString(Path.of(file), StandardCharsets.UTF_8),
                name -> name.endsWith("URI") ? "https://localhost.emobix.co.uk:8443/test/a/latchkey/callback"
                        : "x".repeat(40), false);

        StandardClaims claims = document.users().get(0).claims();
        assertTrue(claims.fieldsChangedIn(StandardClaims.NONE).containsAll(List.of("given_name", "family_name",
                "middle_name", "nickname", "preferred_username", "profile", "picture", "website", "gender",
                "birthdate", "zoneinfo", "locale", "phone_number", "phone_number_verified", "address")), file);
        assertTrue(document.applications().stream().allMatch(a -> a.scopes().containsAll(
                List.of("openid", "profile", "email", "address", "phone"))), file);
    }

    @Test
    void acceptsAnEmptyFile() {
        assertEquals(new Document(List.of(), List.of(), List.of()), parse("{}"));
    }

    @Test
    void substitutesEnvironmentReferencesInsideLongerValues() {
        UnaryOperator<String> env = Map.of("HOST", "orders.example.com", "ODD", "a$1\\b")::get;

        Document document = ImportFile.parse(FILE, json("{ 'applications': [ { 'client_id': 'web', 'type': 'web',"
                + " 'name': '${env:ODD}', 'redirect_uris': ['https://${env:HOST}/cb', 'https://${env:HOST}:8443/${env:HOST}'] } ] }"),
                env, false);

        ApplicationDefinition web = document.applications().get(0);
        assertEquals(List.of("https://orders.example.com/cb", "https://orders.example.com:8443/orders.example.com"),
                web.redirectUris());
        assertEquals("a$1\\b", web.name(), "replacement text is taken literally");
    }

    @Test
    void treatsAnEmptyEnvironmentValueAsAbsent() {
        Document document = ImportFile.parse(FILE, json("{ 'applications': [ { 'client_id': 'batch', 'type': 'm2m',"
                + " 'secret': '${env:EMPTY}' } ] }"), Map.of("EMPTY", "")::get, false);

        assertEquals(Optional.empty(), document.applications().get(0).secret());
    }

    @Test
    void acceptsLoopbackHttpAndReverseDomainSchemesForNativeApplications() {
        ApplicationDefinition app = parseApplications(json("{ 'client_id': 'cli', 'type': 'native', 'redirect_uris':"
                + " ['http://127.0.0.1:8765/cb', 'http://[::1]/cb', 'com.example.cli:/oauth'] }"))
                .applications().get(0);

        assertEquals(3, app.redirectUris().size());
    }

    @Test
    void acceptsLoopbackHttpForAWebApplicationOnlyInDevelopmentMode() {
        String web = json("{ 'applications': [ { 'client_id': 'web', 'type': 'web',"
                + " 'redirect_uris': ['http://127.0.0.1:8765/cb'], 'post_logout_redirect_uris': ['http://[::1]/'] } ] }");

        ImportException e = assertThrows(ImportException.class, () -> ImportFile.parse(FILE, web, ENV::get, false));
        String problem = " plain http to a loopback address is only for native applications (a web application "
                + "needs https, or LATCHKEY_DEV_MODE=true)";
        assertEquals("LATCHKEY_IMPORT " + FILE + ": applications[0] (web).redirect_uris[0]" + problem + "\n"
                + "LATCHKEY_IMPORT " + FILE + ": applications[0] (web).post_logout_redirect_uris[0]" + problem,
                e.getMessage(), "every violation of the entry, one line each");
        assertEquals(List.of("http://127.0.0.1:8765/cb"),
                ImportFile.parse(FILE, web, ENV::get, true).applications().get(0).redirectUris());
    }

    @Test
    void readsWebOriginsAndHoldsThemToThePolicy() {
        ApplicationDefinition app = parseApplications(json("{ 'client_id': 'spa', 'type': 'spa', 'redirect_uris':"
                + " ['https://spa.example.com/cb'], 'web_origins': ['https://pages.example.com'] }"))
                .applications().get(0);
        assertEquals(List.of("https://pages.example.com"), app.webOrigins());

        String withPath = json("{ 'applications': [ { 'client_id': 'spa', 'type': 'spa',"
                + " 'redirect_uris': ['https://spa.example.com/cb'], 'web_origins': ['https://spa.example.com/'] } ] }");
        ImportException e = assertThrows(ImportException.class,
                () -> ImportFile.parse(FILE, withPath, ENV::get, false));
        assertEquals("LATCHKEY_IMPORT " + FILE + ": applications[0] (spa).web_origins[0] must be written as a browser "
                + "sends it in the Origin header, without path: https://spa.example.com", e.getMessage());
    }

    @Test
    void readsDefaultScopesEnabledAndAccessTokens() {
        ApplicationDefinition app = parseApplications(json("{ 'client_id': 'batch', 'type': 'm2m',"
                + " 'scopes': ['api:read', 'api:write'], 'default_scopes': ['api:read'], 'enabled': false,"
                + " 'access_tokens': 'AuthenticatedUsers' }")).applications().get(0);

        assertEquals(Set.of("api:read"), app.defaultScopes());
        assertFalse(app.enabled());
        assertEquals(AccessTokenPolicy.AUTHENTICATED_USERS, app.accessTokens());
    }

    @Test
    void readsKeysAndSigningAlgorithms() {
        String jwks = new io.latchkey.authorize.RequestObjectSigner("k1", "k2").publicJwks();
        ApplicationDefinition app = parseApplications(json("{ 'client_id': 'rp', 'type': 'web',"
                + " 'redirect_uris': ['https://rp.example/cb'], 'jwks': " + jwks.replace('"', '\'') + ","
                + " 'request_object_signing_alg': 'ES256', 'id_token_signed_response_alg': 'PS256' }"))
                .applications().get(0);
        assertEquals(readTree(jwks), readTree(app.signing().jwks().orElseThrow()));
        assertEquals(Optional.of(io.latchkey.client.RequestObjectAlgorithm.ES256),
                app.signing().requestObjectAlgorithm());
        assertEquals(Optional.of(io.latchkey.key.SigningAlgorithm.PS256), app.signing().idTokenAlgorithm());

        ImportException notEnabled = assertThrows(ImportException.class, () -> ImportFile.parse(FILE, json(
                "{ 'applications': [ { 'client_id': 'rp', 'type': 'web', 'redirect_uris': ['https://rp.example/cb'],"
                        + " 'id_token_signed_response_alg': 'ES256' } ] }"), ENV::get, false,
                java.util.List.of(io.latchkey.key.SigningAlgorithm.RS256)));
        assertTrue(notEnabled.getMessage().contains("applications[0] (rp).id_token_signed_response_alg must be one "
                + "of the enabled signing algorithms (LATCHKEY_SIGNING_ALGORITHMS): RS256"), notEnabled::getMessage);
    }

    @Test
    void readsTheTokenLifetimesNullOrAbsentForTheServersSettings() {
        Document document = parseApplications(json("{ 'client_id': 'rp', 'type': 'web',"
                + " 'redirect_uris': ['https://rp.example/cb'], 'access_token_lifetime': null,"
                + " 'refresh_token_idle_lifetime': 600, 'refresh_token_max_lifetime': 7200 },"
                + " { 'client_id': 'batch', 'type': 'm2m' }"));
        assertEquals(io.latchkey.client.TokenLifetimes.ofSeconds(null, 600L, 7200L),
                application(document, "rp").lifetimes());
        assertEquals(io.latchkey.client.TokenLifetimes.SERVER_DEFAULTS, application(document, "batch").lifetimes());

        // Only the maximum set: compared with the server's idle lifetime, as the server is configured.
        String maxOnly = json("{ 'applications': [ { 'client_id': 'rp', 'type': 'web', "
                + "'redirect_uris': ['https://rp.example/cb'], 'refresh_token_max_lifetime': 3600 } ] }");
        ImportException shorter = assertThrows(ImportException.class, () -> ImportFile.parse(FILE, maxOnly, ENV::get,
                false, java.util.List.of(io.latchkey.key.SigningAlgorithm.RS256),
                new io.latchkey.config.ServerTokenLifetimes(java.time.Duration.ofHours(1),
                        java.time.Duration.ofHours(2), java.time.Duration.ofDays(1))));
        assertTrue(shorter.getMessage().contains("applications[0] (rp).refresh_token_max_lifetime must not be shorter "
                + "than the server's refresh token idle lifetime (LATCHKEY_REFRESH_TOKEN_IDLE_TTL), 7200 seconds"),
                shorter::getMessage);
        assertEquals(java.util.Optional.of(java.time.Duration.ofHours(1)), ImportFile.parse(FILE, maxOnly, ENV::get,
                false, java.util.List.of(io.latchkey.key.SigningAlgorithm.RS256),
                new io.latchkey.config.ServerTokenLifetimes(java.time.Duration.ofHours(1),
                        java.time.Duration.ofMinutes(30), java.time.Duration.ofDays(1))).applications().get(0)
                .lifetimes().refreshMax());
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void acceptsAnEmptyDefaultScopeSet() {
        ApplicationDefinition app = parseApplications(json("{ 'client_id': 'batch', 'type': 'm2m',"
                + " 'scopes': ['api:read'], 'default_scopes': [] }")).applications().get(0);

        assertEquals(Set.of(), app.defaultScopes());
    }

    @Test
    void letsTheFileDescribeAStandardScopeOnce() {
        Document document = parse(json("{ 'scopes': [ { 'name': 'profile', 'description': 'Your profile' } ] }"));

        assertEquals(List.of(new Scope("profile", "Your profile", Optional.empty())), document.scopes());
    }

    static Stream<Arguments> badFiles() {
        String app = "{ 'scopes': [ { 'name': 'api:read', 'description': 'Read' } ], 'applications': [ "
                + "{ 'client_id': 'orders-web', 'type': 'web', 'redirect_uris': ['https://orders.example.com/cb'] }, %s ] }";
        return Stream.of(
                Arguments.of("unset environment variable",
                        String.format(app, "{ 'client_id': 'orders-batch', 'type': 'm2m', 'secret': '${env:NOPE}' }"),
                        "applications[1] (orders-batch).secret"),
                Arguments.of("unset environment variable in a list",
                        String.format(app, "{ 'client_id': 'spa', 'type': 'spa', 'redirect_uris': ['https://${env:NOPE}/cb'] }"),
                        "applications[1] (spa).redirect_uris[0]"),
                Arguments.of("unknown top-level field", "{ 'clients': [] }", "clients"),
                Arguments.of("unknown application field",
                        String.format(app, "{ 'client_id': 'orders-spa', 'type': 'spa', 'colour': 'red' }"),
                        "applications[1].colour"),
                Arguments.of("unknown scope field",
                        "{ 'scopes': [ { 'name': 'a', 'description': 'A', 'owner': 'me' } ] }", "scopes[0].owner"),
                Arguments.of("unknown user field",
                        "{ 'users': [ { 'username': 'alice', 'role': 'admin' } ] }", "users[0].role"),
                Arguments.of("not an object", "[]", "file"),
                Arguments.of("not JSON", "{ 'applications': [ ", "file"),
                Arguments.of("duplicate JSON keys",
                        "{ 'applications': [ { 'client_id': 'a', 'client_id': 'b', 'type': 'm2m' } ] }", "file"),
                Arguments.of("applications not an array", "{ 'applications': {} }", "applications"),
                Arguments.of("application not an object", "{ 'applications': [ 'orders-web' ] }", "applications[0]"),
                Arguments.of("client_id not a string", "{ 'applications': [ { 'client_id': 7, 'type': 'm2m' } ] }",
                        "applications[0].client_id"),
                Arguments.of("missing client_id", "{ 'applications': [ { 'type': 'm2m' } ] }",
                        "applications[0].client_id"),
                Arguments.of("client_id with a space", "{ 'applications': [ { 'client_id': 'orders web', 'type': 'm2m' } ] }",
                        "applications[0].client_id"),
                Arguments.of("enabled not a boolean",
                        String.format(app, "{ 'client_id': 'orders-batch', 'type': 'm2m', 'enabled': 'yes' }"),
                        "applications[1] (orders-batch).enabled"),
                Arguments.of("redirect_uris not an array",
                        String.format(app, "{ 'client_id': 'orders-spa', 'type': 'spa', 'redirect_uris': 'https://a.example/cb' }"),
                        "applications[1] (orders-spa).redirect_uris"),
                Arguments.of("scope not a string",
                        String.format(app, "{ 'client_id': 'orders-batch', 'type': 'm2m', 'scopes': [1] }"),
                        "applications[1] (orders-batch).scopes[0]"),
                Arguments.of("duplicate client_id",
                        String.format(app, "{ 'client_id': 'orders-web', 'type': 'm2m' }"), "applications[1]"),
                Arguments.of("m2m with redirect_uris",
                        String.format(app, "{ 'client_id': 'orders-batch', 'type': 'm2m', 'redirect_uris': ['https://a.example/cb'] }"),
                        "applications[1] (orders-batch).redirect_uris"),
                Arguments.of("m2m with post-logout redirect_uris",
                        String.format(app, "{ 'client_id': 'orders-batch', 'type': 'm2m', 'post_logout_redirect_uris': ['https://a.example/'] }"),
                        "applications[1] (orders-batch).post_logout_redirect_uris"),
                Arguments.of("m2m with openid",
                        String.format(app, "{ 'client_id': 'orders-batch', 'type': 'm2m', 'scopes': ['api:read', 'openid'] }"),
                        "applications[1] (orders-batch).scopes"),
                Arguments.of("spa with a secret",
                        String.format(app, "{ 'client_id': 'orders-spa', 'type': 'spa', 'redirect_uris': ['https://a.example/cb'],"
                                + " 'secret': '0123456789012345678901234567890123456789' }"),
                        "applications[1] (orders-spa).secret"),
                Arguments.of("native with a secret",
                        String.format(app, "{ 'client_id': 'cli', 'type': 'native', 'redirect_uris': ['com.example.cli:/cb'],"
                                + " 'secret': '0123456789012345678901234567890123456789' }"),
                        "applications[1] (cli).secret"),
                Arguments.of("secret shorter than 32 characters",
                        String.format(app, "{ 'client_id': 'orders-batch', 'type': 'm2m', 'secret': 'only-31-characters-long-secret!' }"),
                        "applications[1] (orders-batch).secret"),
                Arguments.of("unknown scope",
                        String.format(app, "{ 'client_id': 'orders-batch', 'type': 'm2m', 'scopes': ['api:delete'] }"),
                        "applications[1] (orders-batch).scopes"),
                Arguments.of("default_scopes not a subset",
                        String.format(app, "{ 'client_id': 'orders-batch', 'type': 'm2m', 'scopes': ['api:read'],"
                                + " 'default_scopes': ['api:read', 'profile'] }"),
                        "applications[1] (orders-batch).default_scopes"),
                Arguments.of("application name longer than the column's 200 characters",
                        String.format(app, "{ 'client_id': 'orders-batch', 'type': 'm2m', 'name': '" + "n".repeat(201) + "' }"),
                        "applications[1] (orders-batch).name"),
                Arguments.of("blank application name",
                        String.format(app, "{ 'client_id': 'orders-batch', 'type': 'm2m', 'name': '   ' }"),
                        "applications[1] (orders-batch).name"),
                Arguments.of("redirect URI longer than the column's 2048 characters",
                        String.format(app, "{ 'client_id': 'orders-spa', 'type': 'spa', 'redirect_uris':"
                                + " ['https://a.example/" + "p".repeat(2031) + "'] }"),
                        "applications[1] (orders-spa).redirect_uris[0]"),
                Arguments.of("hybrid response type for a spa",
                        String.format(app, "{ 'client_id': 'orders-spa', 'type': 'spa', 'redirect_uris': ['https://a.example/cb'],"
                                + " 'response_types': ['code id_token'] }"),
                        "applications[1] (orders-spa).response_types"),
                Arguments.of("unknown response type",
                        String.format(app, "{ 'client_id': 'rp', 'type': 'web', 'redirect_uris': ['https://a.example/cb'],"
                                + " 'response_types': ['code', 'token'] }"),
                        "applications[1] (rp).response_types[1]"),
                Arguments.of("access_token_lifetime below the setting's bounds",
                        String.format(app, "{ 'client_id': 'orders-batch', 'type': 'm2m', 'access_token_lifetime': 59 }"),
                        "applications[1] (orders-batch).access_token_lifetime"),
                Arguments.of("access_token_lifetime not a whole number",
                        String.format(app, "{ 'client_id': 'orders-batch', 'type': 'm2m', 'access_token_lifetime': '1h' }"),
                        "applications[1] (orders-batch).access_token_lifetime"),
                Arguments.of("refresh token lifetime for an m2m application",
                        String.format(app, "{ 'client_id': 'orders-batch', 'type': 'm2m', "
                                + "'refresh_token_max_lifetime': 3600 }"),
                        "applications[1] (orders-batch).refresh_token_max_lifetime"),
                Arguments.of("refresh idle lifetime longer than the maximum",
                        String.format(app, "{ 'client_id': 'rp', 'type': 'web', 'redirect_uris': ['https://a.example/cb'],"
                                + " 'refresh_token_idle_lifetime': 7201, 'refresh_token_max_lifetime': 7200 }"),
                        "applications[1] (rp).refresh_token_idle_lifetime"),
                Arguments.of("max_token_lifetime_days above 366",
                        String.format(app, "{ 'client_id': 'orders-batch', 'type': 'm2m', 'max_token_lifetime_days': 367 }"),
                        "applications[1] (orders-batch).max_token_lifetime_days"),
                Arguments.of("refresh_tokens for a web application",
                        String.format(app, "{ 'client_id': 'rp', 'type': 'web', 'redirect_uris': ['https://a.example/cb'],"
                                + " 'refresh_tokens': true }"),
                        "applications[1] (rp).refresh_tokens"),
                Arguments.of("introspect_any for a spa",
                        String.format(app, "{ 'client_id': 'orders-spa', 'type': 'spa', 'redirect_uris': ['https://a.example/cb'],"
                                + " 'introspect_any': true }"),
                        "applications[1] (orders-spa).introspect_any"),
                Arguments.of("password_grant for m2m",
                        String.format(app, "{ 'client_id': 'orders-batch', 'type': 'm2m', 'password_grant': true }"),
                        "applications[1] (orders-batch).password_grant"),
                Arguments.of("bad type",
                        String.format(app, "{ 'client_id': 'desk', 'type': 'desktop' }"), "applications[1] (desk).type"),
                Arguments.of("missing type", String.format(app, "{ 'client_id': 'desk' }"), "applications[1] (desk).type"),
                Arguments.of("bad access_tokens",
                        String.format(app, "{ 'client_id': 'orders-batch', 'type': 'm2m', 'access_tokens': 'Everyone' }"),
                        "applications[1] (orders-batch).access_tokens"),
                Arguments.of("interactive without redirect_uris",
                        String.format(app, "{ 'client_id': 'orders-spa', 'type': 'spa' }"),
                        "applications[1] (orders-spa).redirect_uris"),
                Arguments.of("http redirect to a non-loopback host",
                        String.format(app, "{ 'client_id': 'orders-spa', 'type': 'spa', 'redirect_uris':"
                                + " ['https://a.example/cb', 'http://orders.example.com/cb'] }"),
                        "applications[1] (orders-spa).redirect_uris[1]"),
                Arguments.of("http redirect to a host that starts like loopback",
                        String.format(app, "{ 'client_id': 'orders-spa', 'type': 'spa', 'redirect_uris':"
                                + " ['http://127.0.0.1.example.com/cb'] }"),
                        "applications[1] (orders-spa).redirect_uris[0]"),
                Arguments.of("wildcard in a redirect path",
                        String.format(app, "{ 'client_id': 'rp', 'type': 'web', 'redirect_uris': ['https://rp.example/*'] }"),
                        "applications[1] (rp).redirect_uris[0]"),
                Arguments.of("wildcard in a redirect host",
                        String.format(app, "{ 'client_id': 'rp', 'type': 'spa', 'redirect_uris':"
                                + " ['https://a.example/cb', 'https://*.rp.example/cb'] }"),
                        "applications[1] (rp).redirect_uris[1]"),
                Arguments.of("wildcard in a post-logout redirect",
                        String.format(app, "{ 'client_id': 'rp', 'type': 'web', 'redirect_uris': ['https://rp.example/cb'],"
                                + " 'post_logout_redirect_uris': ['https://rp.example/*'] }"),
                        "applications[1] (rp).post_logout_redirect_uris[0]"),
                Arguments.of("loopback http for a web application outside development mode",
                        String.format(app, "{ 'client_id': 'rp', 'type': 'web', 'redirect_uris': ['http://127.0.0.1/cb'] }"),
                        "applications[1] (rp).redirect_uris[0]"),
                Arguments.of("localhost instead of a loopback IP literal",
                        String.format(app, "{ 'client_id': 'cli', 'type': 'native', 'redirect_uris': ['http://localhost:1234/'] }"),
                        "applications[1] (cli).redirect_uris[0]"),
                Arguments.of("fragment in a redirect",
                        String.format(app, "{ 'client_id': 'orders-spa', 'type': 'spa', 'redirect_uris': ['https://a.example/cb#x'] }"),
                        "applications[1] (orders-spa).redirect_uris[0]"),
                Arguments.of("relative redirect",
                        String.format(app, "{ 'client_id': 'orders-spa', 'type': 'spa', 'redirect_uris': ['/cb'] }"),
                        "applications[1] (orders-spa).redirect_uris[0]"),
                Arguments.of("invalid redirect URI",
                        String.format(app, "{ 'client_id': 'orders-spa', 'type': 'spa', 'redirect_uris': ['https://a b/cb'] }"),
                        "applications[1] (orders-spa).redirect_uris[0]"),
                Arguments.of("custom scheme for a web application",
                        String.format(app, "{ 'client_id': 'web2', 'type': 'web', 'redirect_uris': ['com.example.orders:/cb'] }"),
                        "applications[1] (web2).redirect_uris[0]"),
                Arguments.of("custom scheme without a dot for a native application",
                        String.format(app, "{ 'client_id': 'cli', 'type': 'native', 'redirect_uris': ['myapp:/cb'] }"),
                        "applications[1] (cli).redirect_uris[0]"),
                Arguments.of("bad post-logout redirect",
                        String.format(app, "{ 'client_id': 'orders-spa', 'type': 'spa', 'redirect_uris': ['https://a.example/cb'],"
                                + " 'post_logout_redirect_uris': ['http://a.example/'] }"),
                        "applications[1] (orders-spa).post_logout_redirect_uris[0]"),
                Arguments.of("bad scope name", "{ 'scopes': [ { 'name': 'api read', 'description': 'Read' } ] }",
                        "scopes[0].name"),
                Arguments.of("scope without description", "{ 'scopes': [ { 'name': 'api:read' } ] }",
                        "scopes[0] (api:read).description"),
                Arguments.of("relative audience",
                        "{ 'scopes': [ { 'name': 'api:read', 'description': 'Read', 'audience': 'orders' } ] }",
                        "scopes[0] (api:read).audience"),
                Arguments.of("scope description longer than the column's 512 characters",
                        "{ 'scopes': [ { 'name': 'api:read', 'description': '" + "d".repeat(513) + "' } ] }",
                        "scopes[0] (api:read).description"),
                Arguments.of("blank scope description", "{ 'scopes': [ { 'name': 'api:read', 'description': ' ' } ] }",
                        "scopes[0] (api:read).description"),
                Arguments.of("audience longer than the column's 512 characters",
                        "{ 'scopes': [ { 'name': 'api:read', 'description': 'Read', 'audience': 'https://api.example/"
                                + "a".repeat(500) + "' } ] }",
                        "scopes[0] (api:read).audience"),
                Arguments.of("scope defined twice",
                        "{ 'scopes': [ { 'name': 'a', 'description': 'A' }, { 'name': 'a', 'description': 'B' } ] }",
                        "scopes[1]"),
                Arguments.of("user without username", "{ 'users': [ { 'name': 'Alice' } ] }", "users[0].username"),
                Arguments.of("user not an object", "{ 'users': [ 'alice' ] }", "users[0]"),
                Arguments.of("users not an array", "{ 'users': {} }", "users"),
                Arguments.of("username with a space", "{ 'users': [ { 'username': 'alice smith' } ] }",
                        "users[0].username"),
                Arguments.of("username longer than 128", "{ 'users': [ { 'username': '" + "a".repeat(129) + "' } ] }",
                        "users[0].username"),
                Arguments.of("username not a string", "{ 'users': [ { 'username': 7 } ] }", "users[0].username"),
                Arguments.of("username defined twice ignoring case",
                        "{ 'users': [ { 'username': 'alice' }, { 'username': 'Alice' } ] }", "users[1]"),
                Arguments.of("password shorter than 12 characters",
                        "{ 'users': [ { 'username': 'alice', 'password': 'eleven-char' } ] }",
                        "users[0] (alice).password"),
                Arguments.of("password from an unset variable",
                        "{ 'users': [ { 'username': 'alice', 'password': '${env:NOPE}' } ] }",
                        "users[0] (alice).password"),
                Arguments.of("name too long", "{ 'users': [ { 'username': 'alice', 'name': '" + "n".repeat(201) + "' } ] }",
                        "users[0] (alice).name"),
                Arguments.of("email without @", "{ 'users': [ { 'username': 'alice', 'email': 'alice.example.com' } ] }",
                        "users[0] (alice).email"),
                Arguments.of("email without a domain dot", "{ 'users': [ { 'username': 'alice', 'email': 'alice@example' } ] }",
                        "users[0] (alice).email"),
                Arguments.of("email with a space", "{ 'users': [ { 'username': 'alice', 'email': 'alice @example.com' } ] }",
                        "users[0] (alice).email"),
                Arguments.of("email_verified without email",
                        "{ 'users': [ { 'username': 'alice', 'email_verified': true } ] }",
                        "users[0] (alice).email_verified"),
                Arguments.of("email_verified not a boolean",
                        "{ 'users': [ { 'username': 'alice', 'email': 'a@example.com', 'email_verified': 'yes' } ] }",
                        "users[0] (alice).email_verified"),
                Arguments.of("admin not a boolean", "{ 'users': [ { 'username': 'alice', 'admin': 1 } ] }",
                        "users[0] (alice).admin"),
                Arguments.of("enabled not a boolean", "{ 'users': [ { 'username': 'alice', 'enabled': 'no' } ] }",
                        "users[0] (alice).enabled"),
                Arguments.of("birthdate of another format",
                        "{ 'users': [ { 'username': 'alice', 'birthdate': '31/01/2000' } ] }",
                        "users[0] (alice).birthdate"),
                Arguments.of("given_name not a string", "{ 'users': [ { 'username': 'alice', 'given_name': 1 } ] }",
                        "users[0] (alice).given_name"),
                Arguments.of("phone_number_verified not a boolean",
                        "{ 'users': [ { 'username': 'alice', 'phone_number': '+15555550100', "
                                + "'phone_number_verified': 'yes' } ] }", "users[0] (alice).phone_number_verified"),
                Arguments.of("address not an object", "{ 'users': [ { 'username': 'alice', 'address': 'Oxford' } ] }",
                        "users[0] (alice).address"),
                Arguments.of("unknown address member",
                        "{ 'users': [ { 'username': 'alice', 'address': { 'city': 'Oxford' } } ] }",
                        "users[0] (alice).address.city"),
                Arguments.of("address member not a string",
                        "{ 'users': [ { 'username': 'alice', 'address': { 'country': 2 } } ] }",
                        "users[0] (alice).address.country"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void stopsStartUpNamingTheEntryAndField(String why, String singleQuoted, String field) {
        ImportException e = assertThrows(ImportException.class, () -> parse(json(singleQuoted)));

        assertTrue(e.getMessage().startsWith("LATCHKEY_IMPORT import.json: " + field + " "),
                () -> "expected '" + field + "' in: " + e.getMessage());
    }

    @Test
    void readsUsersWithTheirDefaults() {
        Document document = parse(json("{ 'users': [ { 'username': ' Bob.Smith@corp ' },"
                + " { 'username': 'carol', 'password': '${env:ALICE_PASSWORD}', 'name': 'Carol C', 'email': 'carol@example.com',"
                + " 'email_verified': true, 'admin': true, 'enabled': false } ] }"));

        assertEquals(List.of(
                new AccountDefinition("Bob.Smith@corp", Optional.empty(), "Bob.Smith@corp", Optional.empty(), false,
                        false, true),
                new AccountDefinition("carol", Optional.of(Secret.of("alice-password")), "Carol C",
                        Optional.of("carol@example.com"), true, true, false)), document.users());
    }

    @Test
    void writesTheUserPasswordMessage() {
        ImportException e = assertThrows(ImportException.class, () -> parse(json(
                "{ 'users': [ { 'username': 'alice', 'password': 'short-pw' } ] }")));

        assertEquals("LATCHKEY_IMPORT import.json: users[0] (alice).password must be at least 12 characters",
                e.getMessage());
        assertFalse(e.getMessage().contains("short-pw"));
    }

    @Test
    void writesTheMessageTheReadmeShows() {
        ImportException e = assertThrows(ImportException.class, () -> ImportFile.parse(
                Path.of("/etc/latchkey/apps.json"), json("{ 'applications': [ { 'client_id': 'orders-web', 'type': 'web',"
                        + " 'redirect_uris': ['https://a.example/cb'] }, { 'client_id': 'orders-spa', 'type': 'spa',"
                        + " 'redirect_uris': ['https://a.example/cb'], 'secret': '0123456789012345678901234567890123456789' } ] }"),
                ENV::get, false));

        assertEquals("LATCHKEY_IMPORT /etc/latchkey/apps.json: applications[1] (orders-spa).secret "
                + "a spa application is public and has no secret", e.getMessage());
    }

    @Test
    void listsEveryViolationOfTheFirstBadEntryOneLineEach() {
        ImportException e = assertThrows(ImportException.class, () -> parse(json("{ 'users': ["
                + " { 'username': 'alice', 'password': 'short-pw', 'email': 'alice@example', 'admin': true },"
                + " { 'username': 'bob', 'name': '  ' } ] }")));

        assertEquals("LATCHKEY_IMPORT import.json: users[0] (alice).password must be at least 12 characters\n"
                + "LATCHKEY_IMPORT import.json: users[0] (alice).email is not an email address (expected "
                + "name@domain.example)", e.getMessage());
    }

    static Stream<Arguments> closedSets() {
        return Stream.of(
                Arguments.of("{ 'client_id': 'desk', 'type': 'desktop' }",
                        "applications[0] (desk).type must be one of web, spa, native, m2m"),
                Arguments.of("{ 'client_id': 'batch', 'type': 'm2m', 'access_tokens': 'Everyone' }",
                        "applications[0] (batch).access_tokens must be one of None, AuthenticatedUsers, AdministratorsOnly"),
                Arguments.of("{ 'client_id': 'rp', 'type': 'web', 'redirect_uris': ['https://a.example/cb'],"
                                + " 'response_types': ['code', 'code code'] }",
                        "applications[0] (rp).response_types[1] must be one of code, code id_token, code token,"
                                + " code id_token token, id_token, id_token token"),
                Arguments.of("{ 'client_id': 'batch', 'type': 'm2m', 'access_token_format': 'opaque' }",
                        "applications[0] (batch).access_token_format must be jwt or reference"),
                Arguments.of("{ 'client_id': 'rp', 'type': 'web', 'redirect_uris': ['https://a.example/cb'],"
                                + " 'request_object_signing_alg': 'HS256' }",
                        "applications[0] (rp).request_object_signing_alg must be one of RS256, PS256, ES256, none"),
                Arguments.of("{ 'client_id': 'rp', 'type': 'web', 'redirect_uris': ['https://a.example/cb'],"
                                + " 'id_token_signed_response_alg': 'none' }",
                        "applications[0] (rp).id_token_signed_response_alg must be one of RS256, PS256, ES256"),
                Arguments.of("{ 'client_id': 'rp', 'type': 'web', 'redirect_uris': ['https://a.example/cb'],"
                                + " 'jwks': 'not-an-object' }",
                        "applications[0] (rp).jwks must be a JWK Set (a JSON object with \"keys\")"));
    }

    @ParameterizedTest
    @MethodSource("closedSets")
    void listsTheValuesOfAClosedSet(String application, String message) {
        ImportException e = assertThrows(ImportException.class, () -> parseApplications(json(application)));

        assertEquals("LATCHKEY_IMPORT import.json: " + message, e.getMessage());
    }

    @Test
    void neverRepeatsAUserPasswordInTheMessage() {
        ImportException e = assertThrows(ImportException.class, () -> parse(json(
                "{ 'users': [ { 'username': 'alice', 'password': 'pw-0123456' } ] }")));

        assertFalse(e.getMessage().contains("pw-0123456"), e.getMessage());
    }

    @Test
    void neverRepeatsASecretInTheMessage() {
        String shortSecret = "too-short-secret-value";
        ImportException e = assertThrows(ImportException.class, () -> ImportFile.parse(FILE,
                json("{ 'applications': [ { 'client_id': 'batch', 'type': 'm2m', 'secret': '${env:S}' } ] }"),
                Map.of("S", shortSecret)::get, false));

        assertFalse(e.getMessage().contains(shortSecret), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https:///cb", "https:cb"})
    void refusesARedirectUriWithoutAHost(String uri) {
        assertThrows(ImportException.class, () -> parseApplications(json(
                "{ 'client_id': 'spa', 'type': 'spa', 'redirect_uris': ['" + uri + "'] }")));
    }
}
