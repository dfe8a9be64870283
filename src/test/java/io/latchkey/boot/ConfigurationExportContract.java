package io.latchkey.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.account.AccountCommands;
import io.latchkey.account.AccountDefinition;
import io.latchkey.account.AccountService;
import io.latchkey.account.LoginThrottle;
import io.latchkey.account.PasswordHasher;
import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditTrail;
import io.latchkey.client.AccessTokenPolicy;
import io.latchkey.client.PkcePolicy;
import io.latchkey.client.ApplicationCommands;
import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.ApplicationRegistry;
import io.latchkey.client.ClientType;
import io.latchkey.client.ResponseType;
import io.latchkey.consent.ScopeCatalog.Scope;
import io.latchkey.consent.ScopeCommands;
import io.latchkey.consent.ScopeRegistry;
import io.latchkey.security.Secret;
import io.latchkey.store.AccountRepository;
import io.latchkey.store.ApplicationRepository;
import io.latchkey.store.ConfigurationChanges;
import io.latchkey.store.Database;
import io.latchkey.store.IssuedCredentialRepository;
import io.latchkey.store.LoginThrottleRepository;
import io.latchkey.store.ScopeRepository;
import io.latchkey.testing.MutableClock;
import io.latchkey.testing.TestClaims;
import io.latchkey.testing.SignInWorld;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export is an import document: configured through the commands, exported, imported into an empty database
 * and exported again, it gives the same document; imported over the database it came from, it changes nothing.
 * Run on H2 ({@link ConfigurationExportH2Test}) and PostgreSQL ({@link ConfigurationExportPostgresTest}).
 */
abstract class ConfigurationExportContract {
    private static final Actor OPERATOR = Actor.account("sub-operator", "req-1", "192.0.2.7");
    private static final Secret ALICE_PASSWORD = Secret.of("alice's long password");
    private final MutableClock clock = new MutableClock();
    @TempDir
    Path dataDir;

    /** A database with every migration applied and nothing else in it. */
    abstract Database emptyDatabase();

    /** One node's commands, import and export over {@code database}. */
    private final class Node {
        final Database database;
        final ConfigurationChanges changes;
        final ScopeCommands scopes;
        final ApplicationCommands applications;
        final AccountService accountService;
        final AccountCommands accounts;
        final ConfigurationExport export;
        final List<Secret> generated = new ArrayList<>();

        Node(Database database) {
            this.database = database;
            changes = ConfigurationChanges.stored(database.transactions(), clock);
            AuditTrail audit = AuditTrail.logOnly();
            scopes = new ScopeCommands(database.transactions(), new ScopeRepository(), changes, audit, clock);
            applications = new ApplicationCommands(database.transactions(), new ApplicationRegistry(
                    new ApplicationRepository(), new IssuedCredentialRepository(), changes, clock),
                    new ApplicationRepository(), new ScopeRepository(), new IssuedCredentialRepository(), changes,
                    false, audit, clock);
            accountService = new AccountService(database.transactions(), new AccountRepository(),
                    new IssuedCredentialRepository(), new PasswordHasher(SignInWorld.CHEAP_ARGON2),
                    new LoginThrottle(new io.latchkey.store.HibernateThrottleStorage(database.transactions(),
                            new LoginThrottleRepository(), new AccountRepository()), clock), clock);
            accounts = new AccountCommands(database.transactions(), accountService, new AccountRepository(),
                    new LoginThrottleRepository(), audit, clock);
            export = new ConfigurationExport(database.transactions(), new ScopeRepository(),
                    new ApplicationRepository(), new AccountRepository());
        }

        void importing(String json) {
            ImportFile.Document document = ImportFile.parse(Path.of("export.json"), json, name -> null, false);
            BootstrapImport.apply(database.transactions(), new ScopeRegistry(new ScopeRepository(), changes, clock),
                    scopes, applications, accounts, accountService, Optional.of(document), Optional.empty(), dataDir,
                    clock.instant());
        }

        /** Everything configured, as stored (not as exported): what a round trip must keep. */
        List<Object> stored() {
            return database.transactions().inTransaction(em -> {
                List<Object> all = new ArrayList<>(scopes.list().stream().map(ScopeCommands.StoredScope::scope)
                        .filter(scope -> !scope.name().startsWith("latchkey:")).toList());
                new ApplicationRepository().allByClientId(em).stream().map(ApplicationCommands::definitionOf)
                        .forEach(all::add);
                new AccountRepository().all(em).stream().map(a -> List.of(a.getUsername(), a.getDisplayName(),
                        Optional.ofNullable(a.getEmail()), a.isEmailVerified(), a.isAdmin(), a.isEnabled(),
                        a.getClaims()))
                        .forEach(all::add);
                return all;
            });
        }

        <T> void done(Class<T> done, Object outcome) {
            assertInstanceOf(done, outcome, outcome::toString);
        }

