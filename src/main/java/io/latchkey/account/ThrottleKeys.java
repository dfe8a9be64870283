package io.latchkey.account;

import io.latchkey.security.Secret;
import io.latchkey.store.AccountRepository;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The {@code login_throttle} keys: {@code account:<username>} (stored form, whether or not the account exists)
 * and {@code ip:<address>} for sign-in; {@code client:<client_id>} (whether or not the application exists) and
 * {@code client-ip:<address>} and {@code client-at:<address> <client_id>} for client authentication; {@code token-ip:<address>} for reference-token
 * look-ups. An IPv6 address counts per /64 (one client usually holds a whole /64). A value too long for the
 * key column is replaced by its SHA-256.
 */
final class ThrottleKeys {
    private static final int KEY_LENGTH = 200;
    private static final Pattern IPV6_LITERAL = Pattern.compile("\\[?[0-9A-Fa-f:.]+(%[^\\]]*)?]?");

    private ThrottleKeys() {
    }

    static String account(String username) {
        return key("account:", AccountRepository.normalizeUsername(username));
    }

    static String address(String clientAddress) {
        return key("ip:", normalizeAddress(clientAddress.trim()));
    }

    static String client(String clientId) {
        return key("client:", clientId);
    }

    static String clientAtAddress(String clientId, String clientAddress) {
        return key("client-at:", normalizeAddress(clientAddress.trim()) + " " + clientId);
    }

    static String clientAddress(String clientAddress) {
        return key("client-ip:", normalizeAddress(clientAddress.trim()));
    }

    static String tokenAddress(String clientAddress) {
        return key("token-ip:", normalizeAddress(clientAddress.trim()));
    }

    private static String key(String prefix, String value) {
        String key = prefix + value;
        return key.length() <= KEY_LENGTH ? key : prefix + "sha256:" + Secret.of(value).hashed();
    }

    /** IPv4 as given; an IPv6 literal as its /64 prefix (an IPv4-mapped one as the IPv4 address). */
    private static String normalizeAddress(String address) {
        if (address.indexOf(':') < 0 || !IPV6_LITERAL.matcher(address).matches()) {
            return address.toLowerCase(Locale.ROOT);
        }
        String literal = address.replace("[", "").replace("]", "");
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        try {
            // A string with ':' is parsed as an IPv6 literal, never looked up in DNS.
            InetAddress parsed = InetAddress.getByName(literal);
            if (parsed instanceof Inet4Address) {
                return parsed.getHostAddress();
            }
            byte[] prefix = Arrays.copyOf(parsed.getAddress(), 16);
            Arrays.fill(prefix, 8, 16, (byte) 0);
            return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return address.toLowerCase(Locale.ROOT);
        }
    }
}
