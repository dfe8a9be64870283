package io.latchkey.store;

import static io.latchkey.testing.TestRequests.CHALLENGE;
import static io.latchkey.testing.TestRequests.NONCE;
import static io.latchkey.testing.TestRequests.VERIFIER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.account.Account;
import io.latchkey.client.AuthenticatedClient;
import io.latchkey.client.ClientAuthMethod;
import io.latchkey.client.ClientCredentials;
import io.latchkey.client.Client;
import io.latchkey.client.FormParameters;
import io.latchkey.grant.TokenRequest;
import io.latchkey.security.Secret;
import io.latchkey.testing.ForwardingProxy;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.token.TokenResponse;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cost of the two hot grants on the database, counted at the JDBC boundary: statements prepared and
 * transactions ended (commits and rollbacks). The code exchange and the refresh are one transaction each, and
 * must not grow: these are the counts measured before the storage seam (issue 11), as ceilings.
 */
class GrantStatementCountTest {
    private static final Client WEB = TestClients.webApp("web").build();
    private static final AtomicInteger STATEMENTS = new AtomicInteger();
    private static final AtomicInteger TRANSACTIONS = new AtomicInteger();
    private static Database database;

    @BeforeAll
    static void openCountingDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        database = Database.open(counting(h2));
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    private record Cost(int statements, int transactions) {
    }

    private static Cost measure(Runnable work) {
        STATEMENTS.set(0);
        TRANSACTIONS.set(0);
        work.run();
        return new Cost(STATEMENTS.get(), TRANSACTIONS.get());
    }

    @Test
    void theCodeExchangeAndTheRefreshEachCostOneTransactionAndNoMoreStatementsThanBefore() {
        SignInWorld world = new SignInWorld(database, WEB);
        Account person = world.person();
        String redirect = WEB.redirectUris().get(0);
        // Warm up: Hibernate prepares nothing differently the second time, but the first call loads metadata.
        exchange(world, person, redirect);
        Secret code = world.codes.issue("web", person.id(), redirect, true, CHALLENGE, Optional.of(NONCE),
                Set.of("openid", "offline_access"), world.clock.instant(), "sid-1");
        TokenResponse[] first = new TokenResponse[1];
        Cost exchange = measure(() -> first[0] = world.codeGrant.handle(form("authorization_code", "code",
                code.reveal(), "redirect_uri", redirect, "code_verifier", VERIFIER), authenticated()));
        Cost refresh = measure(() -> world.refreshGrant.handle(form("refresh_token", "refresh_token",
                first[0].refreshToken().orElseThrow().reveal()), authenticated()));
        System.out.println("code exchange: " + exchange + ", refresh: " + refresh);
        assertEquals(1, exchange.transactions(), "code exchange transactions");
        assertEquals(1, refresh.transactions(), "refresh transactions");
        // Before the seam: the code exchange consumed the code, read it and the account, inserted the refresh
        // token and the access-token record (5); the refresh read its token, marked it, inserted the next one and
        // read the account (4).
        assertTrue(exchange.statements() <= 5, "code exchange statements: " + exchange.statements());
        assertTrue(refresh.statements() <= 4, "refresh statements: " + refresh.statements());
    }

    private static void exchange(SignInWorld world, Account person, String redirect) {
        Secret code = world.codes.issue("web", person.id(), redirect, true, CHALLENGE, Optional.of(NONCE),
                Set.of("openid", "offline_access"), world.clock.instant(), "sid-0");
        TokenResponse response = world.codeGrant.handle(form("authorization_code", "code", code.reveal(),
                "redirect_uri", redirect, "code_verifier", VERIFIER), authenticated());
        world.refreshGrant.handle(form("refresh_token", "refresh_token",
                response.refreshToken().orElseThrow().reveal()), authenticated());
    }

    private static AuthenticatedClient authenticated() {
        return new AuthenticatedClient(WEB, ClientAuthMethod.CLIENT_SECRET_BASIC);
    }

    private static TokenRequest form(String grantType, String... namesAndValues) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("grant_type", grantType);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new TokenRequest(grantType, FormParameters.of(values),
                new ClientCredentials(ClientAuthMethod.NONE, "ignored", Optional.empty()));
    }

    private static DataSource counting(DataSource pool) {
        return ForwardingProxy.of(DataSource.class, pool, (method, arguments, target) -> {
            Object result = target.proceed();
            return result instanceof Connection connection
                    ? ForwardingProxy.of(Connection.class, connection, (call, args, inner) -> {
                        switch (call.getName()) {
                            case "prepareStatement", "prepareCall", "createStatement" -> STATEMENTS.incrementAndGet();
                            case "commit", "rollback" -> TRANSACTIONS.incrementAndGet();
                            default -> { }
                        }
                        return inner.proceed();
                    })
                    : result;
        });
    }


}
