package io.latchkey.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.account.AccountCommands.AlreadyExists;
import io.latchkey.account.AccountCommands.Done;
import io.latchkey.account.AccountCommands.Invalid;
import io.latchkey.account.AccountCommands.NotFound;
import io.latchkey.account.AccountCommands.Outcome;
import io.latchkey.account.AccountCommands.Profile;
import io.latchkey.account.AccountCommands.VersionConflict;
import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.AuditTrail;
import io.latchkey.client.Client;
import io.latchkey.error.OAuthException;
import io.latchkey.error.Violation;
import io.latchkey.security.Secret;
import io.latchkey.store.AccountRepository;
import io.latchkey.store.Database;
import io.latchkey.store.LoginThrottleRepository;
import io.latchkey.testing.TestClaims;
import io.latchkey.testing.AtOnce;
import io.latchkey.testing.InterruptedAuditTrail;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import io.latchkey.token.AccessTokenClaims;
import io.latchkey.token.IssuedAccessToken;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The account commands over a real database, read back as sign-in and the token endpoints read accounts. Run on H2
 * ({@link AccountCommandsH2Test}) and PostgreSQL ({@link AccountCommandsPostgresTest}), where the version and the
 * last-administrator rule must hold across connections as they would across nodes.
 */
abstract class AccountCommandsContract {
    private static final Actor OPERATOR = Actor.account("sub-operator", "req-1", "192.0.2.7");
    private static final Client WEB = TestClients.webApp("web").build();
    private static final Set<String> SCOPES = Set.of("openid", "offline_access");
    private static final Secret PASSWORD = Secret.of("a long first password");
    private static final Secret OTHER_PASSWORD = Secret.of("a long second password");
    private static final String IP = "192.0.2.1";
    private final List<AuditEvent> audited = new CopyOnWriteArrayList<>();
    private SignInWorld world;
    private AccountCommands commands;
    private String username;

    abstract Database database();

    @BeforeEach
    void commands() {
        world = new SignInWorld(database(), WEB);
        commands = new AccountCommands(world.transactions, world.accounts, new AccountRepository(),
                new LoginThrottleRepository(), audited::add, world.clock);
        username = "p-" + UUID.randomUUID().toString().substring(0, 12);
    }

    private AccountDefinition person(String name, Optional<Secret> password, boolean admin) {
        return new AccountDefinition(name, password, "Person " + name, Optional.of(name + "@example.com"), true,
                admin, true);
    }

    private void create(boolean admin) {
        assertEquals(new Done(username, 0, List.of()),
                commands.create(OPERATOR, person(username, Optional.of(PASSWORD), admin)));
    }

    private Account account(String name) {
        return commands.find(name).orElseThrow().account();
    }

    private long version(String name) {
        return commands.find(name).orElseThrow().version();
    }

    private boolean signsIn(String name, Secret password) {
        return world.accounts.signIn(name, password, IP) instanceof SignInResult.Success;
    }

    /** No enabled administrator but those a test makes (the database is shared by the tests of the class). */
    private void noOtherAdministrators() {
        world.transactions.run(em -> em.createNativeQuery("UPDATE account SET admin = FALSE").executeUpdate());
    }

    // --- list

