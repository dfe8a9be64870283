package io.latchkey.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only text that is an IPv4 (dotted decimal, no leading zeros) or IPv6 literal reaches InetAddress. */
class IpLiteralTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "255.255.255.255", "127.0.0.1", "10.0.0.5", "192.168.1.77", "203.0.113.9",
            "249.250.199.100"})
    void dottedDecimalIpv4AddressesAreLiterals(String text) {
        assertTrue(IpLiteral.isLiteral(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.1.1.1", "1.2.3.256", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.04", "1.2.3.",
            ".1.2.3", "1..2.3", "1.2.3.4 ", " 1.2.3.4", "0x7f.0.0.1", "2130706433", "1.2.3.4%eth0", "1.2.3.4:80", ""})
    void otherDottedTextIsNotAnIpv4Literal(String text) {
        assertFalse(IpLiteral.isLiteral(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"::1", "::", "fe80::1%eth0", "fe80::1%25", "2001:db8::1", "2001:DB8::1",
            "2001:0db8:0000:0000:0000:ff00:0042:8329", "0:0:0:0:0:0:0:1", "1::", "::ffff:192.0.2.1", "::192.0.2.1",
            "64:ff9b::198.51.100.7", "2001:db8:1:2:3:4::"})
    void ipv6AddressesAreLiterals(String text) {
        assertTrue(IpLiteral.isLiteral(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1::2::3", "::1::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "localhost", "example.com",
            "zz:1", "zz::1", "12345::1", "::ffff:192.0.2.256", "::ffff:1.2.3", "::1.2.3.4.5", "[::1]", "::1 ",
            "%eth0", "1:2", "gggg::1", "2001:db8::1/64"})
    void malformedIpv6TextAndHostnamesAreNotLiterals(String text) {
        assertFalse(IpLiteral.isLiteral(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {":::", "1:::2", "1:2:3:4:5:6:7:", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:1.2.3.4"})
    void ipv6TextWithStrayColonsOrTooManyGroupsIsNotALiteral(String text) {
        assertFalse(IpLiteral.isLiteral(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8",
            "64:ff9b:0:0:0:0:198.51.100.7"})
    void validIpv6FormsAtTheGroupLimitAreLiterals(String text) {
        assertTrue(IpLiteral.isLiteral(text), text);
    }
}
