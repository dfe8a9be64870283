package io.latchkey.grant;

import io.latchkey.client.FormParameters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.latchkey.client.ClientAuthMethod;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenRequestTest {
    private static TokenRequest parse(String body, String authorization) {
        return TokenRequest.parse(FormParameters.MEDIA_TYPE,
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), authorization);
    }

    @Test
    void readsTheRfc6749Section4_4_2Request() {
        TokenRequest request = parse("grant_type=client_credentials",
                "Basic czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3");

        assertEquals("client_credentials", request.grantType());
        assertEquals("s6BhdRkqt3", request.credentials().clientId());
        assertEquals(ClientAuthMethod.CLIENT_SECRET_BASIC, request.credentials().method());
    }

    @Test
    void readsClientCredentialsFromTheBody() {
        TokenRequest request = parse("grant_type=client_credentials&client_id=batch&client_secret=s%26cret", null);

        assertEquals(ClientAuthMethod.CLIENT_SECRET_POST, request.credentials().method());
        assertEquals("s&cret", request.credentials().secret().orElseThrow().reveal());
    }

    @Test
    void treatsAnEmptyClientSecretAsAbsent() {
        assertEquals(ClientAuthMethod.NONE, parse("grant_type=client_credentials&client_id=spa&client_secret=", null)
                .credentials().method());
    }

    @Test
    void requiresAGrantType() {
        OAuthException e = assertThrows(OAuthException.class, () -> parse("grant_type=&client_id=spa", null));

        assertEquals(ErrorCode.INVALID_REQUEST, e.error().code());
        assertEquals("grant_type is required", e.error().description());
    }

    @Test
    void givesAHandlerTheParametersItsGrantDeclares() {
        TokenRequest request = parse("grant_type=client_credentials&client_id=spa&scope=orders%3Aread", null);

        assertEquals(Optional.of("orders:read"), request.parameter(GrantType.CLIENT_CREDENTIALS, "scope"));
    }

    @Test
    void refusesAHandlerAParameterItsGrantDoesNotDeclare() {
        TokenRequest request = parse("grant_type=client_credentials&client_id=spa&code=abc", null);

        assertThrows(IllegalStateException.class, () -> request.parameter(GrantType.CLIENT_CREDENTIALS, "code"));
    }

    @Test
    void neverShowsClientSecretsInToStringBecauseTheEndpointLogsIt() {
        TokenRequest post = parse("grant_type=client_credentials&client_id=batch&client_secret=post-secret-value", null);
        TokenRequest basic = parse("grant_type=client_credentials",
                "Basic " + java.util.Base64.getEncoder().encodeToString("batch:basic-secret-value".getBytes(
                        StandardCharsets.UTF_8)));

        assertFalse(post.toString().contains("post-secret-value"), post.toString());
        assertFalse(basic.toString().contains("basic-secret-value"), basic.toString());
    }
}
