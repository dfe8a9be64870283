package io.latchkey.token;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.client.Client;
import io.latchkey.testing.TestClients;
import io.latchkey.testing.TestKeys;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 7662 §4: the owner, an API in the audience, or an operator-approved application; nobody else. */
class IntrospectionPolicyTest {
    private static final String ORDERS_API = "https://api.example.com/orders";
    private static final String REPORTS_API = "https://api.example.com/reports";
    private static final Client WEB = TestClients.webApp("web").build();
    private static final Client OTHER = TestClients.webApp("other").build();
    private static final Client ORDERS_SERVICE = TestClients.m2m("orders-service").build();
    private static final Client GATEWAY = TestClients.m2m("gateway").withScopes().withIntrospectAny().build();

    @Test
    void theClientATokenWasIssuedToMayIntrospectIt() {
        assertTrue(IntrospectionPolicy.mayIntrospect(WEB, Set.of(), "web", Set.of(ORDERS_API)));
        assertTrue(IntrospectionPolicy.mayIntrospect(WEB, Set.of(), "web", Set.of()), "its own refresh token");
    }

    @Test
    void anotherClientWithoutASharedApiIsRefused() {
        assertFalse(IntrospectionPolicy.mayIntrospect(OTHER, Set.of(), "web", Set.of(ORDERS_API, TestKeys.ISSUER)));
        assertFalse(IntrospectionPolicy.mayIntrospect(OTHER, Set.of(REPORTS_API), "web", Set.of(ORDERS_API)));
    }

    @Test
    void aCallerWhoseApiIsInTheAudienceMayIntrospect() {
        assertTrue(IntrospectionPolicy.mayIntrospect(ORDERS_SERVICE, Set.of(ORDERS_API), "web",
                Set.of(ORDERS_API, TestKeys.ISSUER)));
        assertTrue(IntrospectionPolicy.mayIntrospect(ORDERS_SERVICE, Set.of(REPORTS_API, ORDERS_API), "web",
                Set.of(ORDERS_API)));
    }

    @Test
    void anApplicationAllowedToIntrospectAnythingMayIntrospectAnyToken() {
        assertTrue(IntrospectionPolicy.mayIntrospect(GATEWAY, Set.of(), "web", Set.of(ORDERS_API)));
        assertTrue(IntrospectionPolicy.mayIntrospect(GATEWAY, Set.of(), "web", Set.of()));
    }

    @Test
    void anEmptyAudienceNeverMatchesAnApi() {
        assertFalse(IntrospectionPolicy.mayIntrospect(ORDERS_SERVICE, Set.of(ORDERS_API), "web", Set.of()));
        assertFalse(IntrospectionPolicy.mayIntrospect(ORDERS_SERVICE, Set.of(), "web", Set.of()));
        assertFalse(IntrospectionPolicy.mayIntrospect(ORDERS_SERVICE, Set.of(), "web", Set.of(ORDERS_API)),
                "no APIs of its own");
    }
}