    @Test
    void listPagesInUsernameOrderWithFilters() {
        String prefix = username + "-l";
        for (String suffix : List.of("c", "a", "b")) {
            assertInstanceOf(Done.class, commands.create(OPERATOR, new AccountDefinition(prefix + suffix,
                    Optional.empty(), "Listed " + suffix.toUpperCase(), Optional.of(suffix + "@" + prefix + ".example"),
                    false, suffix.equals("c"), !suffix.equals("b"))));
        }
        AccountCommands.Filter ofPrefix = new AccountCommands.Filter(Optional.empty(), Optional.empty(),
                Optional.of(prefix.toUpperCase()));

        io.latchkey.store.Page<AccountCommands.StoredAccount> first = commands.list(ofPrefix,
                io.latchkey.store.PageRequest.first(2));
        assertEquals(List.of(prefix + "a", prefix + "b"), usernames(first));
        assertEquals(Optional.of(prefix + "b"), first.nextAfterKey());
        io.latchkey.store.Page<AccountCommands.StoredAccount> second = commands.list(ofPrefix,
                new io.latchkey.store.PageRequest(first.nextAfterKey(), 2));
        assertEquals(List.of(prefix + "c"), usernames(second));
        assertEquals(Optional.empty(), second.nextAfterKey());
        assertEquals(List.of(prefix + "c"), usernames(commands.list(new AccountCommands.Filter(Optional.of(true),
                Optional.empty(), Optional.of(prefix)), io.latchkey.store.PageRequest.first(50))));
        assertEquals(List.of(prefix + "b"), usernames(commands.list(new AccountCommands.Filter(Optional.empty(),
                Optional.of(false), Optional.of(prefix)), io.latchkey.store.PageRequest.first(50))));
        assertEquals(List.of(prefix + "a"), usernames(commands.list(new AccountCommands.Filter(Optional.empty(),
                Optional.empty(), Optional.of("a@" + prefix.toUpperCase())), io.latchkey.store.PageRequest.first(50))),
                "the email matches, whatever its case");
        assertEquals(List.of(), usernames(commands.list(new AccountCommands.Filter(Optional.empty(), Optional.empty(),
                Optional.of(prefix + "%")), io.latchkey.store.PageRequest.first(50))), "% is no wildcard");
        assertEquals(List.of(), usernames(commands.list(new AccountCommands.Filter(Optional.empty(), Optional.empty(),
                Optional.of(username + "_l")), io.latchkey.store.PageRequest.first(50))), "_ is no wildcard");
        AccountCommands.StoredAccount stored = first.items().get(0);
        assertEquals(0, stored.version());
        assertEquals(world.clock.instant(), stored.createdAt());
    }

    private static List<String> usernames(io.latchkey.store.Page<AccountCommands.StoredAccount> page) {
        return page.items().stream().map(a -> a.account().username()).toList();
    }

    // --- create

    @Test
    void aChangeCommitsWithItsAuditEventSoNoCrashAfterTheCommitLosesTheEvent() {
        InterruptedAuditTrail trail = new InterruptedAuditTrail(database(), InterruptedAuditTrail.At.AFTER_COMMIT);
        AccountCommands audited = commandsAuditedBy(trail);

        Optional<Outcome> created = InterruptedAuditTrail.survived(() -> audited.create(OPERATOR,
                person(username, Optional.of(PASSWORD), false)));

        assertEquals(0, version(username));
        assertEquals(1, trail.stored("account.created", "account:" + username).size(),
                "the account was created, so its event was stored with it");
        assertEquals(new Done(username, 0, List.of()), created.orElseThrow());
    }

    @Test
    void aChangeWhoseTransactionFailsAfterItsAuditEventKeepsNeither() {
        create(false);
        InterruptedAuditTrail trail = new InterruptedAuditTrail(database(), InterruptedAuditTrail.At.BEFORE_COMMIT);
        AccountCommands audited = commandsAuditedBy(trail);

        assertThrows(InterruptedAuditTrail.Interruption.class, () -> audited.setEnabled(OPERATOR, username, false, 0));

        assertEquals(0, version(username), "the disable was rolled back");
        assertTrue(signsIn(username, PASSWORD));
        assertEquals(List.of(), trail.stored("account.disabled", "account:" + username));
    }

    private AccountCommands commandsAuditedBy(AuditTrail trail) {
        return new AccountCommands(world.transactions, world.accounts, new AccountRepository(),
                new LoginThrottleRepository(), trail, world.clock);
    }

    @Test
    void createStoresTheAccountWhoSignsInWithThePasswordGiven() {
        assertEquals(new Done(username, 0, List.of()), commands.create(OPERATOR,
                person(username.toUpperCase(), Optional.of(PASSWORD), false)));

        Account account = account(username);
        assertEquals("Person " + username.toUpperCase(), account.displayName());
        assertTrue(account.enabled());
        assertTrue(signsIn(username, PASSWORD));
        assertEquals("account.created", audited.get(0).action());
        assertEquals("account:" + username, audited.get(0).target());
    }

    @Test
    void createWithoutAPasswordMakesAnAccountThatCannotSignInYet() {
        assertInstanceOf(Done.class, commands.create(OPERATOR, person(username, Optional.empty(), false)));

        assertTrue(!signsIn(username, PASSWORD));
        assertInstanceOf(Done.class, commands.setPassword(OPERATOR, username, PASSWORD));
        assertTrue(signsIn(username, PASSWORD));
    }

