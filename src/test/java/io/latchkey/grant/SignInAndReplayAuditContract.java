package io.latchkey.grant;

import static io.latchkey.testing.TestRequests.CHALLENGE;
import static io.latchkey.testing.TestRequests.NONCE;
import static io.latchkey.testing.TestRequests.VERIFIER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.account.Account;
import io.latchkey.account.AccountDefinition;
import io.latchkey.account.SignInEvents;
import io.latchkey.account.SignInResult;
import io.latchkey.audit.AuditEvent;
import io.latchkey.client.AuthenticatedClient;
import io.latchkey.client.Client;
import io.latchkey.client.ClientAuthMethod;
import io.latchkey.client.ClientCredentials;
import io.latchkey.client.FormParameters;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.session.BrowserSession;
import io.latchkey.store.Database;
import io.latchkey.testing.InterruptedAuditTrail;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import io.latchkey.token.RefreshTokenValue;
import io.latchkey.token.TokenResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a replayed code or a reused refresh token revokes, and the session or grant a sign-in starts, commit with
 * their audit event or not at all: a process that dies right after the commit
 * ({@link InterruptedAuditTrail.At#AFTER_COMMIT}) has stored the event, and a transaction that fails after the event
 * was written into it ({@link InterruptedAuditTrail.At#BEFORE_COMMIT}) keeps neither. Run on H2 ({@link SignInAndReplayAuditH2Test}) and
 * PostgreSQL ({@link SignInAndReplayAuditPostgresTest}).
 */
abstract class SignInAndReplayAuditContract {
    private static final String PASSWORD = "correct horse battery staple";

    private final Client web = TestClients.webApp("web-" + UUID.randomUUID()).withPasswordGrant().build();
    private final Client other = TestClients.webApp("other-" + UUID.randomUUID()).build();

    abstract Database database();

    private static InterruptedAuditTrail trail(Database database, InterruptedAuditTrail.At at) {
        return new InterruptedAuditTrail(database, at);
    }

    // --- a replayed authorization code

    @Test
    void aReplayedCodesRevocationCommitsWithItsAuditEventOrNotAtAll() {
        for (InterruptedAuditTrail.At at : InterruptedAuditTrail.At.values()) {
            InterruptedAuditTrail trail = trail(database(), at);
            SignInWorld world = new SignInWorld(database(), trail, web, other);
            Account person = world.person();
            Secret code = code(world, person);
            TokenResponse first = exchange(world, code, web);
            String family = familyOf(world, first.refreshToken().orElseThrow());

            refusedOrDied(() -> exchange(world, code, other));

            boolean kept = at == InterruptedAuditTrail.At.AFTER_COMMIT;
            assertEquals(kept, revokedRefreshTokens(family) > 0, at + ": revoked with its event or not at all");
            assertEquals(kept ? 1 : 0, trail.stored("authorization_code.replayed", "grant:" + family).size(),
                    at + ": the grant was revoked, so its event was stored with it");
        }
    }

    // --- a reused refresh token

    @Test
    void aReusedRefreshTokensRevocationCommitsWithItsAuditEventOrNotAtAll() {
        for (InterruptedAuditTrail.At at : InterruptedAuditTrail.At.values()) {
            InterruptedAuditTrail trail = trail(database(), at);
            SignInWorld world = new SignInWorld(database(), trail, web, other);
            Account person = world.person();
            Secret first = exchange(world, code(world, person), web).refreshToken().orElseThrow();
            String family = familyOf(world, first);
            refresh(world, first);

            refusedOrDied(() -> refresh(world, first));

            boolean kept = at == InterruptedAuditTrail.At.AFTER_COMMIT;
            assertEquals(kept, revokedRefreshTokens(family) > 0, at + ": revoked with its event or not at all");
            assertEquals(kept ? 1 : 0, trail.stored("refresh_token.reuse_detected", "grant:" + family).size(),
                    at + ": the family was revoked, so its event was stored with it");
        }
    }

    @Test
    void aSuccessfulRefreshWritesNoAuditEvent() {
        InterruptedAuditTrail trail = trail(database(), InterruptedAuditTrail.At.BEFORE_COMMIT);
        SignInWorld world = new SignInWorld(database(), trail, web, other);
        Secret first = exchange(world, code(world, world.person()), web).refreshToken().orElseThrow();

        assertTrue(refresh(world, first).refreshToken().isPresent(), "no event was written into the rotation");
    }

    // --- sign-ins

    @Test
    void aPasswordGrantsSignInCommitsWithTheGrantItMade() {
        InterruptedAuditTrail dying = trail(database(), InterruptedAuditTrail.At.AFTER_COMMIT);
        SignInWorld world = new SignInWorld(database(), dying, web, other);
        Account person = withPassword(world);
        PasswordGrant grant = new PasswordGrant(world.accounts, world.grantStorage, world.refreshTokens,
                world.personTokens, dying, world.clock);

        Optional<TokenResponse> answered = InterruptedAuditTrail.survived(() -> grant.handle(
                passwordRequest(person.username()), new AuthenticatedClient(web, ClientAuthMethod.CLIENT_SECRET_BASIC)));

        assertTrue(answered.isPresent(), "the sign-in's event went with the grant's transaction, not after it");
        assertTrue(answered.get().refreshToken().isPresent());
        assertEquals(1, dying.stored(SignInEvents.SIGN_IN, "account:" + person.subject()).size());
    }

    @Test
    void aPasswordGrantThatFailsAfterItsSignInEventIssuesNothing() {
        InterruptedAuditTrail failing = trail(database(), InterruptedAuditTrail.At.BEFORE_COMMIT);
        SignInWorld world = new SignInWorld(database(), failing, web, other);
        Account person = withPassword(world);
        PasswordGrant grant = new PasswordGrant(world.accounts, world.grantStorage, world.refreshTokens,
                world.personTokens, failing, world.clock);

        assertThrows(InterruptedAuditTrail.Interruption.class, () -> grant.handle(passwordRequest(person.username()),
                new AuthenticatedClient(web, ClientAuthMethod.CLIENT_SECRET_BASIC)));

        assertEquals(0, TestDatabase.count(database(), "select count(*) from refresh_grant where account_id = ?1",
                person.id()));
        assertEquals(List.of(), failing.stored(SignInEvents.SIGN_IN, "account:" + person.subject()));
    }

    @Test
    void aBrowserSessionCommitsWithItsSignInEventOrNotAtAll() {
        for (InterruptedAuditTrail.At at : InterruptedAuditTrail.At.values()) {
            InterruptedAuditTrail trail = trail(database(), at);
            SignInWorld world = new SignInWorld(database(), trail, web, other);
            Account person = world.person();
            AuditEvent signIn = SignInEvents.of(new SignInResult.Success(person), "the sign-in form", "req-1",
                    "192.0.2.1");

            try {
                // As the sign-in pages start a session: its sign_in event written in the session's transaction.
                world.sessions.start(person.id(), BrowserSession.PASSWORD, (em, started) -> {
                    trail.record(em, signIn);
                    return started;
                });
            } catch (InterruptedAuditTrail.Interruption interrupted) {
                // BEFORE_COMMIT: the session's transaction failed; AFTER_COMMIT (old code): died after it.
            }

            boolean kept = at == InterruptedAuditTrail.At.AFTER_COMMIT;
            assertEquals(kept ? 1 : 0, TestDatabase.count(database(),
                    "select count(*) from browser_session where account_id = ?1", person.id()), at.toString());
            assertEquals(kept ? 1 : 0, trail.stored(SignInEvents.SIGN_IN, "account:" + person.subject()).size(),
                    at + ": the session was stored, so its sign-in event was stored with it");
        }
    }

    // --- helpers

    private Secret code(SignInWorld world, Account person) {
        return world.codes.issue(web.clientId(), person.id(), web.redirectUris().get(0), true, CHALLENGE,
                Optional.of(NONCE), Set.of("openid", "offline_access"), world.clock.instant(), "sid-1");
    }

    private TokenResponse exchange(SignInWorld world, Secret code, Client client) {
        return world.codeGrant.handle(form("authorization_code", "code", code.reveal(), "redirect_uri",
                web.redirectUris().get(0), "code_verifier", VERIFIER), authenticated(client));
    }

    private TokenResponse refresh(SignInWorld world, Secret refreshToken) {
        return world.refreshGrant.handle(form("refresh_token", "refresh_token", refreshToken.reveal()),
                authenticated(web));
    }

    /** Calls what must be refused as invalid_grant, or interrupted once its transaction ended. */
    private static void refusedOrDied(Runnable call) {
        try {
            call.run();
        } catch (OAuthException refused) {
            assertEquals(ErrorCode.INVALID_GRANT, refused.error().code(), refused.detail());
            return;
        } catch (InterruptedAuditTrail.Interruption died) {
            return;
        }
        throw new AssertionError("neither refused nor interrupted");
    }

    private long revokedRefreshTokens(String family) {
        return TestDatabase.count(database(),
                "select count(*) from refresh_grant where family_id = ?1 and revoked_at is not null", family);
    }

    private static String familyOf(SignInWorld world, Secret refreshToken) {
        return world.transactions.inTransaction(em -> world.refreshRepository.find(em,
                RefreshTokenValue.presented(refreshToken).familyKey()).orElseThrow().grant().familyId());
    }

    private Account withPassword(SignInWorld world) {
        String username = "pw-" + UUID.randomUUID().toString().substring(0, 10);
        return world.transactions.inTransaction(em -> world.accounts.upsert(em, new AccountDefinition(username,
                Optional.of(Secret.of(PASSWORD)), "Pat Word", Optional.empty(), false, false, true),
                world.clock.instant()));
    }

    private TokenRequest passwordRequest(String username) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("grant_type", "password");
        values.put("username", username);
        values.put("password", PASSWORD);
        values.put("scope", "openid offline_access");
        return new TokenRequest("password", FormParameters.of(values), new ClientCredentials(
                ClientAuthMethod.CLIENT_SECRET_BASIC, web.clientId(), Optional.of(Secret.of(TestClients.SECRET))),
                "192.0.2.10");
    }

    private static AuthenticatedClient authenticated(Client client) {
        return new AuthenticatedClient(client, ClientAuthMethod.CLIENT_SECRET_BASIC);
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
}
