package io.latchkey.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FormParametersTest {
    private static final String FORM = FormParameters.MEDIA_TYPE;

    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static InputStream body(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    private static OAuthException invalid(String contentType, InputStream body) {
        OAuthException e = assertThrows(OAuthException.class, () -> FormParameters.parse(contentType, body));
        assertEquals(ErrorCode.INVALID_REQUEST, e.error().code());
        return e;
    }

    @Test
    void readsTheClientCredentialsExampleFromRfc6749Section4_4_2() {
        FormParameters form = FormParameters.parse(FORM, body("grant_type=client_credentials"));

        assertEquals(Optional.of("client_credentials"), form.get("grant_type"));
        assertEquals(Set.of("grant_type"), form.names());
    }

    @Test
    void decodesNamesAndValues() {
        FormParameters form = FormParameters.parse(FORM,
                body("scope=orders%3Aread+reports%3Aread&client_id=caf%C3%A9&redirect_uri=https%3A%2F%2Fa.test%2Fcb"));

        assertEquals(Optional.of("orders:read reports:read"), form.get("scope"));
        assertEquals(Optional.of("café"), form.get("client_id"));
        assertEquals(Optional.of("https://a.test/cb"), form.get("redirect_uri"));
        assertEquals(List.of("scope", "client_id", "redirect_uri"), List.copyOf(form.names()));
    }

    @Test
    void treatsAnEmptyValueAsAbsent() {
        FormParameters form = FormParameters.parse(FORM, body("grant_type=client_credentials&scope=&state"));

        assertEquals(Optional.empty(), form.get("scope"));
        assertEquals(Optional.empty(), form.get("state"));
        assertEquals(Optional.empty(), form.get("nonce"));
    }

    @Test
    void skipsEmptyPairs() {
        FormParameters form = FormParameters.parse(FORM, body("&grant_type=client_credentials&&"));

        assertEquals(Set.of("grant_type"), form.names());
    }

    @Test
    void readsAnEmptyBody() {
        assertEquals(Set.of(), FormParameters.parse(FORM, body("")).names());
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8",
            "application/x-www-form-urlencoded;charset=UTF-8", "Application/X-WWW-Form-URLEncoded",
            "application/x-www-form-urlencoded ; charset=\"utf-8\"", "application/x-www-form-urlencoded; foo=bar"})
    void acceptsTheFormMediaType(String contentType) {
        assertEquals(Optional.of("client_credentials"),
                FormParameters.parse(contentType, body("grant_type=client_credentials")).get("grant_type"));
    }

    static Stream<Arguments> wrongContentTypes() {
        return Stream.of(
                Arguments.of(null, "the request body must be application/x-www-form-urlencoded"),
                Arguments.of("", "the request body must be application/x-www-form-urlencoded"),
                Arguments.of("application/json", "the request body must be application/x-www-form-urlencoded"),
                Arguments.of("text/plain", "the request body must be application/x-www-form-urlencoded"),
                Arguments.of("multipart/form-data; boundary=x", "the request body must be application/x-www-form-urlencoded"),
                Arguments.of("application/x-www-form-urlencoded-x", "the request body must be application/x-www-form-urlencoded"),
                Arguments.of("application/x-www-form-urlencoded; charset=iso-8859-1", "the request body must be encoded in UTF-8"),
                Arguments.of("application/x-www-form-urlencoded; charset=", "the request body must be encoded in UTF-8"),
                Arguments.of("application/x-www-form-urlencoded; charset=utf-8; charset=latin1", "the request body must be encoded in UTF-8"),
                Arguments.of("application/x-www-form-urlencoded; charset=utf-16", "the request body must be encoded in UTF-8"),
                Arguments.of("application/x-www-form-urlencoded; charset=UTF-16LE", "the request body must be encoded in UTF-8"),
                Arguments.of("application/x-www-form-urlencoded; charset=bogus", "the request body must be encoded in UTF-8"),
                Arguments.of("application/x-www-form-urlencoded; charset=utf8", "the request body must be encoded in UTF-8"));
    }

    @ParameterizedTest(name = "[{index}] Content-Type {0}")
    @MethodSource("wrongContentTypes")
    void refusesOtherMediaTypesAndCharsets(String contentType, String description) {
        assertEquals(description, invalid(contentType, body("grant_type=client_credentials")).error().description());
    }

    @Test
    void refusesARepeatedParameterNamingIt() {
        OAuthException e = invalid(FORM, body("grant_type=client_credentials&scope=a&scope=b"));

        assertEquals("parameter scope is repeated", e.error().description());
    }

    @Test
    void refusesAParameterRepeatedWithAnEmptyValue() {
        assertEquals("parameter scope is repeated", invalid(FORM, body("scope=&scope=a")).error().description());
    }

    @Test
    void refusesAParameterRepeatedUnderAnotherEncodingOfItsName() {
        assertEquals("parameter scope is repeated", invalid(FORM, body("scope=a&sc%6Fpe=b")).error().description());
    }

    @Test
    void doesNotEchoAnUnprintableRepeatedName() {
        assertEquals("a parameter is repeated", invalid(FORM, body("%3Cb%3E=1&%3Cb%3E=2")).error().description());
    }

    @Test
    void refusesAParameterWithoutAName() {
        assertEquals("the request has a parameter without a name", invalid(FORM, body("=value")).error().description());
    }

    @ParameterizedTest
    @ValueSource(strings = {"scope=%", "scope=%4", "scope=%zz", "scope=%FF", "scope=%C3%28", "sc%G0pe=a"})
    void refusesBadPercentEscapesAndNonUtf8(String text) {
        invalid(FORM, body(text));
    }

    @Test
    void refusesARawNonAsciiByte() {
        byte[] bytes = "scope=caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);

        invalid(FORM, body(bytes));
    }

    @Test
    void refusesRawUtf8ThatWasNotPercentEncoded() {
        invalid(FORM, body("client_id=café"));
    }

    @Test
    void acceptsABodyOfExactlyTheLimit() {
        String prefix = "grant_type=client_credentials&pad=";
        byte[] bytes = new byte[FormParameters.MAX_BODY_BYTES];
        Arrays.fill(bytes, (byte) 'a');
        System.arraycopy(prefix.getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, prefix.length());

        assertEquals(Optional.of("client_credentials"), FormParameters.parse(FORM, body(bytes)).get("grant_type"));
    }

    @Test
    void refusesABodyOverTheLimit() {
        byte[] bytes = new byte[FormParameters.MAX_BODY_BYTES + 1];
        Arrays.fill(bytes, (byte) 'a');

        OAuthException e = invalid(FORM, body(bytes));

        assertEquals("the request body is larger than 65536 bytes", e.error().description());
    }

    @Test
    void stopsReadingAnEndlessBodyAtTheLimit() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'a';
            }
        };

        invalid(FORM, endless);
    }

    /**
     * RFC 6749 Appendix A: no parameter allows a character outside UNICODECHARNOCRLF; a NUL in a username
     * is refused, not stripped or passed on.
     */
    @ParameterizedTest
    @ValueSource(strings = {"username=al%00ice", "username=alice%00", "%00=x", "user%00name=alice", "state=a%01b",
            "state=a%1Fb", "password=line%0Abreak", "password=line%0Dbreak", "state=del%7F", "state=%EF%BF%BF",
            "state=%EF%BF%BE", "client_id=a%0D%0AX-Injected:+1"})
    void refusesControlCharacters(String text) {
        OAuthException e = invalid(FORM, body(text));

        assertEquals("the request holds a control character", e.error().description());
    }

    @ParameterizedTest
    @ValueSource(strings = {"%09", "%20", "%7E", "%C2%80", "%ED%9F%BF", "%EE%80%80", "%EF%BF%BD", "%F0%9F%94%91"})
    void acceptsEveryCharacterOfUnicodeCharNoCrlf(String encoded) {
        FormParameters form = FormParameters.parse(FORM, body("password=a" + encoded + "b"));

        assertEquals(3, form.get("password").orElseThrow().codePointCount(0, form.get("password").get().length()));
    }

    @Test
    void refusesAnEncodedSurrogate() {
        invalid(FORM, body("state=%ED%A0%80"));
    }

    @Test
    void aDeclaredNameMayRepeatAndKeepsItsValuesInOrder() {
        FormParameters form = FormParameters.parse(FORM, body("scope=b&csrf=x&scope=a&scope=&scope=c+d"), "scope"::equals);

        assertEquals(List.of("b", "a", "c d"), form.all("scope"));
        assertEquals(Optional.of("x"), form.get("csrf"));
        assertEquals(List.of("x"), form.all("csrf"));
        assertEquals(List.of(), form.all("nothing"));
    }

    @Test
    void anyOtherNameStillMayNotRepeat() {
        OAuthException e = assertThrows(OAuthException.class, () -> FormParameters.parse(FORM,
                body("scope=a&csrf=x&csrf=y"), "scope"::equals));

        assertEquals("parameter csrf is repeated", e.error().description());
    }

    @Test
    void askingForOneValueOfARepeatedNameIsAnInvalidRequest() {
        FormParameters form = FormParameters.parse(FORM, body("scope=a&scope=b"), "scope"::equals);

        OAuthException e = assertThrows(OAuthException.class, () -> form.get("scope"));
        assertEquals("parameter scope is repeated", e.error().description());
    }

    @Test
    void repeatsCheckedLaterAreAllKeptWithEmptyValues() {
        FormParameters form = FormParameters.parse(FORM, body("state=a&state=&nonce"), FormParameters.REPEATS_CHECKED_LATER);

        assertEquals(Map.of("state", List.of("a", ""), "nonce", List.of("")), form.asMap());
    }

    /** A truncated body or a bad chunk header reaches the application as an IOException from the stream. */
    @Test
    void aBodyTheContainerCannotReadIsAnInvalidRequest() {
        InputStream broken = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ < 10) {
                    return 'a';
                }
                throw new EOFException("Unexpected EOF read on the socket");
            }
        };

        assertEquals("the request body could not be read in full", invalid(FORM, broken).error().description());
    }

    @Test
    void readsAQueryStringWithTheSameRules() {
        FormParameters query = FormParameters.query("client_id=app&state=a+b%2Fc&scope=openid%20profile",
                FormParameters.NO_REPEATS);

        assertEquals(Optional.of("a b/c"), query.get("state"));
        assertEquals(Optional.of("openid profile"), query.get("scope"));
        assertEquals(Set.of(), FormParameters.query(null, FormParameters.NO_REPEATS).names());
        assertEquals(Set.of(), FormParameters.query("", FormParameters.NO_REPEATS).names());
    }

    @ParameterizedTest
    @ValueSource(strings = {"state=%ZZ", "state=%C3%28", "state=%", "state=%FF", "state=caf\u00e9", "username=a%00b",
            "=x", "state=a&state=b"})
    void refusesAMalformedQueryString(String query) {
        OAuthException e = assertThrows(OAuthException.class, () -> FormParameters.query(query, FormParameters.NO_REPEATS));

        assertEquals(ErrorCode.INVALID_REQUEST, e.error().code());
    }

    @Test
    void refusesAnOverlongQueryString() {
        String query = "state=" + "a".repeat(FormParameters.MAX_BODY_BYTES);

        assertThrows(OAuthException.class, () -> FormParameters.query(query, FormParameters.NO_REPEATS));
    }

    @Test
    void showsOnlyParameterNamesInToString() {
        FormParameters form = FormParameters.parse(FORM, body("client_secret=hunter2hunter2"));

        assertEquals("FormParameters[client_secret]", form.toString());
    }
}
