package io.latchkey.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.client.Client;
import io.latchkey.client.WebOrigins;
import io.latchkey.protocol.CrossOriginPolicy.BodyClient;
import io.latchkey.protocol.CrossOriginPolicy.Endpoint;
import io.latchkey.testing.TestClients;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CrossOriginPolicyTest {
    private static final String SPA_ORIGIN = "https://spa.example.com";
    private static final String OTHER_SPA_ORIGIN = "https://pages.example.com";
    private static final String WEB_ORIGIN = "https://app.example.com";
    private static final String STRANGER = "https://evil.example";

    private final Map<String, Client> clients = Stream.of(
            TestClients.spa("spa").build(),
            TestClients.spa("elsewhere").withWebOrigins(OTHER_SPA_ORIGIN).build(),
            TestClients.spa("off").withRedirectUris("https://off.example.com/cb").disabled().build(),
            TestClients.webApp("web").build())
            .collect(Collectors.toMap(Client::clientId, Function.identity()));
    private final CrossOriginPolicy policy = new CrossOriginPolicy(id -> Optional.ofNullable(clients.get(id)),
            () -> clients.values().stream().filter(Client::enabled).flatMap(c -> WebOrigins.of(c).stream())
                    .collect(Collectors.toSet()));

    private static BodyClient publicClient(String clientId) {
        return new BodyClient(Optional.of(clientId), false);
    }

    @Test
    void discoveryAndJwksAreForEveryOrigin() {
        assertEquals(Map.of("Access-Control-Allow-Origin", "*"),
                policy.answer(Endpoint.DISCOVERY, Optional.of(STRANGER), BodyClient.NONE));
        assertEquals(Map.of("Access-Control-Allow-Origin", "*"),
                policy.answer(Endpoint.JWKS, Optional.of("null"), BodyClient.NONE));
        assertEquals(Map.of("Access-Control-Allow-Origin", "*", "Access-Control-Allow-Methods", "GET",
                "Access-Control-Max-Age", "600"), policy.preflight(Endpoint.JWKS, Optional.of(STRANGER)));
    }

    @Test
    void sameOriginAndNonBrowserRequestsGetNoCorsHeaders() {
        for (Endpoint endpoint : Endpoint.values()) {
            assertEquals(Map.of(), policy.answer(endpoint, Optional.empty(), publicClient("spa")), endpoint.name());
            assertEquals(Map.of(), policy.preflight(endpoint, Optional.empty()), endpoint.name());
        }
    }

    @Test
    void tokenPreflightIsAllowedForEveryEnabledPublicApplicationsOrigins() {
        Map<String, String> expected = Map.of("Access-Control-Allow-Origin", SPA_ORIGIN,
                "Access-Control-Allow-Methods", "POST", "Access-Control-Allow-Headers", "Content-Type",
                "Access-Control-Max-Age", "600");
        assertEquals(expected, policy.preflight(Endpoint.TOKEN, Optional.of(SPA_ORIGIN)));
        assertEquals(OTHER_SPA_ORIGIN, policy.preflight(Endpoint.TOKEN, Optional.of(OTHER_SPA_ORIGIN))
                .get("Access-Control-Allow-Origin"));
        assertEquals(Map.of(), policy.preflight(Endpoint.TOKEN, Optional.of(STRANGER)));
        assertEquals(Map.of(), policy.preflight(Endpoint.TOKEN, Optional.of(WEB_ORIGIN)), "a confidential app's");
        assertEquals(Map.of(), policy.preflight(Endpoint.TOKEN, Optional.of("https://off.example.com")), "disabled");
    }

    @Test
    void tokenAnswerIsReadableOnlyByThePagesOfThePublicApplicationTheBodyNames() {
        assertEquals(Map.of("Access-Control-Allow-Origin", SPA_ORIGIN),
                policy.answer(Endpoint.TOKEN, Optional.of(SPA_ORIGIN), publicClient("spa")));
        assertEquals(Map.of("Access-Control-Allow-Origin", OTHER_SPA_ORIGIN),
                policy.answer(Endpoint.REVOCATION, Optional.of(OTHER_SPA_ORIGIN), publicClient("elsewhere")));
        // Another public application's origin, an explicit list that replaced the redirect URIs' origin.
        assertEquals(Map.of(), policy.answer(Endpoint.TOKEN, Optional.of(OTHER_SPA_ORIGIN), publicClient("spa")));
        assertEquals(Map.of(), policy.answer(Endpoint.TOKEN, Optional.of(SPA_ORIGIN), publicClient("elsewhere")));
        assertEquals(Map.of(), policy.answer(Endpoint.TOKEN, Optional.of(STRANGER), publicClient("spa")));
        assertEquals(Map.of(), policy.answer(Endpoint.TOKEN, Optional.of(SPA_ORIGIN), BodyClient.NONE));
        assertEquals(Map.of(), policy.answer(Endpoint.TOKEN, Optional.of(SPA_ORIGIN), publicClient("unknown")));
        assertEquals(Map.of(), policy.answer(Endpoint.TOKEN, Optional.of("https://off.example.com"),
                publicClient("off")));
    }

    @Test
    void aConfidentialClientsTokenRequestNeverGetsCors() {
        assertEquals(Map.of(), policy.answer(Endpoint.TOKEN, Optional.of(WEB_ORIGIN), publicClient("web")));
        // A request that authenticates is not a public client's, whatever client_id it names.
        assertEquals(Map.of(), policy.answer(Endpoint.TOKEN, Optional.of(SPA_ORIGIN),
                new BodyClient(Optional.of("spa"), true)));
        assertEquals(Map.of(), policy.answer(Endpoint.REVOCATION, Optional.of(SPA_ORIGIN),
                new BodyClient(Optional.empty(), true)));
    }

    @Test
    void bearerEndpointsAllowEveryPublicApplicationsOriginsAndExposeTheChallenge() {
        Map<String, String> expected = Map.of("Access-Control-Allow-Origin", OTHER_SPA_ORIGIN,
                "Access-Control-Expose-Headers", "WWW-Authenticate");
        assertEquals(expected, policy.answer(Endpoint.USERINFO, Optional.of(OTHER_SPA_ORIGIN), BodyClient.NONE));
        assertEquals(expected, policy.answer(Endpoint.TOKEN_INFO, Optional.of(OTHER_SPA_ORIGIN), BodyClient.NONE));
        assertEquals(Map.of(), policy.answer(Endpoint.USERINFO, Optional.of(WEB_ORIGIN), BodyClient.NONE));
        assertEquals(Map.of("Access-Control-Allow-Origin", SPA_ORIGIN,
                "Access-Control-Allow-Methods", "GET, POST",
                "Access-Control-Allow-Headers", "Authorization, Content-Type",
                "Access-Control-Max-Age", "600"), policy.preflight(Endpoint.USERINFO, Optional.of(SPA_ORIGIN)));
    }

    @Test
    void neverAllowsCredentials() {
        for (Endpoint endpoint : Endpoint.values()) {
            Set<String> names = new java.util.HashSet<>(policy.preflight(endpoint, Optional.of(SPA_ORIGIN)).keySet());
            names.addAll(policy.answer(endpoint, Optional.of(SPA_ORIGIN), publicClient("spa")).keySet());
            assertEquals(false, names.contains("Access-Control-Allow-Credentials"), endpoint.name());
        }
    }
}
