package io.latchkey.authorize;

import io.latchkey.security.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Proof Key for Code Exchange (RFC 7636), S256 only: {@code plain} gives no protection against a stolen
 * code and is refused.
 */
public final class Pkce {
    public static final String S256 = "S256";
    /** RFC 7636 §4.1: code-verifier = 43*128unreserved. */
    private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
    /** BASE64URL(SHA256(...)) is always 43 characters. */
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private Pkce() {
    }

    public static boolean isValidChallenge(String challenge) {
        return CHALLENGE.matcher(challenge).matches();
    }

    public static boolean isValidVerifier(String verifier) {
        return VERIFIER.matcher(verifier).matches();
    }

    /**
     * RFC 7636 §4.6: BASE64URL-ENCODE(SHA256(ASCII(code_verifier))) == code_challenge, compared in constant time.
     * No challenge matches no verifier (RFC 9700 §4.8.2: a verifier for a code issued without PKCE is refused).
     */
    public static boolean verify(Secret verifier, String challenge) {
        if (challenge == null) {
            return false;
        }
        String computed = Base64.getUrlEncoder().withoutPadding().encodeToString(
                Secret.sha256(verifier.reveal().getBytes(StandardCharsets.US_ASCII)));
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII),
                challenge.getBytes(StandardCharsets.US_ASCII));
    }
}
