package io.latchkey.boot;

import io.latchkey.store.HibernateThrottleStorage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.account.Account;
import io.latchkey.account.AccountCommands;
import io.latchkey.account.AccountDefinition;
import io.latchkey.account.AccountService;
import io.latchkey.account.Argon2Parameters;
import io.latchkey.account.LoginThrottle;
import io.latchkey.account.PasswordHasher;
import io.latchkey.account.SignInResult;
import io.latchkey.audit.AuditTrail;
import io.latchkey.client.ApplicationCommands;
import io.latchkey.client.ApplicationRegistry;
import io.latchkey.consent.ScopeCatalog;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapImportAccountsTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String IP = "192.0.2.10";
    private static final Secret ALICE_PASSWORD = Secret.of("alice's long password");

    @TempDir
    Path dataDir;
    private Database database;
    private AccountService accounts;
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void openDatabase() {
        database = Database.open("jdbc:h2:mem:bootstrap-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", new char[0]);
        accounts = new AccountService(database.transactions(), new AccountRepository(), new IssuedCredentialRepository(),
                new PasswordHasher(new Argon2Parameters(256, 1, 1, 32, 16)),
                new LoginThrottle(new HibernateThrottleStorage(database.transactions(), new LoginThrottleRepository(),
                        new AccountRepository()), CLOCK), CLOCK);
        Logger.getLogger(BootstrapImport.class.getName()).addHandler(capture);
    }

    @AfterEach
    void closeDatabase() {
        Logger.getLogger(BootstrapImport.class.getName()).removeHandler(capture);
        database.close();
    }

    private void apply(Optional<ImportFile.Document> document, Optional<Secret> adminPassword) {
        ConfigurationChanges changes = ConfigurationChanges.stored(database.transactions(), CLOCK);
        AuditTrail audit = AuditTrail.logOnly();
        BootstrapImport.apply(database.transactions(), new ScopeRegistry(new ScopeRepository(), changes, CLOCK),
                new ScopeCommands(database.transactions(), new ScopeRepository(), changes, audit,
                        CLOCK),
                new ApplicationCommands(database.transactions(), new ApplicationRegistry(new ApplicationRepository(),
                        new IssuedCredentialRepository(), changes, CLOCK), new ApplicationRepository(),
                        new ScopeRepository(), new IssuedCredentialRepository(), changes, false,
                        audit, CLOCK),
                new AccountCommands(database.transactions(), accounts,
                        new AccountRepository(), new LoginThrottleRepository(),
                        audit, CLOCK),
                accounts, document, adminPassword, dataDir, NOW);
    }

    private static Optional<ImportFile.Document> importing(AccountDefinition... users) {
        return Optional.of(new ImportFile.Document(List.of(), List.of(), List.of(users)));
    }

    private static AccountDefinition alice(boolean admin) {
        return new AccountDefinition("alice", Optional.of(ALICE_PASSWORD), "Alice Example",
                Optional.of("alice@example.com"), true, admin, true);
    }

    private Path adminPasswordFile() {
        return dataDir.resolve(BootstrapImport.NEW_SECRETS_DIR).resolve(BootstrapImport.ADMIN_PASSWORD_FILE);
    }

    private String allLogged() {
        StringBuilder text = new StringBuilder();
        logged.forEach(r -> text.append(r.getMessage()).append('\n'));
        return text.toString();
    }

    @Test
    void importsUsersWhoCanThenSignIn() {
        apply(importing(alice(false)), Optional.of(Secret.of("the admin password")));

        Account alice = assertInstanceOf(SignInResult.Success.class, accounts.signIn("alice", ALICE_PASSWORD, IP))
                .account();
        assertEquals("Alice Example", alice.displayName());
        assertEquals(Optional.of("alice@example.com"), alice.email());
        assertTrue(allLogged().contains("1 users"), allLogged());
    }

    @Test
    void anotherImportNamingTheSameUserNeverReplacesHerPasswordAndSaysSo() {
        apply(importing(alice(false)), Optional.empty());
        Secret other = Secret.of("a password from another file");

        apply(importing(new AccountDefinition("Alice", Optional.of(other), "Alice Example",
                Optional.of("alice@example.com"), true, false, true)), Optional.empty());

        signedIn("alice", ALICE_PASSWORD);
        assertEquals(new SignInResult.Failed(), accounts.signIn("alice", other, IP));
        assertTrue(allLogged().contains("kept the password the accounts alice already have"), allLogged());
    }

    @Test
    void reapplyingTheImportKeepsTheStandardClaimsWhileItKeepsThePassword() {
        AccountDefinition withClaims = new AccountDefinition("alice", Optional.of(ALICE_PASSWORD), "Alice Example",
                Optional.of("alice@example.com"), true, false, true, io.latchkey.testing.TestClaims.EVERY_CLAIM);
        apply(importing(withClaims), Optional.empty());

        apply(importing(withClaims), Optional.empty());

        assertEquals(io.latchkey.testing.TestClaims.EVERY_CLAIM,
                accounts.findById(signedIn("alice", ALICE_PASSWORD).id()).orElseThrow().claims());
    }

    @Test
    void theImportSetsAPasswordOnAnExistingAccountThatHasNone() {
        apply(importing(new AccountDefinition("alice", Optional.empty(), "Alice Example",
                Optional.of("alice@example.com"), true, false, true)), Optional.empty());

        apply(importing(alice(false)), Optional.empty());

        signedIn("alice", ALICE_PASSWORD);
        assertFalse(allLogged().contains("kept the password"), allLogged());
    }

    @Test
    void reapplyingTheImportKeepsTheAccount() {
        apply(importing(alice(false)), Optional.empty());
        String subject = accounts.findById(signedIn("alice", ALICE_PASSWORD).id()).orElseThrow().subject();

        apply(importing(alice(false)), Optional.empty());

        assertEquals(subject, signedIn("alice", ALICE_PASSWORD).subject());
    }

    @Test
    void createsTheFirstAdminWithTheGivenPasswordAndWritesNoFile() {
        Secret given = Secret.of("the admin password");

        apply(Optional.empty(), Optional.of(given));

        Account admin = signedIn("admin", given);
        assertTrue(admin.admin());
        assertFalse(Files.exists(adminPasswordFile()));
    }

    @Test
    void writesAGeneratedAdminPasswordOnceToAnOwnerOnlyFileAndNeverLogsIt() throws IOException {
        apply(Optional.empty(), Optional.empty());

        Path file = adminPasswordFile();
        String content = Files.readString(file);
        assertTrue(content.endsWith("\n"));
        Secret password = Secret.of(content.substring(0, content.length() - 1));
        assertTrue(signedIn("admin", password).admin());
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        String log = allLogged();
        assertTrue(log.contains("'admin'") && log.contains(file.toString()), log);
        assertFalse(log.contains(password.reveal()), log);

        Files.delete(file);
        apply(Optional.empty(), Optional.empty());

        assertFalse(Files.exists(file), "the second start neither recreates the admin nor writes a password");
        signedIn("admin", password);
    }

    @Test
    void createsNoFirstAdminWhenTheImportNamesAnAdministrator() {
        apply(importing(alice(true)), Optional.empty());

        assertFalse(Files.exists(adminPasswordFile()));
        assertEquals(new SignInResult.Failed(), accounts.signIn("admin", Secret.of("anything at all"), IP));
        assertTrue(signedIn("alice", ALICE_PASSWORD).admin());
    }

    @Test
    void readsUsersFromTheImportFileThroughTheEnvironment() throws IOException {
        Path file = dataDir.resolve("import.json");
        Files.writeString(file, "{ \"users\": [ { \"username\": \"Bob\", \"password\": \"${env:BOB_PASSWORD}\","
                + " \"admin\": true } ] }");

        apply(Optional.of(ImportFile.read(file, Map.of("BOB_PASSWORD", "bob's long password"), false)), Optional.empty());

        assertEquals("bob", signedIn("bob", Secret.of("bob's long password")).username());
        assertFalse(Files.exists(adminPasswordFile()));
    }

    private Account signedIn(String username, Secret password) {
        return assertInstanceOf(SignInResult.Success.class, accounts.signIn(username, password, IP)).account();
    }

    @Test
    void anImportThatWouldLeaveNoAdministratorStopsAndChangesNothing() {
        apply(importing(alice(true)), Optional.empty());
        AccountDefinition bob = new AccountDefinition("bob", Optional.of(Secret.of("bob's long password")), "Bob",
                Optional.empty(), false, false, true);

        ImportFile.ImportException stopped = assertThrows(ImportFile.ImportException.class,
                () -> apply(importing(bob, alice(false)), Optional.empty()));

        assertEquals("LATCHKEY_IMPORT: user alice: admin would leave no enabled administrator; make another account"
                + " an administrator first", stopped.getMessage());
        assertTrue(signedIn("alice", ALICE_PASSWORD).admin());
        assertEquals(new SignInResult.Failed(), accounts.signIn("bob", Secret.of("bob's long password"), IP),
                "the entries before it are rolled back too");
    }

    @Test
    void anImportMayNotDefineLatchkeysOwnScopes() {
        Optional<ImportFile.Document> document = Optional.of(new ImportFile.Document(List.of(
                new ScopeCatalog.Scope("latchkey:admin", "Everything", Optional.empty())),
                List.of(), List.of()));

        ImportFile.ImportException stopped = assertThrows(ImportFile.ImportException.class,
                () -> apply(document, Optional.empty()));

        assertEquals("LATCHKEY_IMPORT: scope latchkey:admin: name is reserved for Latchkey's admin API",
                stopped.getMessage());
    }
}
