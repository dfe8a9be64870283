package io.latchkey.security;

import java.util.regex.Pattern;

/**
 * Whether text is an IPv4 or IPv6 address literal, checked strictly so that
 * {@link java.net.InetAddress#getByName} is only ever given literals and never asks DNS.
 */
final class IpLiteral {
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_GROUPS = Pattern.compile("[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}");

    private IpLiteral() {
    }

    static boolean isLiteral(String text) {
        if (IPV4.matcher(text).matches()) {
            return true;
        }
        String address = text;
        int zone = address.indexOf('%');
        if (zone >= 0) {
            address = address.substring(0, zone);
        }
        int lastColon = address.lastIndexOf(':');
        if (lastColon >= 0 && address.indexOf('.', lastColon) > 0) {
            // IPv4-mapped tail, e.g. ::ffff:192.0.2.1
            if (!IPV4.matcher(address.substring(lastColon + 1)).matches()) {
                return false;
            }
            address = address.substring(0, lastColon) + ":0";
        }
        if (!IPV6_GROUPS.matcher(address).matches()) {
            return false;
        }
        int doubleColons = address.split("::", -1).length - 1;
        return doubleColons <= 1 && (doubleColons == 1 || address.split(":", -1).length == 8);
    }
}
