package io.latchkey.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.account.Account;
import io.latchkey.client.Client;
import io.latchkey.store.Database;
import io.latchkey.store.ReferenceTokenRepository;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestDatabase;
import io.latchkey.testing.TestKeys;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Opaque access tokens for applications whose access_token_format is "reference". */
class ReferenceAccessTokensTest {
    private static Database database;
    private SignInWorld world;
    private AccessTokenIssuer issuer;
    private Account person;

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
        world = new SignInWorld(database, TestClients.webApp("web").build(), TestClients.m2m("batch").build());
        issuer = new AccessTokenIssuer(TestKeys.ISSUER, SignInWorld.ACCESS_TTL, world.keys, world.scopes,
                Optional.of(new ReferenceTokens(world.transactions, new ReferenceTokenRepository(), world.clock)), world.clock);
        person = world.person();
    }

    private IssuedAccessToken issueForPerson() {
        return issuer.issue(AccessTokenClaims.forPerson(person.subject(), "web", Set.of("openid", "orders:read"),
                world.clock.instant(), AccessTokenClaims.newJti()), true, Optional.of(person.id()));
    }

    @Test
    void aReferenceTokenIsOpaqueAndVerifiesLikeAJwt() {
        IssuedAccessToken token = issueForPerson();
        assertTrue(token.value().reveal().startsWith("lk_at_"));
        AccessTokenVerifier.VerifiedAccessToken verified = world.verifier.verify(token.value()).orElseThrow();
        assertEquals(person.subject(), verified.subject());
        assertEquals("web", verified.clientId());
        assertEquals(Set.of("openid", "orders:read"), verified.scopes());
        assertEquals(token.expiresAt(), verified.expiresAt());
    }

    @Test
    void itExpiresWithTheAccessTokenLifetime() {
        IssuedAccessToken token = issueForPerson();
        world.clock.advanceSeconds(SignInWorld.ACCESS_TTL.toSeconds() + 1);
        assertEquals(Optional.empty(), world.verifier.verify(token.value()));
    }

    @Test
    void revokingItsGrantRevokesItAtOnce() {
        IssuedAccessToken token = issueForPerson();
        world.families.recordAccessToken("family-1", "web", token);
        world.families.revoke("family-1", world.clock.instant());
        assertEquals(Optional.empty(), world.verifier.verify(token.value()));
    }

    @Test
    void aServiceTokenActsAsTheApplication() {
        IssuedAccessToken token = issuer.issue(AccessTokenClaims.forService("batch", Set.of("orders:read")), true,
                Optional.empty());
        assertEquals("client:batch", world.verifier.verify(token.value()).orElseThrow().subject());
    }

    /**
     * OIDC Core §5.5: the userinfo member of the claims request parameter reaches UserInfo through an opaque token
     * as through a JWT, here email without the email scope; a parameter without userinfo claims is not kept.
     */
    @Test
    void userInfoAnswersTheClaimsTheSignInAskedForThroughTheOpaqueToken() {
        UserInfoEndpoint userInfo = new UserInfoEndpoint(world.verifier, world.accounts, world.grantStorage,
                world.references);
        AccessTokenClaims claims = AccessTokenClaims.forPerson(person.subject(), "web", Set.of("openid"),
                world.clock.instant(), AccessTokenClaims.newJti());
        Client web = TestClients.webApp("web").withReferenceAccessTokens().build();
        IssuedAccessToken asked = issuer.issue(web, claims, Optional.of(person.id()),
                ClaimsRequest.parse("{\"userinfo\":{\"email\":null},\"id_token\":{\"name\":null}}"));
        assertEquals(Map.of("sub", person.subject(), "email", person.email().orElseThrow()),
                userInfo.claims(asked.value(), "192.0.2.1"));

        IssuedAccessToken idTokenOnly = issuer.issue(web, claims, Optional.of(person.id()),
                ClaimsRequest.parse("{\"id_token\":{\"email\":null}}"));
        assertEquals(ClaimsRequest.NONE, world.references.claimsRequestOf(idTokenOnly.value()));
        assertEquals(Map.of("sub", person.subject()), userInfo.claims(idTokenOnly.value(), "192.0.2.1"));
        assertEquals(Map.of("sub", person.subject()), userInfo.claims(issueForPerson().value(), "192.0.2.1"),
                "no claims parameter: by scope only");
    }

    @Test
    void jwtStaysTheDefault() {
        IssuedAccessToken token = issuer.issue(AccessTokenClaims.forService("batch", Set.of("orders:read")), false,
                Optional.empty());
        assertEquals(3, token.value().reveal().split("\\.").length);
    }
}
