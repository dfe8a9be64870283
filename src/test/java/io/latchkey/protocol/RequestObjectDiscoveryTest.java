package io.latchkey.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.consent.ScopeCatalog;
import io.latchkey.grant.GrantType;
import io.latchkey.key.SigningAlgorithm;
import io.latchkey.testing.MutableClock;
import io.latchkey.testing.TestKeys;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Discovery advertises exactly what request objects can do (OIDC Discovery §3, RFC 9101 §10.5): request by value
 * yes, request_uri no (its default is true, so it is said), RS256/PS256/ES256, and none only while some enabled
 * application may send unsigned request objects; ID tokens in every enabled algorithm.
 */
class RequestObjectDiscoveryTest {
    private static Map<String, Object> discovery(boolean unsignedInUse) {
        return new DiscoveryDocument(TestKeys.ISSUER, Set.of(GrantType.AUTHORIZATION_CODE),
                new ScopeCatalog(Map::of, new MutableClock()), Set::of,
                List.of(SigningAlgorithm.RS256, SigningAlgorithm.ES256), () -> unsignedInUse).toJson();
    }

    @Test
    void requestObjectsAreAdvertisedAsTheyWork() {
        Map<String, Object> json = discovery(false);
        assertEquals(true, json.get("request_parameter_supported"));
        assertEquals(false, json.get("request_uri_parameter_supported"));
        assertEquals(List.of("RS256", "PS256", "ES256"), json.get("request_object_signing_alg_values_supported"));
        assertEquals(List.of("RS256", "ES256"), json.get("id_token_signing_alg_values_supported"));
    }

    @Test
    void noneIsAdvertisedOnlyWhileAnApplicationMayUseIt() {
        assertEquals(List.of("RS256", "PS256", "ES256", "none"),
                discovery(true).get("request_object_signing_alg_values_supported"));
    }
}