    @Test
    void createRefusesEveryViolationAndStoresNothing() {
        AccountDefinition bad = new AccountDefinition(username, Optional.of(Secret.of("short")), " ",
                Optional.of("not-an-address"), true, false, true);

        Invalid invalid = assertInstanceOf(Invalid.class, commands.create(OPERATOR, bad));

        assertEquals(List.of("password", "name", "email"), invalid.violations().stream().map(Violation::field).toList());
        assertEquals(Optional.empty(), commands.find(username));
        assertTrue(audited.stream().noneMatch(e -> e.logLine().contains("short")), "never the password");
    }

    @Test
    void createRefusesATakenUsernameWhateverItsCase() {
        create(false);

        assertEquals(new AlreadyExists(username),
                commands.create(OPERATOR, person(username.toUpperCase(), Optional.empty(), true)));
        assertEquals(false, account(username).admin());
    }

    @Test
    void concurrentCreatesOfOneUsernameExactlyOneWins() {
        List<AtOnce.Outcome<Outcome>> outcomes = AtOnce.run(4, i -> () -> commands.create(OPERATOR,
                person(username, Optional.empty(), false)));

        assertTrue(outcomes.stream().allMatch(AtOnce.Outcome::succeeded), outcomes::toString);
        List<Outcome> answers = outcomes.stream().map(o -> o.value().orElseThrow()).toList();
        assertEquals(1, answers.stream().filter(Done.class::isInstance).count(), answers::toString);
        assertEquals(3, answers.stream().filter(new AlreadyExists(username)::equals).count(), answers::toString);
    }

    // --- update

    @Test
    void updateReplacesTheProfileMovesTheVersionAndNamesTheChangedFields() {
        create(false);

        assertEquals(new Done(username, 1, List.of("name", "email")), commands.update(OPERATOR, username,
                new Profile("Renamed", Optional.of("renamed@example.com"), true), 0));

        Account account = account(username);
        assertEquals("Renamed", account.displayName());
        assertEquals(Optional.of("renamed@example.com"), account.email());
        assertEquals(1, version(username));
        AuditEvent last = audited.get(audited.size() - 1);
        assertEquals("account.updated", last.action());
        assertEquals(List.of("name", "email"), last.changedFields());
        assertTrue(signsIn(username, PASSWORD), "the password is kept");
    }

    /** The standard claims: stored, named in the changed fields, and kept by the commands that change other fields. */
    @Test
    void updateStoresTheStandardClaimsAndMovesTheProfileTimeOnlyWhenTheProfileChanges() {
        create(false);
        Account before = account(username);
        world.clock.advance(Duration.ofSeconds(5));

        Outcome updated = commands.update(OPERATOR, username, new Profile(before.displayName(), before.email(),
                before.emailVerified(), TestClaims.EVERY_CLAIM), 0);

        assertEquals(List.of("given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile",
                "picture", "website", "gender", "birthdate", "zoneinfo", "locale", "phone_number",
                "phone_number_verified", "address"), ((Done) updated).changedFields());
        Account after = account(username);
        assertEquals(TestClaims.EVERY_CLAIM, after.claims());
        assertEquals(Optional.of(world.clock.instant()), after.profileUpdatedAt());
        world.clock.advance(Duration.ofSeconds(5));
        assertInstanceOf(Done.class, commands.setAdmin(OPERATOR, username, true, 1));
        assertEquals(TestClaims.EVERY_CLAIM, account(username).claims(), "a change of another field keeps them");
        assertEquals(after.profileUpdatedAt(), account(username).profileUpdatedAt(), "not a profile change");
        assertEquals(List.of("phone_number"), ((Done) commands.update(OPERATOR, username, new Profile(
                before.displayName(), before.email(), before.emailVerified(), new io.latchkey.account.StandardClaims(
                TestClaims.EVERY_CLAIM.givenName(), TestClaims.EVERY_CLAIM.familyName(),
                TestClaims.EVERY_CLAIM.middleName(), TestClaims.EVERY_CLAIM.nickname(),
                TestClaims.EVERY_CLAIM.preferredUsername(), TestClaims.EVERY_CLAIM.profile(),
                TestClaims.EVERY_CLAIM.picture(), TestClaims.EVERY_CLAIM.website(), TestClaims.EVERY_CLAIM.gender(),
                TestClaims.EVERY_CLAIM.birthdate(), TestClaims.EVERY_CLAIM.zoneinfo(), TestClaims.EVERY_CLAIM.locale(),
                Optional.of("+441865270001"), true, TestClaims.ADDRESS)), 2)).changedFields());
    }

