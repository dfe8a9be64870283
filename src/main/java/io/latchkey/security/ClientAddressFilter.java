package io.latchkey.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;

/**
 * Makes {@code getRemoteAddr()} the client's address behind trusted reverse proxies
 * ({@link TrustedProxies#clientAddress}), so that everything that counts per address — sign-in, client
 * authentication, token look-ups — counts the client, not the proxy every client shares. Runs after
 * {@link TransportSecurityFilter}, which judges the connection's real peer.
 */
public final class ClientAddressFilter extends HttpFilter {
    /** The resolved address, kept on the request so a later dispatch of the same request resolves nothing again. */
    public static final String CLIENT_ADDRESS_ATTRIBUTE = "io.latchkey.clientAddress";

    private final transient TrustedProxies proxies;

    public ClientAddressFilter(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    /** The headers are read only when the peer is a trusted proxy: from anyone else they mean nothing. */
    private String clientAddress(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!proxies.trusts(peer)) {
            return peer;
        }
        return proxies.clientAddress(peer, Collections.list(request.getHeaders("X-Forwarded-For")));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Object known = request.getAttribute(CLIENT_ADDRESS_ATTRIBUTE);
        String client = known instanceof String address ? address : clientAddress(request);
        request.setAttribute(CLIENT_ADDRESS_ATTRIBUTE, client);
        if (client.equals(request.getRemoteAddr())) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getRemoteAddr() {
                return client;
            }

            @Override
            public String getRemoteHost() {
                return client;
            }
        }, response);
    }
}
