package io.latchkey.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.account.Account;
import io.latchkey.account.AccountDefinition;
import io.latchkey.audit.Actor;
import io.latchkey.client.AccessTokenPolicy;
import io.latchkey.client.ApplicationSubject;
import io.latchkey.client.Client;
import io.latchkey.security.Secret;
import io.latchkey.store.Database;
import io.latchkey.store.ReferenceTokenRepository;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import io.latchkey.testing.TestKeys;
import io.latchkey.token.AccessTokenClaims;
import io.latchkey.token.ReferenceToken;
import io.latchkey.token.ReferenceTokens;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin API's authentication over real tokens and accounts: the policy sees the holder as they are at each
 * request, so a demoted or disabled administrator's personal access token stops at once.
 */
class AdminAuthenticationTest {
    private static final Client BOT = TestClients.m2m("admin-bot").withScopes("latchkey:admin", "orders:read").build();
    private static final Client PAT_APP = TestClients.m2m("admin-pats").withScopes("latchkey:admin")
            .withAccessTokens(AccessTokenPolicy.ADMINISTRATORS_ONLY).build();
    private static final Client WEB = TestClients.webApp("admin-web").withScopes("openid", "latchkey:admin").build();
    private static Database database;
    private SignInWorld world;
    private AdminAuthentication authentication;
    private ReferenceTokens referenceTokens;

    @BeforeAll
    static void openDatabase() {
        database = TestDatabase.open();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @BeforeEach
    void newWorld() {
        world = new SignInWorld(database, BOT, PAT_APP, WEB);
        authentication = new AdminAuthentication(TestKeys.ISSUER, world.verifier, world.clients, world.accounts,
                world.scopes);
        referenceTokens = new ReferenceTokens(world.transactions, new ReferenceTokenRepository(), world.clock);
    }

    private Account administrator(boolean admin, boolean enabled, String username) {
        return world.transactions.inTransaction(em -> world.accounts.upsert(em, new AccountDefinition(username,
                Optional.empty(), "Admin " + username, Optional.empty(), false, admin, enabled), world.clock.instant()));
    }

    private AdminAuthentication.Result call(String method, Secret token) {
        return authentication.authenticate(method, token, "req-1", "192.0.2.9");
    }

    @Test
    void anM2mApplicationWithTheScopeActsAsItself() {
        Secret jwt = world.accessTokens.issue(AccessTokenClaims.forService(BOT.clientId(), Set.of("latchkey:admin")))
                .value();
        AdminAuthentication.Result result = call("DELETE", jwt);
        assertEquals(new AdminAccessPolicy.Allowed(false), result.decision());
        assertEquals(Optional.of(Actor.application(BOT.clientId(), "req-1", "192.0.2.9")), result.actor());
    }

    @Test
    void itsTokenWithoutTheScopeIsRefused() {
        Secret jwt = world.accessTokens.issue(AccessTokenClaims.forService(BOT.clientId(), Set.of("orders:read")))
                .value();
        assertEquals(AdminAccessPolicy.InsufficientScope.class, call("GET", jwt).decision().getClass());
    }

    @Test
    void anUnknownTokenIsInvalid() {
        assertEquals(AdminAccessPolicy.InvalidToken.class,
                call("GET", Secret.of("lk_pat_" + "0".repeat(49))).decision().getClass());
    }

    @Test
    void anAdministratorsPersonalTokenStopsWhenTheyAreDemotedOrDisabled() {
        String username = "adm-" + UUID.randomUUID().toString().substring(0, 8);
        Account admin = administrator(true, true, username);
        Secret pat = referenceTokens.store(admin, PAT_APP, ReferenceToken.Kind.PAT, "cli", Set.of("latchkey:admin"),
                Duration.ofDays(7)).value();
        AdminAuthentication.Result allowed = call("PATCH", pat);
        assertEquals(new AdminAccessPolicy.Allowed(false), allowed.decision());
        assertEquals(Optional.of(Actor.account(admin.subject(), "req-1", "192.0.2.9")), allowed.actor());

        administrator(false, true, username);
        assertEquals(new AdminAccessPolicy.InsufficientScope("latchkey:admin",
                "the token's holder is not an administrator"), call("PATCH", pat).decision());

        administrator(true, true, username);
        assertEquals(new AdminAccessPolicy.Allowed(false), call("PATCH", pat).decision());
        administrator(true, false, username);
        assertEquals(AdminAccessPolicy.InvalidToken.class, call("PATCH", pat).decision().getClass(),
                "a disabled account's tokens are not valid at all");
    }

    @Test
    void aPersonsTokenFromASignInIsNotAPersonalAccessToken() {
        Account admin = administrator(true, true, "adm-" + UUID.randomUUID().toString().substring(0, 8));
        Secret jwt = world.accessTokens.issue(AccessTokenClaims.forPerson(admin.subject(), WEB.clientId(),
                Set.of("latchkey:admin"), world.clock.instant(), AccessTokenClaims.newJti())).value();
        assertEquals(new AdminAccessPolicy.InsufficientScope("latchkey:admin.read",
                "a person uses the admin API with a personal access token"), call("GET", jwt).decision());
        assertEquals(false, ApplicationSubject.isApplication(admin.subject()));
    }
}
