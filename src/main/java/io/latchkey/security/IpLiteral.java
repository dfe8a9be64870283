package io.latchkey.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Whether text is an IPv4 or IPv6 address literal, decided without ever asking DNS: IPv4 by a strict
 * pattern; IPv6 only when the text consists of hex digits, colons, dots and an optional zone and starts with
 * a hex digit or a colon — the shape {@link InetAddress} parses as a literal, never as a host name — and
 * then by {@link InetAddress} itself.
 */
final class IpLiteral {
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_SHAPE = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*(%[A-Za-z0-9._-]+)?");

    private IpLiteral() {
    }

    static boolean isLiteral(String text) {
        if (IPV4.matcher(text).matches()) {
            return true;
        }
        if (!text.contains(":") || !IPV6_SHAPE.matcher(text).matches()) {
            return false;
        }
        try {
            return InetAddress.getByName(text).getAddress().length == 16
                    || text.toLowerCase(java.util.Locale.ROOT).startsWith("::ffff:");
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
