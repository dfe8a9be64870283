package io.latchkey.account;

import io.latchkey.store.HibernateThrottleStorage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.security.Secret;
import io.latchkey.store.AccountEntity;
import io.latchkey.store.AccountRepository;
import io.latchkey.store.Database;
import io.latchkey.store.IssuedCredentialRepository;
import io.latchkey.store.LoginThrottleRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountServiceTest {
    private static final Instant START = Instant.parse("2025-06-01T12:00:00Z");
    private static final String IP = "192.0.2.10";
    private static final Secret ALICE_PASSWORD = Secret.of("alice's long password");
    private static Database database;
    private MutableClock clock;
    private PasswordHasher hasher;
    private AccountService service;

    @BeforeAll
    static void openDatabase() {
        database = TestDatabases.open();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @BeforeEach
    void freshService() {
        TestDatabases.clear(database);
        clock = new MutableClock(START);
        hasher = new PasswordHasher(TestDatabases.CHEAP);
        service = serviceWith(hasher);
        importUser(new AccountDefinition("Alice", Optional.of(ALICE_PASSWORD), "Alice Example",
                Optional.of("alice@example.com"), true, false, true));
        importUser(new AccountDefinition("carol", Optional.of(Secret.of("carol's long password")), "Carol",
                Optional.empty(), false, false, false));
    }

    private AccountService serviceWith(PasswordHasher passwords) {
        return new AccountService(database.transactions(), new AccountRepository(), new IssuedCredentialRepository(),
                passwords,
                new LoginThrottle(new HibernateThrottleStorage(database.transactions(), new LoginThrottleRepository(),
                        new AccountRepository()), clock), clock);
    }

    private Account importUser(AccountDefinition definition) {
        return database.transactions().inTransaction(em -> service.upsert(em, definition, clock.instant()));
    }

    private String storedHash(String username) {
        return database.transactions().inTransaction(em ->
                new AccountRepository().findByUsername(em, username).map(AccountEntity::getPasswordHash).orElseThrow());
    }

    @Test
    void signsInWithTheRightPasswordWhateverTheUsernameCase() {
        SignInResult result = service.signIn(" ALICE ", ALICE_PASSWORD, IP);

        Account alice = assertInstanceOf(SignInResult.Success.class, result).account();
        assertEquals("alice", alice.username());
        assertEquals("Alice Example", alice.displayName());
        assertEquals(Optional.of("alice@example.com"), alice.email());
        assertTrue(alice.emailVerified());
        assertFalse(alice.admin());
        assertTrue(alice.enabled());
        assertEquals(22, alice.subject().length());
    }

    @Test
    void wrongPasswordUnknownUserAndDisabledAccountFailAlike() {
        SignInResult wrongPassword = service.signIn("alice", Secret.of("not alice's password"), IP);
        SignInResult unknownUser = service.signIn("mallory", ALICE_PASSWORD, IP);
        SignInResult disabled = service.signIn("carol", Secret.of("carol's long password"), IP);
        SignInResult empty = service.signIn(null, null, IP);

        assertEquals(new SignInResult.Failed(), wrongPassword);
        assertEquals(wrongPassword, unknownUser);
        assertEquals(wrongPassword, disabled);
        assertEquals(wrongPassword, empty);
        assertEquals(wrongPassword.toString(), unknownUser.toString());
    }

    @Test
    void anAccountWithoutPasswordCannotSignIn() {
        importUser(new AccountDefinition("dave", Optional.empty(), "Dave", Optional.empty(), false, false, true));

        assertEquals(new SignInResult.Failed(), service.signIn("dave", Secret.of(""), IP));
    }

    @Test
    void throttlesAfterFiveFailuresWithoutCheckingThePassword() {
        for (int i = 0; i < 6; i++) {
            assertEquals(new SignInResult.Failed(), service.signIn("alice", Secret.of("guess " + i), IP));
        }

        SignInResult result = service.signIn("alice", ALICE_PASSWORD, "198.51.100.7");

        assertEquals(new SignInResult.Throttled(Duration.ofSeconds(2)), result);
        clock.advance(Duration.ofSeconds(2));
        assertInstanceOf(SignInResult.Success.class, service.signIn("alice", ALICE_PASSWORD, IP));
        for (int i = 0; i < 5; i++) {
            service.signIn("alice", Secret.of("guess " + i), IP);
        }
        assertEquals(new SignInResult.Failed(), service.signIn("alice", Secret.of("sixth guess"), IP),
                "a success started the count again");
    }

    /** Four failures counted for alice, then a success through {@code signIn}: is the count back at zero? */
    private void assertASuccessClearsTheCount(Runnable success) {
        for (int i = 0; i < 4; i++) {
            assertEquals(new SignInResult.Failed(), service.signIn("alice", Secret.of("guess " + i), IP));
        }
        success.run();
        for (int i = 0; i < LoginThrottle.FREE_ACCOUNT_FAILURES; i++) {
            assertEquals(new SignInResult.Failed(), service.signIn("alice", Secret.of("again " + i), IP));
        }
        assertEquals(new SignInResult.Failed(), service.signIn("alice", Secret.of("sixth guess"), IP),
                "the success started the count again");
        assertEquals(new SignInResult.Throttled(Duration.ofSeconds(2)), service.signIn("alice", ALICE_PASSWORD, IP));
    }

    @Test
    void aSuccessWritesTheThrottlesReleaseWithWhatItStartsInOneTransaction() {
        assertASuccessClearsTheCount(() -> {
            AccountService.SignedIn<Long> signedIn = service.signIn("alice", ALICE_PASSWORD, IP, (em, account) -> {
                // The release is already in this transaction: the username's counter is gone here.
                assertEquals(Optional.empty(), HibernateThrottleStorage.countersIn(em)
                        .find(ThrottleKeys.account("alice")));
                return account.id();
            });
            assertInstanceOf(SignInResult.Success.class, signedIn.result());
            assertEquals(Optional.of(((SignInResult.Success) signedIn.result()).account().id()), signedIn.started());
        });
    }

    @Test
    void aSuccessWhoseStartFailsStillClearsTheCountAndRollsTheStartBack() {
        assertASuccessClearsTheCount(() -> {
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> service.signIn("alice", ALICE_PASSWORD, IP, (em, account) -> {
                        throw new IllegalStateException("the claim was lost");
                    }));
            assertEquals("the claim was lost", thrown.getMessage());
        });
    }

    @Test
    void aRefusedSignInStartsNothing() {
        AccountService.SignedIn<String> signedIn = service.signIn("alice", Secret.of("wrong"), IP, (em, account) -> {
            throw new AssertionError("started for a wrong password");
        });
        assertEquals(new SignInResult.Failed(), signedIn.result());
        assertEquals(Optional.empty(), signedIn.started());
    }

    @Test
    void throttlesAnUnknownUsernameExactlyLikeAKnownOne() {
        for (int i = 0; i < 7; i++) {
            service.signIn("alice", Secret.of("guess " + i), IP);
            service.signIn("mallory", Secret.of("guess " + i), "198.51.100.7");
        }

        assertEquals(service.signIn("alice", ALICE_PASSWORD, IP), service.signIn("mallory", ALICE_PASSWORD, IP));
        assertEquals(new SignInResult.Throttled(Duration.ofSeconds(2)), service.signIn("mallory", ALICE_PASSWORD, IP));
    }

    @Test
    void parallelGuessesGetNoMoreTriesThanSequentialOnes() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<SignInResult>> results = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                Secret guess = Secret.of("parallel guess " + i);
                results.add(pool.submit(() -> service.signIn("alice", guess, IP)));
            }
            int failed = 0;
            for (Future<SignInResult> result : results) {
                if (result.get() instanceof SignInResult.Failed) {
                    failed++;
                } else {
                    assertInstanceOf(SignInResult.Throttled.class, result.get());
                }
            }

            assertEquals(LoginThrottle.FREE_ACCOUNT_FAILURES + 1, failed);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void upgradesTheStoredHashWhenTheParametersChange() {
        String before = storedHash("alice");
        PasswordHasher stronger = new PasswordHasher(new Argon2Parameters(512, 2, 1, 32, 16));
        AccountService upgraded = serviceWith(stronger);

        assertInstanceOf(SignInResult.Success.class, upgraded.signIn("alice", ALICE_PASSWORD, IP));

        String after = storedHash("alice");
        assertNotEquals(before, after);
        assertTrue(after.startsWith("$argon2id$v=19$m=512,t=2,p=1$"), after);
        assertEquals(new PasswordHasher.Verification(true, false), stronger.verify(ALICE_PASSWORD, after));
        assertInstanceOf(SignInResult.Success.class, upgraded.signIn("alice", ALICE_PASSWORD, IP));
        assertEquals(after, storedHash("alice"), "no second upgrade");
    }

    @Test
    void findsAccountsByIdAndSubject() {
        Account alice = assertInstanceOf(SignInResult.Success.class, service.signIn("alice", ALICE_PASSWORD, IP))
                .account();

        assertEquals(Optional.of(alice), service.findById(alice.id()));
        assertEquals(Optional.of(alice), service.findBySubject(alice.subject()));
        assertEquals(Optional.empty(), service.findById(alice.id() + 1000));
        assertEquals(Optional.empty(), service.findBySubject("no-such-subject"));
    }

    @Test
    void upsertUpdatesByUsernameAndKeepsTheSubjectAndAVerifyingHash() {
        Account before = importUser(aliceWith(Optional.of(ALICE_PASSWORD)));
        String hashBefore = storedHash("alice");

        Account after = importUser(new AccountDefinition("ALICE", Optional.of(ALICE_PASSWORD), "Alice Renamed",
                Optional.empty(), false, true, true));

        assertEquals(before.id(), after.id());
        assertEquals(before.subject(), after.subject());
        assertEquals("Alice Renamed", after.displayName());
        assertEquals(Optional.empty(), after.email());
        assertTrue(after.admin());
        assertEquals(hashBefore, storedHash("alice"), "the same password is not hashed again");
    }

    @Test
    void upsertReplacesAChangedPasswordAndKeepsItWhenNoneIsGiven() {
        Secret changed = Secret.of("alice's new long password");
        importUser(aliceWith(Optional.of(changed)));

        assertInstanceOf(SignInResult.Success.class, service.signIn("alice", changed, IP));
        assertEquals(new SignInResult.Failed(), service.signIn("alice", ALICE_PASSWORD, IP));

        importUser(aliceWith(Optional.empty()));
        assertInstanceOf(SignInResult.Success.class, service.signIn("alice", changed, IP));
    }

    @Test
    void createsTheFirstAdminWithTheGivenPasswordOnce() {
        Secret given = Secret.of("the admin password");

        Optional<Secret> first = database.transactions().inTransaction(em ->
                service.ensureFirstAdmin(em, Optional.of(given), clock.instant()));
        Optional<Secret> second = database.transactions().inTransaction(em ->
                service.ensureFirstAdmin(em, Optional.of(Secret.of("another admin password")), clock.instant()));

        assertEquals(Optional.empty(), first);
        assertEquals(Optional.empty(), second);
        Account admin = assertInstanceOf(SignInResult.Success.class, service.signIn("admin", given, IP)).account();
        assertTrue(admin.admin());
        assertEquals("Administrator", admin.displayName());
        assertEquals(new SignInResult.Failed(), service.signIn("admin", Secret.of("another admin password"), IP));
    }

    @Test
    void generatesTheFirstAdminPasswordWhenNoneIsGivenAndReturnsItOnce() {
        Optional<Secret> generated = database.transactions().inTransaction(em ->
                service.ensureFirstAdmin(em, Optional.empty(), clock.instant()));
        Optional<Secret> again = database.transactions().inTransaction(em ->
                service.ensureFirstAdmin(em, Optional.empty(), clock.instant()));

        assertTrue(generated.isPresent());
        assertTrue(generated.get().length() >= 22);
        assertEquals(Optional.empty(), again);
        assertInstanceOf(SignInResult.Success.class, service.signIn("admin", generated.get(), IP));
    }

    @Test
    void createsNoFirstAdminWhenTheImportNamesOne() {
        importUser(new AccountDefinition("root", Optional.of(Secret.of("root's long password")), "Root",
                Optional.empty(), false, true, true));

        Optional<Secret> generated = database.transactions().inTransaction(em ->
                service.ensureFirstAdmin(em, Optional.empty(), clock.instant()));

        assertEquals(Optional.empty(), generated);
        assertEquals(Optional.empty(), database.transactions().inTransaction(em ->
                new AccountRepository().findByUsername(em, "admin")));
    }

    @Test
    void refusesToGuessWhenANonAdminAlreadyHasTheAdminUsername() {
        importUser(new AccountDefinition("admin", Optional.empty(), "Not an admin", Optional.empty(), false, false,
                true));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> database.transactions().run(em ->
                service.ensureFirstAdmin(em, Optional.empty(), clock.instant())));
        assertTrue(e.getMessage().contains("'admin'"), e.getMessage());
    }

    private static AccountDefinition aliceWith(Optional<Secret> password) {
        return new AccountDefinition("alice", password, "Alice Example", Optional.of("alice@example.com"), true,
                false, true);
    }
}