    @Test
    void twoUpdatesFromTheSameReadExactlyOneWins() {
        create(false);

        assertInstanceOf(Done.class, commands.update(OPERATOR, username, new Profile("First", Optional.empty(),
                false), 0));

        assertEquals(new VersionConflict(username, 0, 1), commands.update(OPERATOR, username,
                new Profile("Second", Optional.empty(), false), 0));
        assertEquals("First", account(username).displayName());
    }

    @Test
    void concurrentUpdatesFromTheSameReadExactlyOneWins() {
        create(false);

        List<AtOnce.Outcome<Outcome>> outcomes = AtOnce.run(4, i -> () -> commands.update(OPERATOR, username,
                new Profile("Name " + i, Optional.empty(), false), 0));

        assertTrue(outcomes.stream().allMatch(AtOnce.Outcome::succeeded), outcomes::toString);
        List<Outcome> answers = outcomes.stream().map(o -> o.value().orElseThrow()).toList();
        assertEquals(1, answers.stream().filter(Done.class::isInstance).count(), answers::toString);
        assertEquals(3, answers.stream().filter(new VersionConflict(username, 0, 1)::equals).count(),
                answers::toString);
        assertEquals(1, version(username));
    }

    @Test
    void updateRefusesViolationsBeforeLookingAtTheVersionAndUnknownAccounts() {
        create(false);

        assertEquals(new Invalid(List.of(new Violation("email_verified", "is true but there is no email"))),
                commands.update(OPERATOR, username, new Profile("Person", Optional.empty(), true), 5));
        assertEquals(0, version(username));
        assertEquals(new NotFound("nobody-" + username), commands.update(OPERATOR, "nobody-" + username,
                new Profile("Person", Optional.empty(), false), 0));
        assertEquals(Optional.empty(), commands.find("nobody-" + username), "update does not create");
    }

    // --- enable / disable

    @Test
    void disableTakesBackWhatThePersonHoldsAndEnableRevivesNothing() {
        create(false);
        Account person = account(username);
        world.clock.advance(Duration.ofSeconds(1));
        Secret session = world.sessions.start(person.id(), "pwd").cookieValue();
        Secret refresh = world.refreshTokens.start(UUID.randomUUID().toString(), WEB.clientId(), person.id(), SCOPES,
                world.clock.instant(), "sid-1");
        IssuedAccessToken jwt = world.accessTokens.issue(AccessTokenClaims.forPerson(person.subject(),
                WEB.clientId(), SCOPES, world.clock.instant(), AccessTokenClaims.newJti()));
        assertTrue(world.verifier.verify(jwt.value()).isPresent());

        assertEquals(new Done(username, 1, List.of("enabled")), commands.setEnabled(OPERATOR, username, false, 0));
        assertTrue(!signsIn(username, PASSWORD));
        assertEquals(new VersionConflict(username, 0, 1), commands.setEnabled(OPERATOR, username, true, 0));
        assertInstanceOf(Done.class, commands.setEnabled(OPERATOR, username, true, 1));

        assertTrue(signsIn(username, PASSWORD));
        assertEquals(Optional.empty(), world.sessions.find(session), "browser session");
        assertEquals(Optional.empty(), world.verifier.verify(jwt.value()), "a JWT from before stays inactive");
        assertThrows(OAuthException.class, () -> world.refreshTokens.rotate(refresh, WEB.clientId(), Set.of()));
    }

    // --- administrators

    @Test
    void setAdminGrantsAndRevokesTheFlag() {
        create(false);

        assertEquals(new Done(username, 1, List.of("admin")), commands.setAdmin(OPERATOR, username, true, 0));
        assertTrue(account(username).admin());
        assertEquals("account.admin_granted", audited.get(audited.size() - 1).action());
        assertEquals(new VersionConflict(username, 0, 1), commands.setAdmin(OPERATOR, username, false, 0));
    }

