package io.latchkey.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The token endpoint reads its headers from the servlet request as JAX-RS would give them. */
class TokenResourceTest {

    private static HttpServletRequest withHeaders(Map<String, List<String>> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> method.getName().equals("getHeaders")
                        ? Collections.enumeration(headers.getOrDefault((String) args[0], List.of()))
                        : null);
    }

    @Test
    void aRepeatedHeaderIsSeenWhole() {
        HttpServletRequest request = withHeaders(Map.of("Authorization", List.of("Basic YTpi", "Basic Yzpk")));
        assertEquals("Basic YTpi,Basic Yzpk", TokenResource.header(request, "Authorization"));
    }

    @Test
    void aSingleHeaderIsItsValueAndAMissingOneNull() {
        HttpServletRequest request = withHeaders(Map.of("Content-Type", List.of("application/x-www-form-urlencoded")));
        assertEquals("application/x-www-form-urlencoded", TokenResource.header(request, "Content-Type"));
        assertNull(TokenResource.header(request, "Authorization"));
    }
}
