package io.latchkey.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SameOriginFormsTest {
    private static final SameOriginForms FORMS = new SameOriginForms("https://login.example.com/latchkey");

    static Stream<Arguments> posts() {
        return Stream.of(
                Arguments.of("no Origin, no Referer: the csrf field alone decides", null, null, true),
                Arguments.of("our origin", "https://login.example.com", null, true),
                Arguments.of("our origin with its default port", "https://login.example.com:443", null, true),
                Arguments.of("our origin in another case", "HTTPS://Login.Example.COM", null, true),
                Arguments.of("another site", "https://evil.example", null, false),
                Arguments.of("Origin: null (opaque origin)", "null", null, false),
                Arguments.of("our host over http", "http://login.example.com", null, false),
                Arguments.of("our host on another port", "https://login.example.com:8443", null, false),
                Arguments.of("a subdomain of ours", "https://a.login.example.com", null, false),
                Arguments.of("a look-alike suffix", "https://login.example.com.evil.example", null, false),
                Arguments.of("a list of origins", "https://login.example.com https://evil.example", null, false),
                Arguments.of("garbage", "not a url", null, false),
                Arguments.of("an empty Origin", "", null, false),
                Arguments.of("Origin wins over a Referer of ours", "https://evil.example",
                        "https://login.example.com/latchkey/login", false),
                Arguments.of("a Referer of ours", null, "https://login.example.com/latchkey/login?interaction=x", true),
                Arguments.of("a Referer of ours, any path", null, "https://login.example.com/elsewhere", true),
                Arguments.of("a foreign Referer", null, "https://evil.example/login.example.com", false),
                Arguments.of("a Referer with user info", null, "https://login.example.com@evil.example/", false),
                Arguments.of("a Referer that is no URL", null, "::::", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("posts")
    void allowsOnlyPostsFromTheIssuersOrigin(String why, String origin, String referer, boolean allowed) {
        assertEquals(allowed, FORMS.allows(origin, referer));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("issuers")
    void servesTheIssuersOriginAsABrowserSerializesIt(String issuer, String origin) {
        assertEquals(origin, new SameOriginForms(issuer).issuerOrigin());
    }

    static Stream<Arguments> issuers() {
        return Stream.of(
                Arguments.of("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
                Arguments.of("http://127.0.0.1:80/latchkey", "http://127.0.0.1"),
                Arguments.of("https://Login.Example.com:443/", "https://login.example.com"),
                Arguments.of("http://[::1]:9084/x", "http://[::1]:9084"));
    }

    @org.junit.jupiter.api.Test
    void refusesAnIssuerThatIsNoHttpUrl() {
        assertThrows(IllegalArgumentException.class, () -> new SameOriginForms("urn:latchkey"));
    }
}