    @Test
    void theLastEnabledAdministratorCannotLoseTheFlagOrBeDisabled() {
        noOtherAdministrators();
        create(true);
        String problem = "would leave no enabled administrator; make another account an administrator first";

        assertEquals(new Invalid(List.of(new Violation("admin", problem))),
                commands.setAdmin(OPERATOR, username, false, 0));
        assertEquals(new Invalid(List.of(new Violation("enabled", problem))),
                commands.setEnabled(OPERATOR, username, false, 0));
        assertTrue(account(username).admin() && account(username).enabled());
        assertEquals(0, version(username));

        String other = "q-" + username;
        assertInstanceOf(Done.class, commands.create(OPERATOR, person(other, Optional.empty(), true)));
        assertInstanceOf(Done.class, commands.setEnabled(OPERATOR, other, false, 0));
        assertEquals(new Invalid(List.of(new Violation("admin", problem))),
                commands.setAdmin(OPERATOR, username, false, 0), "a disabled administrator does not count");
        assertInstanceOf(Done.class, commands.setEnabled(OPERATOR, other, true, 1));
        assertEquals(new Done(username, 1, List.of("admin")), commands.setAdmin(OPERATOR, username, false, 0));
    }

    @Test
    void twoAdministratorsDemotedAtOnceOneStays() {
        noOtherAdministrators();
        create(true);
        String other = "q-" + username;
        assertInstanceOf(Done.class, commands.create(OPERATOR, person(other, Optional.empty(), true)));
        List<String> both = List.of(username, other);

        List<AtOnce.Outcome<Outcome>> outcomes = AtOnce.run(2, i -> () -> commands.setAdmin(OPERATOR, both.get(i),
                false, 0));

        assertTrue(outcomes.stream().allMatch(AtOnce.Outcome::succeeded), outcomes::toString);
        List<Outcome> answers = outcomes.stream().map(o -> o.value().orElseThrow()).toList();
        assertEquals(1, answers.stream().filter(Done.class::isInstance).count(), answers::toString);
        assertEquals(1, answers.stream().filter(Invalid.class::isInstance).count(), answers::toString);
        assertEquals(1, both.stream().filter(name -> account(name).admin()).count());
    }

    // --- password

    @Test
    void setPasswordReplacesItAndEndsTheSignInsButNeverShowsIt() {
        create(false);
        Account person = account(username);
        Secret refresh = world.refreshTokens.start(UUID.randomUUID().toString(), WEB.clientId(), person.id(), SCOPES,
                world.clock.instant(), "sid-1");

        assertEquals(new Invalid(List.of(new Violation("password", "must be at least 12 characters"))),
                commands.setPassword(OPERATOR, username, Secret.of("too short")));
        assertEquals(new Done(username, 1, List.of("password")),
                commands.setPassword(OPERATOR, username, OTHER_PASSWORD));

        assertTrue(signsIn(username, OTHER_PASSWORD));
        assertTrue(!signsIn(username, PASSWORD));
        assertThrows(OAuthException.class, () -> world.refreshTokens.rotate(refresh, WEB.clientId(), Set.of()));
        AuditEvent set = audited.get(audited.size() - 1);
        assertEquals("account.password_set", set.action());
        String stored = world.transactions.inTransaction(em -> new AccountRepository().findByUsername(em, username)
                .orElseThrow().getPasswordHash());
        assertTrue(audited.stream().map(AuditEvent::logLine).noneMatch(line -> line.contains(OTHER_PASSWORD.reveal())
                || line.contains("too short") || line.contains(stored)), "neither a password nor its hash");
        assertEquals(new NotFound("nobody-" + username), commands.setPassword(OPERATOR, "nobody-" + username,
                OTHER_PASSWORD));
    }

    // --- password-reset code

    private Secret issue(String name) {
        return ((AccountCommands.ResetCodeIssued) commands.issueResetCode(OPERATOR, name)).code();
    }

    private boolean storedCode(String name, String hash) {
        return world.transactions.inTransaction(em -> new io.latchkey.store.PasswordResetCodeRepository().holds(em,
                new AccountRepository().findByUsername(em, name).orElseThrow().getId(), hash));
    }

