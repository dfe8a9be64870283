package io.latchkey.security;

import static io.latchkey.security.TransportPolicy.Verdict.ALLOW_HTTPS;
import static io.latchkey.security.TransportPolicy.Verdict.ALLOW_LOOPBACK_HTTP;
import static io.latchkey.security.TransportPolicy.Verdict.REFUSE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.security.TransportPolicy.Transport;
import io.latchkey.security.TransportPolicy.Verdict;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TransportPolicyTest {
    private static final TrustedProxies PROXY = TrustedProxies.parse("10.0.0.5");

    static Stream<Arguments> requests() {
        return Stream.of(
                // devMode, secure, remote address, X-Forwarded-Proto, verdict
                Arguments.of(false, true, "203.0.113.9", null, ALLOW_HTTPS),
                Arguments.of(true, true, "203.0.113.9", null, ALLOW_HTTPS),
                Arguments.of(false, false, "127.0.0.1", null, REFUSE),
                Arguments.of(true, false, "127.0.0.1", null, ALLOW_LOOPBACK_HTTP),
                Arguments.of(true, false, "127.0.0.2", null, ALLOW_LOOPBACK_HTTP),
                Arguments.of(true, false, "::1", null, ALLOW_LOOPBACK_HTTP),
                Arguments.of(true, false, "0:0:0:0:0:0:0:1", null, ALLOW_LOOPBACK_HTTP),
                Arguments.of(true, false, "203.0.113.9", null, REFUSE),
                Arguments.of(true, false, "localhost", null, REFUSE),
                Arguments.of(true, false, "127.0.0.1.example.com", null, REFUSE),
                Arguments.of(true, false, null, null, REFUSE),
                Arguments.of(false, false, "10.0.0.5", "https", ALLOW_HTTPS),
                Arguments.of(false, false, "10.0.0.5", "HTTPS", ALLOW_HTTPS),
                Arguments.of(false, false, "10.0.0.5", " https ", ALLOW_HTTPS),
                Arguments.of(false, false, "10.0.0.5", "http", REFUSE),
                Arguments.of(false, false, "10.0.0.5", null, REFUSE),
                Arguments.of(false, false, "10.0.0.5", "", REFUSE),
                Arguments.of(false, false, "10.0.0.6", "https", REFUSE),
                Arguments.of(false, false, "203.0.113.9", "https", REFUSE),
                Arguments.of(false, false, "10.0.0.5", "https, http", ALLOW_HTTPS),
                Arguments.of(false, false, "10.0.0.5", "http, https", REFUSE),
                Arguments.of(true, false, "10.0.0.5", "https", ALLOW_HTTPS),
                Arguments.of(true, false, "10.0.0.5", "http", REFUSE));
    }

    @ParameterizedTest(name = "dev={0} secure={1} from {2} X-Forwarded-Proto={3}: {4}")
    @MethodSource("requests")
    void judgesTheTransportOfARequest(boolean devMode, boolean secure, String remote, String forwardedProto,
                                      Verdict expected) {
        TransportPolicy policy = new TransportPolicy(devMode, PROXY);

        assertEquals(expected, policy.judge(new Transport(secure, remote, forwardedProto)));
    }

    @Test
    void ignoresTheForwardedHeaderWhenNoProxyIsTrusted() {
        TransportPolicy policy = new TransportPolicy(false, TrustedProxies.none());

        assertEquals(REFUSE, policy.judge(new Transport(false, "127.0.0.1", "https")));
    }

    @Test
    void doesNotLetALoopbackProxyHeaderUpgradeRequestsInDevelopmentMode() {
        TransportPolicy policy = new TransportPolicy(true, TrustedProxies.none());

        assertEquals(ALLOW_LOOPBACK_HTTP, policy.judge(new Transport(false, "127.0.0.1", "https")));
    }

    @Test
    void rememberingTheLastLoopbackAddressNeverChangesAnAnswer() {
        TransportPolicy policy = new TransportPolicy(true, TrustedProxies.none());
        for (int i = 0; i < 3; i++) {
            assertEquals(ALLOW_LOOPBACK_HTTP, policy.judge(new Transport(false, "127.0.0.1", null)));
            assertEquals(REFUSE, policy.judge(new Transport(false, "192.0.2.1", null)));
            assertEquals(ALLOW_LOOPBACK_HTTP, policy.judge(new Transport(false, "::1", null)));
            assertEquals(REFUSE, policy.judge(new Transport(false, "127.0.0.1.example.com", null)));
            assertEquals(REFUSE, policy.judge(new Transport(false, null, null)));
        }
    }
}
