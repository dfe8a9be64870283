package io.latchkey.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.account.Account;
import io.latchkey.client.Client;
import io.latchkey.security.Secret;
import io.latchkey.store.Database;
import io.latchkey.testing.ForwardingProxy;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** UserInfo's look-up of a JWT access token's claims request ends its read-only transaction with a commit. */
class UserInfoEndpointTest {
    private static final Client WEB = TestClients.webApp("web").build();
    private static Database database;

    @BeforeAll
    static void openDatabase() {
        database = TestDatabase.open();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @Test
    void theClaimsRequestOfAJwtAccessTokenIsReadInATransactionThatCommits() {
        // Closed without a commit, the read would be rolled back, and H2 forgets every statement the session parsed
        // on a rollback (SessionLocal.rollbackTo): the next UserInfo request would parse its SQL again.
        SignInWorld world = new SignInWorld(database, WEB);
        Account person = world.person();
        List<String> ends = new ArrayList<>();
        UserInfoEndpoint userInfo = new UserInfoEndpoint(world.verifier, world.accounts,
                recordingEnds(world.grantStorage, ends), world.references);
        Secret token = world.accessTokens.issue(AccessTokenClaims.forPerson(person.subject(), "web",
                Set.of("openid"), world.clock.instant(), AccessTokenClaims.newJti())).value();

        assertEquals(Map.of("sub", person.subject()), userInfo.claims(token, "192.0.2.1"));
        assertEquals(List.of("commit", "close"), ends);
    }

    /** {@code storage}, noting each commit and close of the transactions it begins. */
    private static GrantStorage recordingEnds(GrantStorage storage, List<String> ends) {
        return ForwardingProxy.of(GrantStorage.class, storage, (method, arguments, target) -> {
            Object result = target.proceed();
            return result instanceof GrantTransaction tx
                    ? ForwardingProxy.of(GrantTransaction.class, tx, (call, args, inner) -> {
                        if (call.getName().equals("commit") || call.getName().equals("close")) {
                            ends.add(call.getName());
                        }
                        return inner.proceed();
                    })
                    : result;
        });
    }

}