        void application(ApplicationDefinition definition) {
            ApplicationCommands.Outcome outcome = applications.create(OPERATOR, definition);
            ApplicationCommands.Done done = assertInstanceOf(ApplicationCommands.Done.class, outcome,
                    outcome::toString);
            done.secret().ifPresent(generated::add);
        }
    }

    private static ApplicationDefinition application(String clientId, ClientType type, List<String> redirectUris,
                                                     List<String> postLogout, Set<String> scopes,
                                                     Set<String> defaults, boolean enabled,
                                                     AccessTokenPolicy accessTokens, boolean firstParty,
                                                     boolean refreshTokens, boolean introspectAny, int maxDays,
                                                     boolean reference) {
        return new ApplicationDefinition(clientId, "App " + clientId, type, redirectUris, postLogout, scopes, defaults,
                Optional.empty(), enabled, accessTokens, firstParty, refreshTokens, introspectAny, maxDays, false,
                Set.of(ResponseType.CODE), reference, PkcePolicy.REQUIRED, false);
    }

    /** Scopes, applications of every type with their options, accounts: configured as an operator would. */
    private Node configured() {
        Node node = new Node(emptyDatabase());
        node.database.transactions().run(em -> {
            ScopeRegistry registry = new ScopeRegistry(new ScopeRepository(), node.changes, clock);
            registry.ensureStandardScopes(em);
            // Latchkey's own (the admin API registers it): never exported, the import may not define it.
            registry.upsert(em, new Scope("latchkey:admin", "Administer Latchkey", Optional.empty()));
        });
        String orders = "https://api.example.com/orders";
        node.done(ScopeCommands.Done.class, node.scopes.create(OPERATOR, new Scope("orders:write", "Change your orders",
                Optional.of(orders))));
        node.done(ScopeCommands.Done.class, node.scopes.create(OPERATOR, new Scope("orders:read", "Read your orders",
                Optional.of(orders))));
        node.done(ScopeCommands.Done.class, node.scopes.create(OPERATOR, new Scope("newsletter", "Get the newsletter",
                Optional.empty())));
        node.done(ScopeCommands.Done.class, node.scopes.update(OPERATOR, new Scope("profile", "See your profile",
                Optional.empty()), 0));
        node.application(application("web", ClientType.WEB, List.of("https://web.example.com/cb",
                        "https://web.example.com/again"), List.of("https://web.example.com/bye"),
                Set.of("openid", "profile", "offline_access", "orders:read"), Set.of("openid", "orders:read"), true,
                AccessTokenPolicy.AUTHENTICATED_USERS, true, false, false, 90, false)
                .withLifetimes(io.latchkey.client.TokenLifetimes.ofSeconds(120L, 600L, 7200L)));
        // A relying party that cannot do PKCE nor form_post: both exceptions must survive the round trip.
        node.application(new ApplicationDefinition("legacy-rp", "Legacy RP", ClientType.WEB,
                List.of("https://rp.example.com/cb"), List.of(), List.of(), Set.of("openid", "profile"), Set.of("openid"),
                Optional.empty(), true, AccessTokenPolicy.NONE, false, false, false, 90, false,
                Set.of(ResponseType.CODE, ResponseType.ID_TOKEN), false, PkcePolicy.OPTIONAL, true,
                new io.latchkey.client.ClientSigning(Optional.of(LEGACY_JWKS), Optional.empty(),
                        Optional.of(io.latchkey.client.RequestObjectAlgorithm.PS256),
                        Optional.of(io.latchkey.key.SigningAlgorithm.ES256))));
        node.application(application("batch", ClientType.M2M, List.of(), List.of(), Set.of("orders:write",
                "orders:read"), Set.of("orders:read"), true, AccessTokenPolicy.ADMINISTRATORS_ONLY, false, false, true,
                30, true).withLifetimes(io.latchkey.client.TokenLifetimes.ofSeconds(300L, null, null)));
        // A single-page application served from other origins than its redirect URI's (CORS).
        node.application(new ApplicationDefinition("spa", "App spa", ClientType.SPA,
                List.of("https://spa.example.com/cb"), List.of(), List.of("https://pages.example.com",
                "https://spa.example.com:8443"), Set.of("openid"), Set.of(), Optional.empty(), false,
                AccessTokenPolicy.NONE, false, false, false, 90, false, Set.of(ResponseType.CODE), false,
                PkcePolicy.REQUIRED, false, io.latchkey.client.ClientSigning.DEFAULT));
        node.application(application("cli", ClientType.NATIVE, List.of("http://127.0.0.1/cb",
                "com.example.cli:/cb"), List.of(), Set.of("openid", "newsletter"), Set.of("openid"), true,
                AccessTokenPolicy.AUTHENTICATED_USERS, false, true, false, 90, false));
        node.done(AccountCommands.Done.class, node.accounts.create(OPERATOR, new AccountDefinition("alice",
                Optional.of(ALICE_PASSWORD), "Alice Example", Optional.of("alice@example.com"), true, true, true)));
        node.done(AccountCommands.Done.class, node.accounts.create(OPERATOR, new AccountDefinition("bob",
                Optional.empty(), "Bob", Optional.of("bob@example.com"), false, false, true)));
        node.done(AccountCommands.Done.class, node.accounts.setEnabled(OPERATOR, "bob", false, 0));
        node.done(AccountCommands.Done.class, node.accounts.create(OPERATOR, new AccountDefinition("carol",
                Optional.empty(), "Carol", Optional.empty(), false, false, true, TestClaims.EVERY_CLAIM)));
        return node;
    }

