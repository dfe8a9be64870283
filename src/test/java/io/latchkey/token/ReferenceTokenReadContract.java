package io.latchkey.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.account.Account;
import io.latchkey.client.AccessTokenPolicy;
import io.latchkey.client.Client;
import io.latchkey.security.Secret;
import io.latchkey.store.Database;
import io.latchkey.store.ReferenceTokenRepository;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The look-up of a presented personal or service access token in one plain read (the row and its owner's, joined,
 * on a pooled connection outside any unit of work), on each database.
 */
abstract class ReferenceTokenReadContract {
    private static final Client APP = TestClients.webApp("read-app")
            .withAccessTokens(AccessTokenPolicy.AUTHENTICATED_USERS).build();

    abstract Database database();

    private SignInWorld world;
    private ReferenceTokens tokens;
    private Account person;

    @BeforeEach
    void newWorld() {
        world = new SignInWorld(database(), APP);
        tokens = new ReferenceTokens(world.transactions, new ReferenceTokenRepository(),
                world.clock);
        person = world.person();
    }

    private ReferenceTokens.Issued issue(ReferenceToken.Kind kind) {
        return tokens.store(person, APP, kind, "read", Set.of("openid"), Duration.ofDays(1));
    }

    @Test
    void aPersonalTokenIsReadWithItsOwnersUsernameAndTimesExactly() {
        ReferenceTokens.Issued issued = issue(ReferenceToken.Kind.PAT);
        AccessTokenVerifier.VerifiedAccessToken token = tokens.verify(issued.value()).orElseThrow();
        assertEquals(person.subject(), token.subject());
        assertEquals(Optional.of(person.username()), token.username());
        assertEquals(issued.token().createdAt(), token.issuedAt());
        assertEquals(issued.token().expiresAt(), token.expiresAt());
        assertEquals(Set.of("openid"), token.scopes());
        assertEquals(Optional.of(ReferenceToken.Kind.PAT), token.reference());
    }

    @Test
    void aServiceTokenHasNoOwnerToRead() {
        AccessTokenVerifier.VerifiedAccessToken token = tokens.verify(issue(ReferenceToken.Kind.SAT).value())
                .orElseThrow();
        assertEquals(Optional.empty(), token.username());
        assertTrue(token.subject().endsWith(APP.clientId()));
    }

    @Test
    void aDisabledOwnerARevokedTokenAndAnUnknownOneAreNotLive() {
        ReferenceTokens.Issued revoked = issue(ReferenceToken.Kind.PAT);
        ReferenceTokens.Issued kept = issue(ReferenceToken.Kind.PAT);
        assertTrue(tokens.revokeIssuedBy(person, revoked.token().id()));
        assertEquals(Optional.empty(), tokens.verify(revoked.value()));
        assertEquals(Optional.empty(), tokens.verify(ReferenceToken.generate(ReferenceToken.Kind.PAT)));
        assertTrue(tokens.verify(kept.value()).isPresent());
        world.setEnabled(person, false);
        assertEquals(Optional.empty(), tokens.verify(kept.value()));
    }

    @Test
    void everyReadGivesItsConnectionBack() {
        Secret value = issue(ReferenceToken.Kind.PAT).value();
        // More reads than the pool has connections: one kept back would exhaust it.
        for (int i = 0; i < 40; i++) {
            assertTrue(tokens.verify(value).isPresent());
        }
        assertThrows(PersistenceException.class, () -> world.transactions.read(connection ->
                connection.prepareStatement("SELECT no_such_column FROM reference_token").executeQuery()));
        for (int i = 0; i < 20; i++) {
            assertTrue(tokens.verify(value).isPresent());
        }
    }
}
