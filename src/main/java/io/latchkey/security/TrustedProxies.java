package io.latchkey.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The reverse proxies whose {@code X-Forwarded-Proto} and {@code X-Forwarded-For} are believed: exact addresses or
 * CIDR ranges.
 */
public final class TrustedProxies {
    private record Range(byte[] network, int prefixBits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefixBits / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }

    private final List<Range> ranges;
    private final String text;

    private TrustedProxies(List<Range> ranges, String text) {
        this.ranges = List.copyOf(ranges);
        this.text = text;
    }

    public static TrustedProxies none() {
        return new TrustedProxies(List.of(), "");
    }

    /** {@code "10.0.0.5, 192.168.0.0/16, ::1"}; throws {@link IllegalArgumentException} naming the bad entry. */
    public static TrustedProxies parse(String commaSeparated) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : commaSeparated.split(",")) {
            String item = entry.trim();
            if (item.isEmpty()) {
                continue;
            }
            String[] parts = item.split("/", -1);
            byte[] address = literalAddress(parts[0], item);
            int bits = address.length * 8;
            if (parts.length == 2) {
                try {
                    bits = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + item + "' has a bad prefix length");
                }
                if (bits < 0 || bits > address.length * 8) {
                    throw new IllegalArgumentException("'" + item + "' has a bad prefix length");
                }
            } else if (parts.length > 2) {
                throw new IllegalArgumentException("'" + item + "' is not an address or CIDR range");
            }
            ranges.add(new Range(address, bits));
        }
        return new TrustedProxies(ranges, commaSeparated.trim());
    }

    public boolean trusts(String remoteAddress) {
        if (ranges.isEmpty() || remoteAddress == null) {
            return false;
        }
        byte[] address;
        try {
            address = literalAddress(remoteAddress, remoteAddress);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return ranges.stream().anyMatch(r -> r.contains(address));
    }

    /**
     * The address of the client a request came from, for throttling and logs: the connection's peer, unless that
     * is a trusted proxy; then, walking {@code X-Forwarded-For} from its right end (the entry the nearest proxy
     * appended), the first address that is not itself a trusted proxy — so a client cannot choose its address
     * by sending an {@code X-Forwarded-For} of its own, which only lands to the left of what the proxies append.
     * An entry that is not an IP literal stops the walk at the proxy that appended it; when every entry is a
     * trusted proxy, the leftmost one.
     *
     * @param forwardedFor every {@code X-Forwarded-For} header in order (each a comma-separated list)
     */
    public String clientAddress(String remoteAddress, List<String> forwardedFor) {
        if (!trusts(remoteAddress) || forwardedFor.isEmpty()) {
            return remoteAddress;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.strip());
            }
        }
        String client = remoteAddress;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = unbracketed(hops.get(i));
            if (!IpLiteral.isLiteral(hop)) {
                return client;
            }
            client = hop;
            if (!trusts(hop)) {
                return hop;
            }
        }
        return client;
    }

    private static String unbracketed(String hop) {
        return hop.startsWith("[") && hop.endsWith("]") ? hop.substring(1, hop.length() - 1) : hop;
    }

    /** Parses an IP literal without ever asking DNS. */
    private static byte[] literalAddress(String literal, String entry) {
        String s = literal.startsWith("[") && literal.endsWith("]") ? literal.substring(1, literal.length() - 1) : literal;
        if (!IpLiteral.isLiteral(s)) {
            throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR range");
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR range");
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
