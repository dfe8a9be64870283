package io.latchkey.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClientCredentialsTest {
    private static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    private static String basic(byte[] raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw);
    }

    private static ClientCredentials parseHeader(String authorization) {
        return ClientCredentials.parse(authorization, Optional.empty(), Optional.empty());
    }

    @Test
    void readsTheExampleFromRfc6749Section2_3_1() {
        // RFC 6749 §2.3.1: Authorization: Basic czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3
        ClientCredentials credentials = parseHeader("Basic czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3");

        assertEquals(ClientAuthMethod.CLIENT_SECRET_BASIC, credentials.method());
        assertEquals("s6BhdRkqt3", credentials.clientId());
        assertEquals(Optional.of(Secret.of("7Fjfp0ZBr1KtDRbnfVdmIw")), credentials.secret());
    }

    static Stream<Arguments> formEncodedBasicCredentials() {
        return Stream.of(
                Arguments.of("a%3Ab:secret", "a:b", "secret"),
                Arguments.of("client:p%3Ass%3Aword", "client", "p:ss:word"),
                Arguments.of("client:two+words", "client", "two words"),
                Arguments.of("client:a%2Bb", "client", "a+b"),
                Arguments.of("client:100%25", "client", "100%"),
                Arguments.of("caf%C3%A9:secret", "café", "secret"),
                Arguments.of("client:", "client", ""),
                Arguments.of("client:a:b", "client", "a:b"));
    }

    /** RFC 6749 Appendix A: no control character in a client id or secret (PostgreSQL refuses NUL in text). */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"a\u0000b:secret", "client%00:secret", "client:se%00cret",
            "cli\u0001ent:secret", "client:sec\u007fret", "cli%0Aent:secret"})
    void controlCharactersInBasicCredentialsAreAFailedAuthentication(String userPass) {
        OAuthException refused = org.junit.jupiter.api.Assertions.assertThrows(OAuthException.class,
                () -> parseHeader(basic(userPass)));
        assertEquals(ErrorCode.INVALID_CLIENT, refused.error().code());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formEncodedBasicCredentials")
    void formDecodesTheIdAndSecretOfBasicCredentials(String userPass, String id, String secret) {
        ClientCredentials credentials = parseHeader(basic(userPass));

        assertEquals(id, credentials.clientId());
        assertEquals(secret, credentials.secret().orElseThrow().reveal());
    }

    @Test
    void acceptsTheBasicSchemeInAnyCase() {
        assertEquals("client", parseHeader(basic("client:secret").replace("Basic", "bAsIc")).clientId());
    }

    static Stream<Arguments> malformedBasicCredentials() {
        return Stream.of(
                Arguments.of("bad base64", "Basic not*base64!"),
                Arguments.of("only punctuation", "Basic !!!"),
                Arguments.of("no colon", basic("clientsecret")),
                Arguments.of("non-UTF-8 bytes", basic(new byte[] {'c', (byte) 0xff, ':', 's'})),
                Arguments.of("empty id", basic(":secret")),
                Arguments.of("bad percent escape", basic("client%zz:secret")),
                Arguments.of("truncated percent escape", basic("client:secret%4")),
                Arguments.of("percent-encoded non-UTF-8", basic("client:%FF")),
                Arguments.of("empty credentials", "Basic "),
                Arguments.of("the scheme alone", "Basic"),
                Arguments.of("two tokens", "Basic " + Base64.getEncoder().encodeToString("a:b".getBytes(
                        StandardCharsets.US_ASCII)) + " extra"));
    }

    /** RFC 6749 §5.2: unreadable credentials are failed client authentication, answered like a wrong secret. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBasicCredentials")
    void rejectsMalformedBasicCredentialsAsInvalidClientWithABasicChallenge(String why, String authorization) {
        OAuthException e = assertThrows(OAuthException.class, () -> parseHeader(authorization));

        assertEquals(ErrorCode.INVALID_CLIENT, e.error().code());
        assertEquals(401, e.error().code().status());
        assertEquals("client authentication failed", e.error().description());
        assertEquals(Optional.of(ClientCredentials.BASIC_CHALLENGE), e.challenge());
    }

    @Test
    void rejectsBasicTogetherWithClientSecretInTheBody() {
        OAuthException e = assertThrows(OAuthException.class, () -> ClientCredentials.parse(
                basic("client:secret"), Optional.empty(), Optional.of(Secret.of("secret"))));

        assertEquals(ErrorCode.INVALID_REQUEST, e.error().code());
        assertEquals("more than one client authentication method was used", e.error().description());
    }

    @Test
    void rejectsBasicWithADifferentClientIdInTheBody() {
        OAuthException e = assertThrows(OAuthException.class, () -> ClientCredentials.parse(
                basic("client:secret"), Optional.of("other"), Optional.empty()));

        assertEquals(ErrorCode.INVALID_REQUEST, e.error().code());
        assertEquals("client_id does not match the Authorization header", e.error().description());
    }

    @Test
    void acceptsBasicWithTheSameClientIdInTheBody() {
        ClientCredentials credentials = ClientCredentials.parse(basic("a%3Ab:secret"), Optional.of("a:b"),
                Optional.empty());

        assertEquals(ClientAuthMethod.CLIENT_SECRET_BASIC, credentials.method());
    }

    @Test
    void answersAnotherSchemeWithInvalidClientAndABasicChallenge() {
        OAuthException e = assertThrows(OAuthException.class, () -> parseHeader("Bearer eyJhbGciOi.x.y"));

        assertEquals(ErrorCode.INVALID_CLIENT, e.error().code());
        assertEquals(Optional.of(ClientCredentials.BASIC_CHALLENGE), e.challenge());
    }

    @Test
    void readsClientSecretPostFromTheBody() {
        ClientCredentials credentials = ClientCredentials.parse(null, Optional.of("client"),
                Optional.of(Secret.of("secret")));

        assertEquals(new ClientCredentials(ClientAuthMethod.CLIENT_SECRET_POST, "client",
                Optional.of(Secret.of("secret"))), credentials);
    }

    @Test
    void readsAPublicClientFromClientIdAlone() {
        ClientCredentials credentials = ClientCredentials.parse(null, Optional.of("spa"), Optional.empty());

        assertEquals(new ClientCredentials(ClientAuthMethod.NONE, "spa", Optional.empty()), credentials);
    }

    @Test
    void rejectsASecretWithoutClientIdAsInvalidRequest() {
        OAuthException e = assertThrows(OAuthException.class,
                () -> ClientCredentials.parse(null, Optional.empty(), Optional.of(Secret.of("secret"))));

        assertEquals(ErrorCode.INVALID_REQUEST, e.error().code());
        assertEquals("client_secret was sent without client_id", e.error().description());
    }

    @Test
    void requiresSomeClientAuthentication() {
        OAuthException e = assertThrows(OAuthException.class,
                () -> ClientCredentials.parse(null, Optional.empty(), Optional.empty()));

        assertEquals(ErrorCode.INVALID_CLIENT, e.error().code());
        assertEquals("client authentication is required", e.error().description());
        assertEquals(Optional.of(ClientCredentials.BASIC_CHALLENGE), e.challenge());
    }
}
