package io.latchkey.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.latchkey.error.OAuthException;
import io.latchkey.grant.TokenRequest;
import io.latchkey.security.ClientAddressFilter;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ContainerRequest;
import org.junit.jupiter.api.Test;

/** The token endpoint reads its headers, body and client address from the request as Jersey holds it. */
class TokenResourceTest {
    private static final String BODY = "grant_type=client_credentials";

    private static ContainerRequest request(String... authorizations) {
        ContainerRequest request = new ContainerRequest(URI.create("http://127.0.0.1/"),
                URI.create("http://127.0.0.1/oauth/token"), "POST", null, new MapPropertiesDelegate(), null);
        request.header("Content-Type", "application/x-www-form-urlencoded");
        for (String authorization : authorizations) {
            request.header("Authorization", authorization);
        }
        request.setEntityStream(new ByteArrayInputStream(BODY.getBytes(StandardCharsets.US_ASCII)));
        request.setProperty(ClientAddressFilter.CLIENT_ADDRESS_ATTRIBUTE, "192.0.2.7");
        return request;
    }

    @Test
    void aTokenRequestFromTheHeadersTheBodyAndTheFiltersClientAddress() {
        TokenRequest parsed = TokenResource.parse(request("Basic YTpi")); // a:b
        assertEquals("client_credentials", parsed.grantType());
        assertEquals("a", parsed.credentials().clientId());
        assertEquals("192.0.2.7", parsed.clientAddress());
    }

    @Test
    void aRepeatedAuthorizationHeaderIsSeenWholeAndRefused() {
        // Were only the first header read, this would authenticate as "a".
        assertThrows(OAuthException.class, () -> TokenResource.parse(request("Basic YTpi", "Basic Yzpk")));
    }
}