    @Test
    void aResetCodeSetsThePasswordOnceAndEndsTheSignIns() {
        create(false);
        Account person = account(username);
        Secret refresh = world.refreshTokens.start(UUID.randomUUID().toString(), WEB.clientId(), person.id(), SCOPES,
                world.clock.instant(), "sid-1");
        Outcome issued = commands.issueResetCode(OPERATOR, username.toUpperCase());
        AccountCommands.ResetCodeIssued code = assertInstanceOf(AccountCommands.ResetCodeIssued.class, issued);
        assertEquals(username, code.username());
        assertEquals(world.clock.instant().plus(Duration.ofHours(24)), code.expiresAt());
        assertTrue(storedCode(username, PasswordResetCode.hash(code.code())), "stored as its hash");
        assertTrue(!storedCode(username, code.code().reveal()), "never as itself");
        AuditEvent issuedEvent = audited.get(audited.size() - 1);
        assertEquals("account.password_reset_issued", issuedEvent.action());
        assertEquals(AuditEvent.Outcome.SUCCESS, issuedEvent.outcome());

        assertEquals(new Done(username, 1, List.of("password")), commands.resetPassword(Actor.anonymous("r", IP),
                username, Secret.of(code.code().reveal().toLowerCase().replace("-", " ")), OTHER_PASSWORD),
                "typed without case, with spaces for dashes");
        assertTrue(signsIn(username, OTHER_PASSWORD));
        assertTrue(!signsIn(username, PASSWORD));
        assertThrows(OAuthException.class, () -> world.refreshTokens.rotate(refresh, WEB.clientId(), Set.of()));
        assertEquals("account.password_reset", audited.get(audited.size() - 1).action());

        assertEquals(new AccountCommands.ResetRefused(username), commands.resetPassword(Actor.anonymous("r", IP),
                username, code.code(), Secret.of("a third long password")), "used once only");
        assertTrue(signsIn(username, OTHER_PASSWORD));
        assertTrue(audited.stream().map(AuditEvent::logLine).noneMatch(line -> line.contains(code.code().reveal())
                || line.contains(PasswordResetCode.hash(code.code()))), "neither the code nor its hash is audited");
    }

    @Test
    void aResetCodeIsRefusedWhenWrongExpiredReplacedOrForSomeoneElse() {
        create(false);
        Secret first = issue(username);
        Secret second = issue(username);
        assertTrue(!storedCode(username, PasswordResetCode.hash(first)), "a new code replaces the previous one");
        Actor person = Actor.anonymous("r", IP);
        assertEquals(new AccountCommands.ResetRefused(username), commands.resetPassword(person, username, first,
                OTHER_PASSWORD), "the replaced code");
        assertEquals(new AccountCommands.ResetRefused(username), commands.resetPassword(person, username,
                Secret.of("AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA"), OTHER_PASSWORD), "a wrong code");
        assertEquals(new AccountCommands.ResetRefused("nobody-" + username), commands.resetPassword(person,
                "nobody-" + username, second, OTHER_PASSWORD), "no such account: the same answer");
        assertEquals(new Invalid(List.of(new Violation("password", "must be at least 12 characters"))),
                commands.resetPassword(person, username, second, Secret.of("too short")));
        assertTrue(storedCode(username, PasswordResetCode.hash(second)), "a refused password consumes nothing");
        assertEquals(new NotFound("nobody-" + username), commands.issueResetCode(OPERATOR, "nobody-" + username));

        world.clock.advance(Duration.ofHours(24));
        assertEquals(new AccountCommands.ResetRefused(username), commands.resetPassword(person, username, second,
                OTHER_PASSWORD), "expired after 24 h");
        assertTrue(signsIn(username, PASSWORD));
    }

