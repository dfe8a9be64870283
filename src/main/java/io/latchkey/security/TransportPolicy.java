package io.latchkey.security;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Whether a request arrived over a transport Latchkey accepts. Outside development mode only HTTPS,
 * either directly or through a trusted proxy that says {@code X-Forwarded-Proto: https}; in development
 * mode plain http too, but only from a loopback address.
 */
public final class TransportPolicy {
    private final boolean devMode;
    private final TrustedProxies proxies;
    /** The last remote address {@link #isLoopback} said yes to. */
    private volatile String lastLoopback;

    public TransportPolicy(boolean devMode, TrustedProxies proxies) {
        this.devMode = devMode;
        this.proxies = proxies;
    }

    /** Facts about one request, taken from the servlet request by the filter. */
    public record Transport(boolean secure, String remoteAddress, String forwardedProto) {
    }

    public enum Verdict { ALLOW_HTTPS, ALLOW_LOOPBACK_HTTP, REFUSE }

    public Verdict judge(Transport transport) {
        if (transport.secure()) {
            return Verdict.ALLOW_HTTPS;
        }
        if (proxies.trusts(transport.remoteAddress()) && "https".equalsIgnoreCase(trim(transport.forwardedProto()))) {
            return Verdict.ALLOW_HTTPS;
        }
        if (devMode && loopback(transport.remoteAddress())) {
            return Verdict.ALLOW_LOOPBACK_HTTP;
        }
        return Verdict.REFUSE;
    }

    public boolean devMode() {
        return devMode;
    }

    private static String trim(String value) {
        if (value == null) {
            return "";
        }
        int comma = value.indexOf(',');
        return (comma < 0 ? value : value.substring(0, comma)).trim();
    }

    /**
     * {@link #isLoopback}, remembering the last address found to be one: a development server's requests all come
     * from the same loopback address, which was parsed (a pattern match and an {@code InetAddress}) per request. The
     * answer for a given text never changes, so remembering it is exact.
     */
    private boolean loopback(String address) {
        if (address != null && address.equals(lastLoopback)) {
            return true;
        }
        boolean loopback = isLoopback(address);
        if (loopback) {
            lastLoopback = address;
        }
        return loopback;
    }

    static boolean isLoopback(String address) {
        if (address == null || !IpLiteral.isLiteral(address)) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
