package io.latchkey.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxiesTest {
    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of("10.0.0.5", "10.0.0.5", true),
                Arguments.of("10.0.0.5", "10.0.0.6", false),
                Arguments.of("10.0.0.0/8", "10.255.1.2", true),
                Arguments.of("10.0.0.0/8", "11.0.0.1", false),
                Arguments.of("192.168.1.0/24", "192.168.1.77", true),
                Arguments.of("192.168.1.0/24", "192.168.2.1", false),
                Arguments.of("192.168.1.7/32", "192.168.1.7", true),
                Arguments.of("192.168.1.7/32", "192.168.1.8", false),
                Arguments.of("172.16.0.0/12", "172.31.255.255", true),
                Arguments.of("172.16.0.0/12", "172.32.0.0", false),
                Arguments.of("172.16.0.0/12", "172.15.255.255", false),
                Arguments.of("0.0.0.0/0", "203.0.113.9", true),
                Arguments.of("::1", "::1", true),
                Arguments.of("::1", "0:0:0:0:0:0:0:1", true),
                Arguments.of("[::1]", "::1", true),
                Arguments.of("::1", "::2", false),
                Arguments.of("2001:db8::/32", "2001:db8:1::5", true),
                Arguments.of("2001:db8::/32", "2001:db9::1", false),
                Arguments.of("fd00::/8", "fdff::1", true),
                Arguments.of("10.0.0.0/8", "::1", false),
                Arguments.of("::1", "127.0.0.1", false),
                Arguments.of("10.0.0.5, 192.168.0.0/16 ,::1", "192.168.44.1", true),
                Arguments.of("10.0.0.5, 192.168.0.0/16 ,::1", "10.0.0.5", true),
                Arguments.of("10.0.0.5, 192.168.0.0/16 ,::1", "10.0.0.4", false));
    }

    @ParameterizedTest(name = "{0} trusts {1}: {2}")
    @MethodSource("decisions")
    void trustsExactlyTheConfiguredAddressesAndRanges(String configured, String remote, boolean trusted) {
        assertEquals(trusted, TrustedProxies.parse(configured).trusts(remote));
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.example.com", "localhost", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/x",
            "10.0.0.0/", "10.0.0.0/8/8", "::1/129", "10.0.0", "10.0.0.0.1", "/8", "10.0.0.5, gateway"})
    void rejectsEntriesThatAreNotAddressesOrRanges(String configured) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustedProxies.parse(configured));

        assertTrue(e.getMessage().startsWith("'"), "names the bad entry: " + e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "unknown", "10.0.0.5, 10.0.0.6", "10.0.0.5:8080", "[10.0.0.5", "10.0.0.5/32",
            "localhost", " ", "10.0.0.5 ", "10.0.0.0/8"})
    void neverTrustsGarbageRemoteAddresses(String remote) {
        TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, ::1");

        assertFalse(proxies.trusts(remote));
    }

    @Test
    void neverTrustsAMissingRemoteAddress() {
        assertFalse(TrustedProxies.parse("0.0.0.0/0").trusts(null));
    }

    @Test
    void trustsNobodyWhenNoneAreConfigured() {
        assertFalse(TrustedProxies.none().trusts("127.0.0.1"));
        assertFalse(TrustedProxies.parse(" , ").trusts("127.0.0.1"));
    }

    @Test
    void showsItsConfigurationAsText() {
        assertEquals("10.0.0.0/8, ::1", TrustedProxies.parse(" 10.0.0.0/8, ::1 ").toString());
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> forwardedClients() {
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("a direct client's own header is ignored",
                        "198.51.100.7", java.util.List.of("10.0.0.9"), "198.51.100.7"),
                org.junit.jupiter.params.provider.Arguments.of("no header behind the proxy",
                        "10.0.0.5", java.util.List.of(), "10.0.0.5"),
                org.junit.jupiter.params.provider.Arguments.of("the client the proxy saw",
                        "10.0.0.5", java.util.List.of("203.0.113.4"), "203.0.113.4"),
                org.junit.jupiter.params.provider.Arguments.of("a forged entry left of the proxy's stays ignored",
                        "10.0.0.5", java.util.List.of("192.0.2.99, 203.0.113.4"), "203.0.113.4"),
                org.junit.jupiter.params.provider.Arguments.of("two trusted proxies in a row",
                        "10.0.0.5", java.util.List.of("203.0.113.4, 10.0.0.6"), "203.0.113.4"),
                org.junit.jupiter.params.provider.Arguments.of("several headers count as one list",
                        "10.0.0.5", java.util.List.of("192.0.2.99", "203.0.113.4"), "203.0.113.4"),
                org.junit.jupiter.params.provider.Arguments.of("an IPv6 client in brackets",
                        "::1", java.util.List.of("[2001:db8::7]"), "2001:db8::7"),
                org.junit.jupiter.params.provider.Arguments.of("garbage stops at the proxy that appended it",
                        "10.0.0.5", java.util.List.of("203.0.113.4, unknown"), "10.0.0.5"),
                org.junit.jupiter.params.provider.Arguments.of("a host name is not an address",
                        "10.0.0.5", java.util.List.of("evil.example"), "10.0.0.5"),
                org.junit.jupiter.params.provider.Arguments.of("only proxies: the leftmost",
                        "10.0.0.5", java.util.List.of("10.0.0.7, 10.0.0.6"), "10.0.0.7"));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("forwardedClients")
    void findsTheClientBehindTrustedProxiesOnly(String why, String remote, java.util.List<String> forwardedFor,
                                                String client) {
        assertEquals(client, TrustedProxies.parse("10.0.0.0/8, ::1").clientAddress(remote, forwardedFor));
    }

    @Test
    void believesNoForwardedForWhenNoProxyIsConfigured() {
        assertEquals("127.0.0.1", TrustedProxies.none().clientAddress("127.0.0.1", java.util.List.of("203.0.113.4")));
    }
}