    @Test
    void twoResetsWithOneCodeAtOnceExactlyOneWins() {
        create(false);
        Secret code = issue(username);
        List<AtOnce.Outcome<Outcome>> outcomes = AtOnce.run(2, i -> () -> commands.resetPassword(
                Actor.anonymous("r" + i, IP), username, code, i == 0 ? OTHER_PASSWORD : Secret.of("a third long password")));

        assertTrue(outcomes.stream().allMatch(AtOnce.Outcome::succeeded), outcomes::toString);
        List<Outcome> answers = outcomes.stream().map(o -> o.value().orElseThrow()).toList();
        assertEquals(1, answers.stream().filter(Done.class::isInstance).count(), answers::toString);
        assertEquals(1, answers.stream().filter(AccountCommands.ResetRefused.class::isInstance).count(),
                answers::toString);
        Secret winner = answers.get(0) instanceof Done ? OTHER_PASSWORD : Secret.of("a third long password");
        assertTrue(signsIn(username, winner));
    }

    // --- delete

    @Test
    void deleteRemovesThePersonAndEverythingTheyHoldInOneGoAndTheAuditTrailKeepsTheirEvents() {
        create(true);
        Account person = account(username);
        String other = "q-" + username;
        // Another enabled administrator, so that this one may go.
        assertInstanceOf(Done.class, commands.create(OPERATOR, person(other, Optional.of(PASSWORD), true)));
        Account bystander = account(other);
        world.clock.advance(Duration.ofSeconds(1));
        Secret session = world.sessions.start(person.id(), "pwd").cookieValue();
        Secret refresh = world.refreshTokens.start(UUID.randomUUID().toString(), WEB.clientId(), person.id(), SCOPES,
                world.clock.instant(), "sid-1");
        Secret othersRefresh = world.refreshTokens.start(UUID.randomUUID().toString(), WEB.clientId(),
                bystander.id(), SCOPES, world.clock.instant(), "sid-2");
        world.consents.remember(person.id(), WEB.clientId(), SCOPES);
        world.consents.remember(bystander.id(), WEB.clientId(), SCOPES);
        IssuedAccessToken jwt = world.accessTokens.issue(AccessTokenClaims.forPerson(person.subject(),
                WEB.clientId(), SCOPES, world.clock.instant(), AccessTokenClaims.newJti()));
        io.latchkey.token.ReferenceTokens referenceTokens = new io.latchkey.token.ReferenceTokens(world.transactions,
                new io.latchkey.store.ReferenceTokenRepository(), world.clock);
        Secret pat = referenceTokens.store(person, WEB, io.latchkey.token.ReferenceToken.Kind.PAT, "laptop",
                Set.of("openid"), Duration.ofDays(7)).value();
        Secret sat = referenceTokens.store(person, WEB, io.latchkey.token.ReferenceToken.Kind.SAT, "robot",
                Set.of("openid"), Duration.ofDays(7)).value();
        commands.issueResetCode(OPERATOR, username);
        world.accounts.signIn(username, Secret.of("a wrong guess"), IP);
        assertTrue(world.verifier.verify(jwt.value()).isPresent());
        assertTrue(world.verifier.verify(pat).isPresent());
        long rows = rowsOf(person.id());
        assertTrue(rows >= 6, "a session, a refresh token, a consent, two tokens and a reset code: " + rows);
        assertEquals(1, throttleRows(username));

        assertEquals(new VersionConflict(username, 7, 0), commands.delete(OPERATOR, username, 7));
        assertEquals(new Done(username, 1, List.of()), commands.delete(OPERATOR, username, 0));

        assertEquals(Optional.empty(), commands.find(username));
        assertEquals(0, rowsOf(person.id()), "nothing of theirs is left");
        assertEquals(0, throttleRows(username));
        assertEquals(Optional.empty(), world.sessions.find(session));
        assertEquals(Optional.empty(), world.verifier.verify(jwt.value()), "their JWT stops working at once");
        assertEquals(Optional.empty(), world.verifier.verify(pat));
        assertEquals(Optional.empty(), world.verifier.verify(sat), "the service token they made goes with them");
        assertThrows(OAuthException.class, () -> world.refreshTokens.rotate(refresh, WEB.clientId(), Set.of()));
        world.refreshTokens.rotate(othersRefresh, WEB.clientId(), Set.of());
        assertTrue(world.consents.covers(bystander.id(), WEB.clientId(), Set.of("openid")), "others keep theirs");
        assertTrue(signsIn(other, PASSWORD));
        assertTrue(!signsIn(username, PASSWORD));
        AuditEvent deleted = audited.get(audited.size() - 1);
        assertEquals("account.deleted", deleted.action());
        assertEquals("account:" + username, deleted.target());
        assertEquals(AuditEvent.Outcome.SUCCESS, deleted.outcome());
        assertEquals(new NotFound(username), commands.delete(OPERATOR, username, 1));
    }

