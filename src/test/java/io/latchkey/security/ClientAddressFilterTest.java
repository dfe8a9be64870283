package io.latchkey.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The client's address behind trusted proxies only; X-Forwarded-For from anyone else is not even read. */
class ClientAddressFilterTest {
    /** A request from {@code peer} with these X-Forwarded-For headers, counting how often they are read. */
    private static HttpServletRequest request(String peer, List<String> forwardedFor, AtomicInteger headerReads) {
        Map<String, Object> attributes = new HashMap<>();
        return (HttpServletRequest) Proxy.newProxyInstance(ClientAddressFilterTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> peer;
                    case "getHeaders" -> {
                        headerReads.incrementAndGet();
                        yield Collections.enumeration("X-Forwarded-For".equals(args[0]) ? forwardedFor : List.of());
                    }
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    default -> null;
                });
    }

    private static String seenAddress(TrustedProxies proxies, HttpServletRequest request) throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
                ClientAddressFilterTest.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (proxy, method, args) -> null);
        new ClientAddressFilter(proxies).doFilter(request, response,
                (ServletRequest r, jakarta.servlet.ServletResponse s) -> seen.set(r.getRemoteAddr()));
        assertEquals(seen.get(), request.getAttribute(ClientAddressFilter.CLIENT_ADDRESS_ATTRIBUTE));
        return seen.get();
    }

    @Test
    void behindATrustedProxyTheClientIsTheForwardedAddress() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        assertEquals("198.51.100.7", seenAddress(TrustedProxies.parse("10.0.0.0/8"),
                request("10.0.0.5", List.of("203.0.113.9, 198.51.100.7"), reads)));
        assertEquals(1, reads.get());
    }

    @Test
    void fromAnUntrustedPeerTheHeaderIsIgnoredAndNotRead() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        assertEquals("192.0.2.1", seenAddress(TrustedProxies.parse("10.0.0.0/8"),
                request("192.0.2.1", List.of("198.51.100.7"), reads)));
        assertEquals("192.0.2.1", seenAddress(TrustedProxies.none(),
                request("192.0.2.1", List.of("198.51.100.7"), reads)));
        assertEquals(0, reads.get());
    }
}
