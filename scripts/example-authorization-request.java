import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Prints a ready-to-open authorization request for the example web application that scripts/run seeds,
 * with a fresh PKCE verifier (RFC 7636) and the curl command that exchanges the code for tokens.
 * Usage: java scripts/example-authorization-request.java ISSUER CLIENT_ID CLIENT_SECRET REDIRECT_URI
 */
public class ExampleAuthorizationRequest {
    public static void main(String[] args) throws Exception {
        String issuer = args[0], clientId = args[1], secret = args[2], redirect = args[3];
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = b64.encodeToString(random);
        String challenge = b64.encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        new SecureRandom().nextBytes(random);
        String state = b64.encodeToString(random).substring(0, 16);
        String url = issuer + "/oauth/authorize?response_type=code&client_id=" + enc(clientId)
                + "&redirect_uri=" + enc(redirect) + "&scope=" + enc("openid profile email offline_access orders:read")
                + "&state=" + state + "&nonce=" + state.substring(0, 8)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256";
        System.out.println("  1. Open in a browser:\n       " + url);
        System.out.println("  2. After consenting, the browser goes to " + redirect + "?code=...&state=" + state
                + "\n     (nothing listens there; copy the code from the address bar), then within 60 s:");
        System.out.println("       curl -s -u '" + clientId + ":" + secret + "' -d grant_type=authorization_code \\\n"
                + "         --data-urlencode redirect_uri=" + redirect + " -d code_verifier=" + verifier
                + " -d code=PASTE_CODE \\\n         " + issuer + "/oauth/token");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
