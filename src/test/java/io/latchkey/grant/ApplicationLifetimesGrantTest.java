package io.latchkey.grant;

import static io.latchkey.testing.TestRequests.CHALLENGE;
import static io.latchkey.testing.TestRequests.NONCE;
import static io.latchkey.testing.TestRequests.VERIFIER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import io.latchkey.account.Account;
import io.latchkey.client.AuthenticatedClient;
import io.latchkey.client.Client;
import io.latchkey.client.ClientAuthMethod;
import io.latchkey.client.ClientCredentials;
import io.latchkey.client.FormParameters;
import io.latchkey.client.TokenLifetimes;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.security.Secret;
import io.latchkey.testing.GrantWorld;
import io.latchkey.testing.SignInWorld;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestKeys;
import io.latchkey.token.AccessTokenIssuer;
import io.latchkey.token.StoredRefreshFamily;
import io.latchkey.token.TokenResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An application's own token lifetimes at the token endpoint (on the in-memory grant storage): its access and ID
 * tokens live for its {@code access_token_lifetime} ({@code expires_in}, {@code exp}, the recorded expiry); a new
 * refresh token family gets its idle and absolute lifetimes; a rotation its idle lifetime as it is now, never past
 * the family's end. An application without lifetimes of its own gets the server's.
 */
class ApplicationLifetimesGrantTest {
    private static final Set<String> SCOPES = Set.of("openid", "offline_access");
    private static final Client OWN = TestClients.webApp("own").withLifetimes(
            TokenLifetimes.ofSeconds(120L, 600L, 1800L)).build();
    private static final Client SERVERS = TestClients.webApp("servers").build();

    private final GrantWorld world = new GrantWorld(OWN, SERVERS);
    private final Account person = world.person();

    private TokenResponse signIn(Client client) {
        String redirect = client.redirectUris().get(0);
        Secret code = world.codes.issue(client.clientId(), person.id(), redirect, true, CHALLENGE, Optional.of(NONCE),
                SCOPES, world.clock.instant(), "sid-1");
        return world.codeGrant.handle(form("authorization_code", "code", code.reveal(), "redirect_uri", redirect,
                "code_verifier", VERIFIER), authenticated(client));
    }

    private TokenResponse refresh(Secret token, Client client) {
        return world.refreshGrant.handle(form("refresh_token", "refresh_token", token.reveal()), authenticated(client));
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

    private Claims claims(Secret jwt) {
        return Jwts.parser().verifyWith(TestKeys.KEY.publicKey()).clock(() -> Date.from(world.clock.instant()))
                .build().parseSignedClaims(jwt.reveal()).getPayload();
    }

    private static long lifetime(Claims claims) {
        return claims.getExpiration().toInstant().getEpochSecond() - claims.getIssuedAt().toInstant().getEpochSecond();
    }

    private static long expiresIn(TokenResponse response) {
        return Duration.between(response.accessToken().issuedAt(), response.accessToken().expiresAt()).toSeconds();
    }

    private StoredRefreshFamily stored(Secret refreshToken) {
        return world.storage.refreshFamilyOf(refreshToken).orElseThrow();
    }

    @Test
    void theCodeExchangeIssuesTokensForTheApplicationsLifetimes() {
        Instant now = world.clock.instant();
        TokenResponse response = signIn(OWN);

        assertEquals(120, expiresIn(response));
        assertEquals(120, lifetime(claims(response.accessToken().value())));
        assertEquals(120, lifetime(claims(response.idToken().orElseThrow())), "the ID token lives as its access token");
        StoredRefreshFamily refresh = stored(response.refreshToken().orElseThrow());
        assertEquals(now.plusSeconds(600), refresh.idleExpiresAt());
        assertEquals(now.plusSeconds(1800), refresh.grant().familyExpiresAt());
    }

    @Test
    void anApplicationWithoutLifetimesOfItsOwnGetsTheServers() {
        Instant now = world.clock.instant();
        TokenResponse response = signIn(SERVERS);

        assertEquals(SignInWorld.ACCESS_TTL.toSeconds(), expiresIn(response));
        assertEquals(SignInWorld.ACCESS_TTL.toSeconds(), lifetime(claims(response.accessToken().value())));
        assertEquals(SignInWorld.ACCESS_TTL.toSeconds(), lifetime(claims(response.idToken().orElseThrow())));
        StoredRefreshFamily refresh = stored(response.refreshToken().orElseThrow());
        assertEquals(now.plus(SignInWorld.REFRESH_IDLE), refresh.idleExpiresAt());
        assertEquals(now.plus(SignInWorld.REFRESH_MAX), refresh.grant().familyExpiresAt());
    }

    @Test
    void aRotationAppliesTheCurrentIdleLifetimeAndNeverMovesTheFamilysEnd() {
        Instant start = world.clock.instant();
        Secret first = signIn(OWN).refreshToken().orElseThrow();
        world.clock.advanceSeconds(300);

        // The operator has since changed the application: a longer idle lifetime, a much longer family.
        Client changed = TestClients.webApp("own").withLifetimes(TokenLifetimes.ofSeconds(90L, 900L, 86_400L)).build();
        TokenResponse rotated = refresh(first, changed);

        assertEquals(90, expiresIn(rotated), "the access token of the refresh has the application's lifetime now");
        assertEquals(90, lifetime(claims(rotated.accessToken().value())));
        StoredRefreshFamily second = stored(rotated.refreshToken().orElseThrow());
        assertEquals(start.plusSeconds(300 + 900), second.idleExpiresAt());
        assertEquals(start.plusSeconds(1800), second.grant().familyExpiresAt(), "the family keeps its end");
        assertEquals(rotated.accessToken().expiresAt().plusSeconds(1), second.accessTokensExpireAt().orElseThrow(),
                "the access token recorded ahead on the row expires no earlier than the one issued");

        world.clock.advanceSeconds(800);
        StoredRefreshFamily third = stored(refresh(rotated.refreshToken().orElseThrow(), changed).refreshToken()
                .orElseThrow());
        assertEquals(start.plusSeconds(1800), third.idleExpiresAt(), "an idle lifetime past the family's end is cut");
    }

    @Test
    void clientCredentialsIssuesForTheApplicationsLifetime() {
        Client m2m = TestClients.m2m("batch").withScopes("orders:read")
                .withLifetimes(TokenLifetimes.ofSeconds(120L, null, null)).build();
        AccessTokenIssuer issuer = new AccessTokenIssuer(TestKeys.ISSUER, SignInWorld.ACCESS_TTL, TestKeys.ring(),
                new ScopeCatalog(Map::of, world.clock), world.clock);
        TokenResponse response = new ClientCredentialsGrant(issuer).handle(form("client_credentials", "scope", "orders:read"),
                authenticated(m2m));

        assertEquals(120, expiresIn(response));
        assertEquals(120, lifetime(claims(response.accessToken().value())));
        assertEquals(SignInWorld.ACCESS_TTL.toSeconds(), expiresIn(new ClientCredentialsGrant(issuer).handle(
                form("client_credentials", "scope", "orders:read"), authenticated(TestClients.m2m("plain").withScopes("orders:read")
                        .build()))));
    }
}
