package io.latchkey.authorize;

import static io.latchkey.testing.TestClients.WEB_REDIRECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.latchkey.account.Account;
import io.latchkey.account.AccountDefinition;
import io.latchkey.account.AccountService;
import io.latchkey.account.SignInResult;
import io.latchkey.client.AuthenticatedClient;
import io.latchkey.client.Client;
import io.latchkey.client.ClientAuthMethod;
import io.latchkey.client.ClientCredentials;
import io.latchkey.client.FormParameters;
import io.latchkey.grant.TokenRequest;
import io.latchkey.security.Secret;
import io.latchkey.session.BrowserSession;
import io.latchkey.store.Database;
import io.latchkey.testing.ForwardingProxy;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestRequests;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the database sees of the sign-in form's answer (POST /login after the password matched): the pending
 * request is read once, the account the password check just read is not read again, and no unit of work ends in a
 * rollback (H2 forgets the statements a connection parsed on each rollback), and the session is written with the
 * request's end. Counted on the connections of a pool.
 */
class SignInStatementsTest {
    private static final Secret BROWSER = Secret.of("browser-cookie-one-0123456789abcdefghijkl");
    private static final List<String> STATEMENTS = Collections.synchronizedList(new ArrayList<>());
    private static final List<String> ENDINGS = Collections.synchronizedList(new ArrayList<>());
    private static HikariDataSource pool;
    private static Database database;

    @BeforeAll
    static void openDatabase() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        config.setAutoCommit(false);
        config.setMaximumPoolSize(2);
        pool = new HikariDataSource(config);
        database = Database.open(counting(pool));
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
        pool.close();
    }

    @Test
    void theSignInFormsAnswerReadsThePendingRequestOnceAndWritesInOneTransactionWithoutRollback() {
        SignInWorld world = new SignInWorld(database, TestClients.webApp("first").firstParty().build());
        Account person = world.person();
        AuthorizationService.SignIn started = assertInstanceOf(AuthorizationService.SignIn.class,
                world.authorization.start(TestRequests.authorization("first", WEB_REDIRECT), BROWSER, Optional.empty()));
        STATEMENTS.clear();
        ENDINGS.clear();

        // POST /login as LoginPage answers it once the password matched.
        AuthorizationService.SignInPrompt prompt = world.authorization.signInPrompt(started.interaction(), BROWSER);
        AuthorizationService.ClaimedSignIn claimed = world.sessions.start(person.id(), BrowserSession.PASSWORD,
                (em, session) -> world.authorization.claim(prompt, em, session, BROWSER, person));
        assertInstanceOf(AuthorizationService.Reply.class, world.authorization.afterSignIn(claimed, BROWSER));

        System.out.println("SignInStatementsTest: " + STATEMENTS.size() + " statements, endings " + ENDINGS);
        assertEquals(1, count("select", "authorization_interaction"), STATEMENTS::toString);
        assertEquals(0, count("select", "account"), STATEMENTS::toString);
        assertEquals(0, Collections.frequency(ENDINGS, "rollback"), ENDINGS::toString);
        // The read of the pending request; the session with the request's end and the code.
        assertEquals(2, ENDINGS.size(), () -> ENDINGS + " " + STATEMENTS);
    }

    @Test
    void aWholeSignInRoundTripEndsEveryUnitOfWorkWithACommit() {
        Client first = TestClients.webApp("first").firstParty().build();
        SignInWorld world = new SignInWorld(database, first);
        String username = "p-" + UUID.randomUUID().toString().substring(0, 12);
        Secret password = Secret.of("a long password of " + username);
        Account person = world.transactions.inTransaction(em -> world.accounts.upsert(em, new AccountDefinition(username,
                Optional.of(password), "Person", Optional.empty(), false, false, true), world.clock.instant()));
        STATEMENTS.clear();
        ENDINGS.clear();
        List<String> steps = new ArrayList<>();

        // GET /oauth/authorize
        AuthorizationService.SignIn started = assertInstanceOf(AuthorizationService.SignIn.class,
                world.authorization.start(TestRequests.authorization("first", WEB_REDIRECT), BROWSER, Optional.empty()));
        steps.add(step("authorize"));
        // GET /login
        world.authorization.signInPrompt(started.interaction(), BROWSER);
        steps.add(step("login form"));
        // POST /login
        AuthorizationService.SignInPrompt prompt = world.authorization.signInPrompt(started.interaction(), BROWSER);
        // As LoginPage: the throttle's release, the session, the request's end and the code in one transaction.
        AccountService.SignedIn<AuthorizationService.ClaimedSignIn> signedIn = world.accounts.signIn(username,
                password, "192.0.2.1", (em, account) -> world.authorization.claim(prompt, em,
                        world.sessions.start(em, account.id(), BrowserSession.PASSWORD), BROWSER, account));
        assertInstanceOf(SignInResult.Success.class, signedIn.result());
        AuthorizationReply reply = assertInstanceOf(AuthorizationService.Reply.class,
                world.authorization.afterSignIn(signedIn.started().orElseThrow(), BROWSER)).reply();
        String signInStep = step("sign-in");
        steps.add(signInStep);
        // POST /oauth/token
        Map<String, String> token = new LinkedHashMap<>();
        token.put("grant_type", "authorization_code");
        token.put("code", reply.parameters().get("code"));
        token.put("redirect_uri", WEB_REDIRECT);
        token.put("code_verifier", TestRequests.VERIFIER);
        world.codeGrant.handle(new TokenRequest("authorization_code", FormParameters.of(token),
                new ClientCredentials(ClientAuthMethod.CLIENT_SECRET_BASIC, "first", Optional.empty())),
                new AuthenticatedClient(first, ClientAuthMethod.CLIENT_SECRET_BASIC));
        steps.add(step("token"));

        System.out.println("SignInStatementsTest round trip: " + steps);
        // The pending request's read, the throttle's admission before the hash, and everything the success writes.
        assertTrue(signInStep.startsWith("sign-in: CCC "), steps::toString);
        assertEquals(0, steps.stream().mapToLong(s -> s.chars().filter(c -> c == 'R').count()).sum(),
                steps::toString);
    }

    /** This step's units of work (C committed, R rolled back) and statements, counted anew for the next one. */
    private static String step(String name) {
        StringBuilder endings = new StringBuilder();
        synchronized (ENDINGS) {
            ENDINGS.forEach(e -> endings.append(e.equals("commit") ? 'C' : 'R'));
            ENDINGS.clear();
        }
        String line = name + ": " + endings + " " + STATEMENTS.size() + " statements";
        STATEMENTS.clear();
        return line;
    }

    private static long count(String verb, String table) {
        synchronized (STATEMENTS) {
            return STATEMENTS.stream().map(s -> s.toLowerCase(Locale.ROOT).trim())
                    .filter(s -> s.startsWith(verb) && s.matches("(?s).*\\bfrom\\s+" + table + "\\b.*")).count();
        }
    }

    private static DataSource counting(DataSource pool) {
        return ForwardingProxy.of(DataSource.class, pool, (method, arguments, target) -> {
            Object result = target.proceed();
            return method.getName().equals("getConnection") ? countingConnection((Connection) result) : result;
        });
    }

    private static Connection countingConnection(Connection connection) {
        return ForwardingProxy.of(Connection.class, connection, (method, args, target) -> {
            switch (method.getName()) {
                case "prepareStatement", "prepareCall" -> STATEMENTS.add((String) args[0]);
                case "commit", "rollback" -> {
                    if (args == null) {
                        ENDINGS.add(method.getName());
                    }
                }
                default -> { }
            }
            return target.proceed();
        });
    }


}