    @Test
    void nobodyDeletesThemselvesNorTheLastEnabledAdministrator() {
        noOtherAdministrators();
        create(true);
        Account admin = account(username);
        Actor themselves = Actor.account(admin.subject(), "req-2", IP);

        assertEquals(new AccountCommands.Undeletable(username, "nobody can delete their own account"),
                commands.delete(themselves, username, 0));
        assertEquals(new AccountCommands.Undeletable(username, "it is the last enabled administrator"),
                commands.delete(OPERATOR, username, 0));
        assertEquals(AuditEvent.Outcome.FAILURE, audited.get(audited.size() - 1).outcome());
        assertTrue(commands.find(username).isPresent());
        assertEquals(0, version(username), "a refusal changes nothing");

        String other = "q-" + username;
        assertInstanceOf(Done.class, commands.create(OPERATOR, person(other, Optional.empty(), true)));
        assertInstanceOf(Done.class, commands.delete(themselves, other, 0), "another administrator may go");
        assertInstanceOf(AccountCommands.Undeletable.class, commands.delete(OPERATOR, username, 0));
        assertInstanceOf(Done.class, commands.create(OPERATOR, person(other, Optional.empty(), true)));
        assertInstanceOf(Done.class, commands.delete(OPERATOR, username, 0), "now another is left");
    }

    /** The rows that reference the account, in every table whose foreign key names it. */
    private long rowsOf(long accountId) {
        long rows = 0;
        for (String table : List.of("browser_session", "refresh_grant", "consent", "password_reset_code")) {
            rows += TestDatabase.count(database(), "SELECT COUNT(*) FROM " + table + " WHERE account_id = ?1",
                    accountId);
        }
        return rows + TestDatabase.count(database(), "SELECT COUNT(*) FROM reference_token WHERE account_id = ?1 "
                + "OR created_by = ?2", accountId, accountId);
    }

    private long throttleRows(String name) {
        return TestDatabase.count(database(), "SELECT COUNT(*) FROM login_throttle WHERE throttle_key = ?1",
                ThrottleKeys.account(name));
    }

    // --- unlock

    @Test
    void unlockLetsAThrottledPersonSignInAtOnce() {
        create(false);
        for (int i = 0; i < 6; i++) {
            world.accounts.signIn(username, Secret.of("guess number " + i), IP);
        }
        assertInstanceOf(SignInResult.Throttled.class, world.accounts.signIn(username, PASSWORD, "198.51.100.7"));

        assertEquals(new Done(username, 0, List.of()), commands.unlock(OPERATOR, username));

        assertInstanceOf(SignInResult.Success.class, world.accounts.signIn(username, PASSWORD, "198.51.100.7"));
        assertEquals("account.unlocked", audited.get(audited.size() - 1).action());
        assertEquals(new NotFound("nobody-" + username), commands.unlock(OPERATOR, "nobody-" + username));
    }

    // --- the import's create or update

    @Test
    void theImportCreatesWhenAbsentAndAppliesTheWholeDefinitionWhenPresent() {
        AccountDefinition imported = person(username, Optional.of(PASSWORD), false);
        assertEquals(new Done(username, 0, List.of()), world.transactions.inTransaction(
                em -> commands.createOrUpdate(Actor.IMPORT, em, imported)));

        assertEquals(new Done(username, 1, List.of()), world.transactions.inTransaction(
                em -> commands.createOrUpdate(Actor.IMPORT, em, imported)), "the same file again changes nothing");
        assertEquals(new Done(username, 2, List.of("name", "password")), world.transactions.inTransaction(
                em -> commands.createOrUpdate(Actor.IMPORT, em, new AccountDefinition(username,
                        Optional.of(OTHER_PASSWORD), "Renamed", imported.email(), true, false, true))));

        assertTrue(signsIn(username, OTHER_PASSWORD));
        assertEquals(List.of("account.created", "account.updated"), audited.stream()
                .filter(e -> e.actor().equals(Actor.IMPORT)).map(AuditEvent::action).toList(),
                "an update that changed nothing is not audited");
    }
}
