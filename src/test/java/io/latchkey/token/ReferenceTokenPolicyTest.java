package io.latchkey.token;

import static io.latchkey.token.ReferenceToken.Kind.PAT;
import static io.latchkey.token.ReferenceToken.Kind.SAT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.latchkey.account.Account;
import io.latchkey.client.AccessTokenPolicy;
import io.latchkey.client.Client;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.testing.TestClients;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Who may issue which reference token: 3 policies × person/admin × PAT/SAT, then scopes and lifetime. */
class ReferenceTokenPolicyTest {
    private static final Account PERSON = account(false);
    private static final Account ADMIN = account(true);

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(AccessTokenPolicy.NONE, false, PAT, false),
                Arguments.of(AccessTokenPolicy.NONE, false, SAT, false),
                Arguments.of(AccessTokenPolicy.NONE, true, PAT, false),
                Arguments.of(AccessTokenPolicy.NONE, true, SAT, false),
                Arguments.of(AccessTokenPolicy.AUTHENTICATED_USERS, false, PAT, true),
                Arguments.of(AccessTokenPolicy.AUTHENTICATED_USERS, false, SAT, false),
                Arguments.of(AccessTokenPolicy.AUTHENTICATED_USERS, true, PAT, true),
                Arguments.of(AccessTokenPolicy.AUTHENTICATED_USERS, true, SAT, true),
                Arguments.of(AccessTokenPolicy.ADMINISTRATORS_ONLY, false, PAT, false),
                Arguments.of(AccessTokenPolicy.ADMINISTRATORS_ONLY, false, SAT, false),
                Arguments.of(AccessTokenPolicy.ADMINISTRATORS_ONLY, true, PAT, true),
                Arguments.of(AccessTokenPolicy.ADMINISTRATORS_ONLY, true, SAT, true));
    }

    @ParameterizedTest(name = "{0} admin={1} {2} -> {3}")
    @MethodSource("table")
    void decidesWhoMayIssue(AccessTokenPolicy policy, boolean admin, ReferenceToken.Kind kind, boolean allowed) {
        assertEquals(allowed, ReferenceTokenPolicy.mayIssue(policy, admin, kind));
        Client client = app(policy).build();
        Set<String> scopes = Set.of("orders:read");
        if (allowed) {
            ReferenceTokenPolicy.check(admin ? ADMIN : PERSON, client, kind, scopes, Duration.ofDays(30));
        } else {
            OAuthException refused = assertThrows(OAuthException.class, () -> ReferenceTokenPolicy.check(
                    admin ? ADMIN : PERSON, client, kind, scopes, Duration.ofDays(30)));
            assertEquals(ErrorCode.ACCESS_DENIED, refused.error().code());
        }
    }

    @Test
    void aDisabledApplicationIssuesNothing() {
        Client client = app(AccessTokenPolicy.AUTHENTICATED_USERS).disabled().build();
        assertEquals(ErrorCode.ACCESS_DENIED, refusal(ADMIN, client, SAT, Set.of("orders:read"), 30));
    }

    @Test
    void aPersonalTokenMayCarryPersonScopesButNeverOfflineAccess() {
        Client client = app(AccessTokenPolicy.AUTHENTICATED_USERS).build();
        assertEquals(Set.of("openid", "profile", "email", "orders:read"),
                ReferenceTokenPolicy.issuableScopes(client, PAT));
        ReferenceTokenPolicy.check(PERSON, client, PAT, Set.of("openid", "profile"), Duration.ofDays(1));
        assertEquals(ErrorCode.INVALID_SCOPE, refusal(PERSON, client, PAT, Set.of("offline_access"), 30));
    }

    @Test
    void aServiceTokenCarriesNoPersonScopes() {
        Client client = app(AccessTokenPolicy.AUTHENTICATED_USERS).build();
        assertEquals(Set.of("orders:read"), ReferenceTokenPolicy.issuableScopes(client, SAT));
        assertEquals(ErrorCode.INVALID_SCOPE, refusal(ADMIN, client, SAT, Set.of("openid"), 30));
    }

    @Test
    void scopesMustBeOfferedAndNotEmpty() {
        Client client = app(AccessTokenPolicy.AUTHENTICATED_USERS).build();
        assertEquals(ErrorCode.INVALID_SCOPE, refusal(PERSON, client, PAT, Set.of(), 30));
        assertEquals(ErrorCode.INVALID_SCOPE, refusal(PERSON, client, PAT, Set.of("orders:write"), 30));
    }

    @Test
    void lifetimeIsBetweenOneDayAndTheApplicationsMaximum() {
        Client client = app(AccessTokenPolicy.AUTHENTICATED_USERS).withMaxReferenceTokenLifetime(Duration.ofDays(7))
                .build();
        ReferenceTokenPolicy.check(PERSON, client, PAT, Set.of("orders:read"), Duration.ofDays(7));
        assertEquals(ErrorCode.INVALID_REQUEST, refusal(PERSON, client, PAT, Set.of("orders:read"), 8));
        assertEquals(ErrorCode.INVALID_REQUEST, refusal(PERSON, client, PAT, Set.of("orders:read"), 0));
    }

    private static ErrorCode refusal(Account account, Client client, ReferenceToken.Kind kind, Set<String> scopes,
                                     int days) {
        return assertThrows(OAuthException.class, () -> ReferenceTokenPolicy.check(account, client, kind, scopes,
                Duration.ofDays(days))).error().code();
    }

    private static TestClients.Builder app(AccessTokenPolicy policy) {
        return TestClients.webApp("orders-web").withAccessTokens(policy);
    }

    private static Account account(boolean admin) {
        return new Account(admin ? 2L : 1L, admin ? "sub-admin" : "sub-person", admin ? "admin" : "person",
                "Someone", Optional.empty(), false, admin, true);
    }
}