    private static final String LEGACY_JWKS = new io.latchkey.authorize.RequestObjectSigner("legacy-rsa",
            "legacy-ec").publicJwks();

    private static List<String> names(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(entry -> entry.get(field).asText()).toList();
    }

    @Test
    void theExportIsTheConfigurationInStableOrderWithoutSecretsOrHashes() throws IOException {
        Node node = configured();

        String json = node.export.json();

        JsonNode document = new ObjectMapper().readTree(json);
        assertEquals(List.of("address", "email", "newsletter", "offline_access", "openid", "orders:read",
                "orders:write", "phone", "profile"), names(document.get("scopes"), "name"),
                "sorted, without Latchkey's own");
        assertEquals(List.of("batch", "cli", "legacy-rp", "spa", "web"), names(document.get("applications"),
                "client_id"));
        assertEquals(List.of("required", "required", "optional", "required", "required"),
                names(document.get("applications"), "pkce"));
        assertEquals(List.of("false", "false", "true", "false", "false"),
                names(document.get("applications"), "implicit_by_fragment"));
        JsonNode legacy = document.get("applications").get(2);
        assertEquals(new ObjectMapper().readTree(LEGACY_JWKS), legacy.get("jwks"));
        assertEquals("PS256", legacy.get("request_object_signing_alg").asText());
        assertEquals("ES256", legacy.get("id_token_signed_response_alg").asText());
        assertFalse(document.get("applications").get(0).has("jwks"), "absent where the application has none");
        assertFalse(document.get("applications").get(0).has("id_token_signed_response_alg"));
        JsonNode web = document.get("applications").get(4);
        assertEquals(List.of(120, 600, 7200), List.of(web.get("access_token_lifetime").asInt(),
                web.get("refresh_token_idle_lifetime").asInt(), web.get("refresh_token_max_lifetime").asInt()));
        JsonNode batch = document.get("applications").get(0);
        assertEquals(300, batch.get("access_token_lifetime").asInt());
        assertFalse(batch.has("refresh_token_idle_lifetime"), "absent: the server's setting wherever it is imported");
        assertFalse(document.get("applications").get(1).has("access_token_lifetime"));
        assertEquals(List.of("alice", "bob", "carol"), names(document.get("users"), "username"));
        JsonNode spa = document.get("applications").get(3);
        assertEquals("[\"https://pages.example.com\",\"https://spa.example.com:8443\"]",
                spa.get("web_origins").toString(), "explicit web origins, in order");
        assertFalse(document.get("applications").get(4).has("web_origins"), "none: the redirect URIs' origins");
        JsonNode carol = document.get("users").get(2);
        assertEquals("+441865270000", carol.get("phone_number").asText());
        assertEquals("Oxford", carol.get("address").get("locality").asText());
        assertEquals("0000-05-04", carol.get("birthdate").asText());
        assertFalse(document.get("users").get(0).has("address"), "claims an account lacks are left out");
        assertFalse(json.contains("secret") || json.contains("password\"") || json.contains("$argon2"), json);
        for (Secret secret : node.generated) {
            assertFalse(json.contains(secret.reveal()));
        }
        assertFalse(json.contains(ALICE_PASSWORD.reveal()));
    }

    @Test
    void anExportImportedIntoAnEmptyDatabaseExportsTheSame() throws IOException {
        Node configured = configured();
        String exported = configured.export.json();
        Node fresh = new Node(emptyDatabase());

        fresh.importing(exported);

        assertEquals(exported, fresh.export.json());
        assertEquals(configured.stored(), fresh.stored(), "every field of every entry came across");
        assertTrue(Files.exists(dataDir.resolve(BootstrapImport.NEW_SECRETS_DIR).resolve("web.secret")),
                "a confidential application gets a new secret, shown once");
        assertEquals(false, fresh.accounts.find("bob").orElseThrow().account().enabled());
    }

    @Test
    void anExportImportedOverItsOwnDatabaseChangesNothing() {
        Node node = configured();
        String exported = node.export.json();

        List<Object> before = node.stored();

        node.importing(exported);

        assertEquals(exported, node.export.json());
        assertEquals(before, node.stored());
        assertTrue(node.accountService.signIn("alice", ALICE_PASSWORD, "192.0.2.1")
                instanceof io.latchkey.account.SignInResult.Success, "a password is kept when the import has none");
    }
}
