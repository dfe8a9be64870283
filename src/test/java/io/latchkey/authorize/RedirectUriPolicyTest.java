package io.latchkey.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.client.Client;
import io.latchkey.client.ClientType;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.testing.TestClients;
import java.net.IDN;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6749 §3.1.2.3 and RFC 9700 §4.1.3: exact matching; RFC 8252 §7.3: any port for a native loopback URI. */
class RedirectUriPolicyTest {
    private static final Client WEB = TestClients.webApp("web").build();
    private static final Client NATIVE = TestClients.nativeApp("native").build();

    static Stream<Arguments> nearMissesOfTheWebRedirect() {
        return Stream.of(
                Arguments.of("trailing slash", "https://app.example.com/callback/"),
                Arguments.of("upper-case host", "https://APP.example.com/callback"),
                Arguments.of("upper-case path", "https://app.example.com/Callback"),
                Arguments.of("upper-case scheme", "HTTPS://app.example.com/callback"),
                Arguments.of("extra path segment", "https://app.example.com/callback/extra"),
                Arguments.of("longer last segment", "https://app.example.com/callback2"),
                Arguments.of("shorter path", "https://app.example.com/"),
                Arguments.of("dot-dot traversal", "https://app.example.com/other/../callback"),
                Arguments.of("dot segment", "https://app.example.com/./callback"),
                Arguments.of("double slash", "https://app.example.com//callback"),
                Arguments.of("query added", "https://app.example.com/callback?next=/admin"),
                Arguments.of("empty query", "https://app.example.com/callback?"),
                Arguments.of("fragment", "https://app.example.com/callback#frag"),
                Arguments.of("empty fragment", "https://app.example.com/callback#"),
                Arguments.of("userinfo", "https://user@app.example.com/callback"),
                Arguments.of("host as userinfo", "https://app.example.com@evil.example/callback"),
                Arguments.of("http instead of https", "http://app.example.com/callback"),
                Arguments.of("default port spelled out", "https://app.example.com:443/callback"),
                Arguments.of("port added", "https://app.example.com:8443/callback"),
                Arguments.of("IDN look-alike host (Cyrillic a)", "https://\u0430pp.example.com/callback"),
                Arguments.of("IDN look-alike host in punycode",
                        "https://" + IDN.toASCII("\u0430pp.example.com") + "/callback"),
                Arguments.of("trailing dot on host", "https://app.example.com./callback"),
                Arguments.of("percent-encoded letter", "https://app.example.com/%63allback"),
                Arguments.of("percent-encoded slash", "https://app.example.com%2Fcallback"),
                Arguments.of("encoded slash appended", "https://app.example.com/callback%2F"),
                Arguments.of("encoded space appended", "https://app.example.com/callback%20"),
                Arguments.of("leading whitespace", " https://app.example.com/callback"),
                Arguments.of("trailing whitespace", "https://app.example.com/callback "),
                Arguments.of("trailing newline", "https://app.example.com/callback\n"),
                Arguments.of("registered host as prefix", "https://app.example.com.evil.example/callback"),
                Arguments.of("registered URI inside a path", "https://evil.example/https://app.example.com/callback"),
                Arguments.of("scheme-relative", "//app.example.com/callback"),
                Arguments.of("backslash", "https://app.example.com\\callback"),
                Arguments.of("different scheme", "custom://app.example.com/callback"),
                Arguments.of("path parameter", "https://app.example.com/callback;jsessionid=1"),
                Arguments.of("subdomain", "https://www.app.example.com/callback"),
                Arguments.of("empty string", ""));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("nearMissesOfTheWebRedirect")
    void aWebAppRefusesEveryNearMissOfItsRedirectUri(String why, String requested) {
        assertFalse(RedirectUriPolicy.isRegistered(WEB, requested), why);
        OAuthException e = assertThrows(OAuthException.class,
                () -> RedirectUriPolicy.verify(WEB, Optional.of(requested), true, Optional.of("s")));
        assertEquals(ErrorCode.INVALID_REQUEST, e.error().code());
        assertEquals("redirect_uri is not registered for this application", e.error().description());
    }

    static Stream<Arguments> nearMissesOfTheNativeLoopbackRedirect() {
        return Stream.of(
                Arguments.of("trailing slash", "http://127.0.0.1:51000/cb/"),
                Arguments.of("upper-case path", "http://127.0.0.1:51000/CB"),
                Arguments.of("extra path segment", "http://127.0.0.1:51000/cb/extra"),
                Arguments.of("no path", "http://127.0.0.1:51000"),
                Arguments.of("dot-dot traversal", "http://127.0.0.1:51000/x/../cb"),
                Arguments.of("double slash", "http://127.0.0.1:51000//cb"),
                Arguments.of("query added", "http://127.0.0.1:51000/cb?x=1"),
                Arguments.of("fragment", "http://127.0.0.1:51000/cb#f"),
                Arguments.of("fragment without port", "http://127.0.0.1/cb#f"),
                Arguments.of("userinfo", "http://user@127.0.0.1:51000/cb"),
                Arguments.of("loopback as userinfo", "http://127.0.0.1:51000@evil.example/cb"),
                Arguments.of("https instead of http", "https://127.0.0.1:51000/cb"),
                Arguments.of("upper-case scheme", "HTTP://127.0.0.1:51000/cb"),
                Arguments.of("localhost instead of 127.0.0.1", "http://localhost:51000/cb"),
                Arguments.of("localhost without port", "http://localhost/cb"),
                Arguments.of("[::1] instead of 127.0.0.1", "http://[::1]:51000/cb"),
                Arguments.of("another loopback address", "http://127.0.0.2:51000/cb"),
                Arguments.of("short form of 127.0.0.1", "http://127.1:51000/cb"),
                Arguments.of("decimal form of 127.0.0.1", "http://2130706433:51000/cb"),
                Arguments.of("hex form of 127.0.0.1", "http://0x7f.0.0.1:51000/cb"),
                Arguments.of("loopback-looking DNS name", "http://127.0.0.1.nip.io:51000/cb"),
                Arguments.of("percent-encoded letter", "http://127.0.0.1:51000/%63b"),
                Arguments.of("percent-encoded last letter", "http://127.0.0.1:51000/c%62"),
                Arguments.of("encoded slash", "http://127.0.0.1:51000/cb%2F"),
                Arguments.of("port zero", "http://127.0.0.1:0/cb"),
                Arguments.of("negative port", "http://127.0.0.1:-1/cb"),
                Arguments.of("signed port", "http://127.0.0.1:+51000/cb"),
                Arguments.of("leading whitespace", " http://127.0.0.1:51000/cb"),
                Arguments.of("trailing whitespace", "http://127.0.0.1:51000/cb "),
                Arguments.of("different scheme", "ws://127.0.0.1:51000/cb"),
                Arguments.of("path parameter", "http://127.0.0.1:51000/cb;x"),
                Arguments.of("public host", "http://app.example.com:51000/cb"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("nearMissesOfTheNativeLoopbackRedirect")
    void aNativeAppRefusesEveryNearMissOfItsLoopbackRedirectUri(String why, String requested) {
        assertFalse(RedirectUriPolicy.isRegistered(NATIVE, requested), why);
        OAuthException e = assertThrows(OAuthException.class,
                () -> RedirectUriPolicy.verify(NATIVE, Optional.of(requested), false, Optional.empty()));
        assertEquals(ErrorCode.INVALID_REQUEST, e.error().code());
    }

    @Test
    void theExactRegisteredUriIsAcceptedAndKeptWithStateAndQueryMode() {
        VerifiedRedirect redirect = RedirectUriPolicy.verify(WEB, Optional.of(TestClients.WEB_REDIRECT), true,
                Optional.of("xyz"));
        assertEquals("web", redirect.clientId());
        assertEquals(TestClients.WEB_REDIRECT, redirect.uri());
        assertEquals(Optional.of("xyz"), redirect.state());
        assertEquals(ResponseMode.QUERY, redirect.mode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/cb", "http://127.0.0.1:1/cb", "http://127.0.0.1:8080/cb",
            "http://127.0.0.1:51000/cb", "http://127.0.0.1:65535/cb"})
    void aNativeAppsLoopbackRedirectAcceptsAnyPort(String requested) {
        VerifiedRedirect redirect = RedirectUriPolicy.verify(NATIVE, Optional.of(requested), true, Optional.empty());
        assertEquals(requested, redirect.uri(), "the redirect goes to the port the app asked for");
    }

    @Test
    void aNativeAppsLoopbackRedirectWithAPortAcceptsOtherPortsToo() {
        Client client = TestClients.nativeApp("native").withRedirectUris("http://127.0.0.1:8080/cb").build();
        assertTrue(RedirectUriPolicy.isRegistered(client, "http://127.0.0.1:9090/cb"));
        assertTrue(RedirectUriPolicy.isRegistered(client, "http://127.0.0.1/cb"));
    }

    @Test
    void aNativeAppsIpv6LoopbackAcceptsAnyPortButOnlyOnIpv6() {
        Client client = TestClients.nativeApp("native").withRedirectUris("http://[::1]/cb").build();
        assertTrue(RedirectUriPolicy.isRegistered(client, "http://[::1]:6000/cb"));
        assertFalse(RedirectUriPolicy.isRegistered(client, "http://127.0.0.1:6000/cb"));
        assertFalse(RedirectUriPolicy.isRegistered(client, "http://[0:0:0:0:0:0:0:1]:6000/cb"));
        assertFalse(RedirectUriPolicy.isRegistered(client, "http://[::1]:6000/cb/"));
    }

    @Test
    void aNativeAppsLoopbackRedirectWithAQueryNeedsThatExactQuery() {
        Client client = TestClients.nativeApp("native").withRedirectUris("http://127.0.0.1/cb?app=1").build();
        assertTrue(RedirectUriPolicy.isRegistered(client, "http://127.0.0.1:7000/cb?app=1"));
        assertFalse(RedirectUriPolicy.isRegistered(client, "http://127.0.0.1:7000/cb?app=2"));
        assertFalse(RedirectUriPolicy.isRegistered(client, "http://127.0.0.1:7000/cb"));
        assertFalse(RedirectUriPolicy.isRegistered(client, "http://127.0.0.1:7000/cb?app=1&x=2"));
    }

    @Test
    void aPortOutsideTheTcpRangeIsNotALoopbackPort() {
        assertFalse(RedirectUriPolicy.isRegistered(NATIVE, "http://127.0.0.1:65536/cb"));
        assertFalse(RedirectUriPolicy.isRegistered(NATIVE, "http://127.0.0.1:4294967297/cb"));
    }

    @Test
    void aNativeAppsCustomSchemeRedirectMatchesExactly() {
        Client client = TestClients.nativeApp("native").withRedirectUris("com.example.app:/oauth2redirect").build();
        assertTrue(RedirectUriPolicy.isRegistered(client, "com.example.app:/oauth2redirect"));
        assertFalse(RedirectUriPolicy.isRegistered(client, "com.example.app:/oauth2redirect/"));
        assertFalse(RedirectUriPolicy.isRegistered(client, "com.example.App:/oauth2redirect"));
        assertFalse(RedirectUriPolicy.isRegistered(client, "com.example.app://oauth2redirect"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/cb", "http://127.0.0.1:80/cb"})
    void aWebAppsLoopbackRegistrationGetsNoPortFlexibility(String requested) {
        Client web = TestClients.webApp("web").withRedirectUris("http://127.0.0.1/cb").build();
        Client spa = TestClients.spa("spa").withRedirectUris("http://127.0.0.1/cb").build();
        assertFalse(RedirectUriPolicy.isRegistered(web, requested));
        assertFalse(RedirectUriPolicy.isRegistered(spa, requested));
        assertTrue(RedirectUriPolicy.isRegistered(web, "http://127.0.0.1/cb"));
    }

    @Test
    void aMissingRedirectUriMeansTheOnlyRegisteredOneWhenNotRequired() {
        VerifiedRedirect redirect = RedirectUriPolicy.verify(WEB, Optional.empty(), false, Optional.empty());
        assertEquals(TestClients.WEB_REDIRECT, redirect.uri());
    }

    @Test
    void aMissingRedirectUriIsRefusedWhenRequired() {
        OAuthException e = assertThrows(OAuthException.class,
                () -> RedirectUriPolicy.verify(WEB, Optional.empty(), true, Optional.empty()));
        assertEquals(ErrorCode.INVALID_REQUEST, e.error().code());
        assertEquals("redirect_uri is required", e.error().description());
    }

    @Test
    void aMissingRedirectUriIsRefusedWhenSeveralAreRegistered() {
        Client two = TestClients.webApp("web")
                .withRedirectUris(TestClients.WEB_REDIRECT, "https://app.example.com/other").build();
        OAuthException e = assertThrows(OAuthException.class,
                () -> RedirectUriPolicy.verify(two, Optional.empty(), false, Optional.empty()));
        assertEquals("redirect_uri is required", e.error().description());
        assertEquals("https://app.example.com/other",
                RedirectUriPolicy.verify(two, Optional.of("https://app.example.com/other"), true, Optional.empty()).uri());
    }

    /** Registration: uri, application type, development mode, and a word of the refusal (null: accepted). */
    static Stream<Arguments> registrations() {
        return Stream.of(
                Arguments.of("https://rp.example/cb", ClientType.WEB, false, null),
                Arguments.of("https://rp.example:8443/cb?tenant=a", ClientType.SPA, false, null),
                Arguments.of("http://127.0.0.1/cb", ClientType.NATIVE, false, null),
                Arguments.of("http://127.0.0.1:8765/cb", ClientType.NATIVE, false, null),
                Arguments.of("http://[::1]:8765/cb", ClientType.NATIVE, false, null),
                Arguments.of("com.example.app:/oauth2redirect", ClientType.NATIVE, false, null),
                Arguments.of("http://127.0.0.1:8765/cb", ClientType.WEB, true, null),
                Arguments.of("http://[::1]/cb", ClientType.SPA, true, null),
                // a wildcard anywhere
                Arguments.of("https://rp.example/*", ClientType.WEB, false, "'*'"),
                Arguments.of("https://rp.example/cb*", ClientType.WEB, true, "'*'"),
                Arguments.of("https://*.rp.example/cb", ClientType.WEB, false, "'*'"),
                Arguments.of("https://rp.example/cb?next=*", ClientType.SPA, false, "'*'"),
                Arguments.of("https://rp.example/%2a", ClientType.WEB, false, "'*'"),
                Arguments.of("com.example.app:/*", ClientType.NATIVE, false, "'*'"),
                // fragments, relative and broken URIs
                Arguments.of("https://rp.example/cb#x", ClientType.WEB, false, "fragment"),
                Arguments.of("https://rp.example/cb#", ClientType.WEB, false, "fragment"),
                Arguments.of("/cb", ClientType.WEB, false, "absolute"),
                Arguments.of("//rp.example/cb", ClientType.WEB, false, "absolute"),
                Arguments.of("https://rp example/cb", ClientType.WEB, false, "not a valid URI"),
                Arguments.of("https:///cb", ClientType.WEB, false, "host"),
                Arguments.of("https:cb", ClientType.WEB, false, "host"),
                // plain http: loopback IP literals only, native only unless in development mode
                Arguments.of("http://127.0.0.1/cb", ClientType.WEB, false, "only for native"),
                Arguments.of("http://127.0.0.1:8765/cb", ClientType.SPA, false, "only for native"),
                Arguments.of("http://[::1]/cb", ClientType.WEB, false, "only for native"),
                Arguments.of("http://localhost:8765/cb", ClientType.NATIVE, false, "localhost"),
                Arguments.of("http://localhost:8765/cb", ClientType.WEB, true, "localhost"),
                Arguments.of("http://LOCALHOST/cb", ClientType.NATIVE, true, "localhost"),
                Arguments.of("http://127.0.0.2/cb", ClientType.NATIVE, false, "loopback"),
                Arguments.of("http://127.0.0.1.rp.example/cb", ClientType.NATIVE, true, "loopback"),
                Arguments.of("http://rp.example/cb", ClientType.WEB, true, "loopback"),
                Arguments.of("http://rp.example/cb", ClientType.NATIVE, false, "loopback"),
                // private-use schemes: native only, reverse-domain only
                Arguments.of("com.example.app:/cb", ClientType.WEB, false, "https"),
                Arguments.of("com.example.app:/cb", ClientType.SPA, true, "https"),
                Arguments.of("myapp:/cb", ClientType.NATIVE, false, "https"),
                Arguments.of("javascript:alert(1)", ClientType.NATIVE, true, "https"),
                Arguments.of("ftp://rp.example/cb", ClientType.WEB, false, "https"));
    }

    @ParameterizedTest(name = "{0} for {1} (dev mode {2})")
    @MethodSource("registrations")
    void decidesWhatMayBeRegistered(String uri, ClientType type, boolean devMode, String refusal) {
        Optional<String> problem = RedirectUriPolicy.registrationProblem(uri, type, devMode);

        if (refusal == null) {
            assertEquals(Optional.empty(), problem);
        } else {
            assertTrue(problem.isPresent(), "refused");
            assertTrue(problem.get().contains(refusal), problem.get());
        }
    }
}
