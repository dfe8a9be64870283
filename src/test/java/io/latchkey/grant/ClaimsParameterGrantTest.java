package io.latchkey.grant;

import static io.latchkey.testing.TestRequests.CHALLENGE;
import static io.latchkey.testing.TestRequests.NONCE;
import static io.latchkey.testing.TestRequests.VERIFIER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.latchkey.account.Account;
import io.latchkey.client.AuthenticatedClient;
import io.latchkey.client.Client;
import io.latchkey.client.ClientAuthMethod;
import io.latchkey.client.ClientCredentials;
import io.latchkey.client.FormParameters;
import io.latchkey.security.Secret;
import io.latchkey.testing.GrantWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestKeys;
import io.latchkey.token.GrantTransaction;
import io.latchkey.token.TokenResponse;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OIDC Core §5.5 across the grant: the claims parameter of the authorization request is kept with the code and
 * the refresh token family, so the ID tokens of the exchange and of every refresh carry its id_token claims, and
 * UserInfo finds its userinfo claims by the access token's id.
 */
class ClaimsParameterGrantTest {
    private static final Client WEB = TestClients.webApp("web").build();
    private static final String CLAIMS = "{\"id_token\":{\"email\":{\"essential\":true}},\"userinfo\":{\"name\":null}}";
    private GrantWorld world;
    private Account person;

    @BeforeEach
    void newWorld() {
        world = new GrantWorld(WEB);
        person = world.person();
    }

    private TokenResponse exchange(Optional<String> claims) {
        String redirect = WEB.redirectUris().get(0);
        Secret code = world.codes.issue(WEB.clientId(), person.id(), redirect, true, CHALLENGE, Optional.of(NONCE),
                Set.of("openid", "offline_access"), world.clock.instant(), "sid-1", claims);
        return world.codeGrant.handle(form("authorization_code", "code", code.reveal(), "redirect_uri", redirect,
                "code_verifier", VERIFIER), new AuthenticatedClient(WEB, ClientAuthMethod.CLIENT_SECRET_BASIC));
    }

    private TokenResponse refresh(Secret refreshToken) {
        return world.refreshGrant.handle(form("refresh_token", "refresh_token", refreshToken.reveal()),
                new AuthenticatedClient(WEB, ClientAuthMethod.CLIENT_SECRET_BASIC));
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

    private Claims idToken(TokenResponse response) {
        return Jwts.parser().verifyWith(TestKeys.KEY.publicKey()).clock(() -> Date.from(world.clock.instant()))
                .build().parseSignedClaims(response.idToken().orElseThrow().reveal()).getPayload();
    }

    private Optional<String> claimsRequestFoundFor(TokenResponse response) {
        try (GrantTransaction tx = world.storage.begin()) {
            return tx.claimsRequestOfAccessToken(response.accessToken().jti());
        }
    }

    @Test
    void theIdTokenOfTheExchangeCarriesTheClaimsAskedForIt() {
        Claims claims = idToken(exchange(Optional.of(CLAIMS)));

        assertEquals(person.email().orElseThrow(), claims.get("email", String.class));
        assertFalse(claims.containsKey("name"), "name was asked of UserInfo, not of the ID token");
    }

    @Test
    void everyRefreshedIdTokenCarriesThemToo() {
        TokenResponse first = exchange(Optional.of(CLAIMS));
        TokenResponse second = refresh(first.refreshToken().orElseThrow());
        TokenResponse third = refresh(second.refreshToken().orElseThrow());

        assertEquals(person.email().orElseThrow(), idToken(second).get("email", String.class));
        assertEquals(person.email().orElseThrow(), idToken(third).get("email", String.class));
    }

    @Test
    void userInfoFindsTheClaimsParameterByTheAccessTokenOfTheExchangeAndOfARefresh() {
        TokenResponse first = exchange(Optional.of(CLAIMS));
        TokenResponse refreshed = refresh(first.refreshToken().orElseThrow());

        assertEquals(Optional.of(CLAIMS), claimsRequestFoundFor(first));
        assertEquals(Optional.of(CLAIMS), claimsRequestFoundFor(refreshed));
    }

    @Test
    void withoutTheParameterTheIdTokenHasNoPersonClaimsAndUserInfoFindsNone() {
        TokenResponse response = exchange(Optional.empty());

        assertFalse(idToken(response).containsKey("email"));
        assertEquals(Optional.empty(), claimsRequestFoundFor(response));
    }
}
