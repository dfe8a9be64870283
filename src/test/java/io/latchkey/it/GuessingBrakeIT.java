package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.math.BigInteger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The brake on guessing: wrong client secrets and made-up personal access tokens are answered 429 with
 * {@code Retry-After} after a few failures, not at full speed forever. Every request of the suite comes from
 * 127.0.0.1, so this class runs after the others (and before {@link LogRedactionIT}): the brake it pulls would
 * otherwise answer their deliberate failures with 429. (That another address is not braked is shown by the
 * unit tests, which can present other addresses.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(Integer.MAX_VALUE - 1)
class GuessingBrakeIT {
    private static final String CC = "grant_type=client_credentials";
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @Test
    void wrongSecretsAreBrakedWith429AndRetryAfterAndTheRightSecretWorksWhenTheBlockEnds() throws Exception {
        assertEquals(200, Server.token(Server.ODD_ID, Server.ODD_SECRET, CC).statusCode(), "starts clean");
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> braked = null;
        for (int i = 0; i < 40 && braked == null; i++) {
            HttpResponse<String> answer = Server.token(Server.ODD_ID,
                    IssuedSecrets.remember("wrong-guess-" + i + "-" + new BigInteger(64, RANDOM)), CC);
            statuses.add(answer.statusCode());
            if (answer.statusCode() == 429) {
                braked = answer;
            } else {
                assertEquals(401, answer.statusCode(), answer::body);
            }
        }
        HttpResponse<String> refused = braked;
        assertTrue(refused != null, "40 wrong secrets, never braked: " + statuses);
        Map<String, Object> body = JSONObjectUtils.parse(refused.body());
        assertEquals("invalid_client", body.get("error"), refused::body);
        assertEquals("no-store", refused.headers().firstValue("Cache-Control").orElse(""));
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElse("missing"));
        assertTrue(retryAfter >= 1 && retryAfter <= 900, "Retry-After in seconds: " + retryAfter);

        assertEquals(429, Server.token(Server.ODD_ID, Server.ODD_SECRET, CC).statusCode(),
                "while braked, the right secret from the guessing address is refused too: a 429 tells nothing");
        assertEquals(200, Server.token(Server.SERVICE_ID, Server.SERVICE_SECRET, CC).statusCode(),
                "another application from the same address is not concerned");

        Thread.sleep(retryAfter * 1000 + 300);
        assertEquals(200, Server.token(Server.ODD_ID, Server.ODD_SECRET, CC).statusCode(), "the block ends");
    }

    @Test
    void madeUpPersonalAccessTokensAreBrakedWith429AndRetryAfter() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> braked = null;
        for (int i = 0; i < 60 && braked == null; i++) {
            HttpResponse<String> answer = bearer("/oauth/info", madeUpToken("lk_pat_"));
            statuses.add(answer.statusCode());
            if (answer.statusCode() == 429) {
                braked = answer;
            } else {
                assertEquals(Map.of("active", false), JSONObjectUtils.parse(answer.body()), answer::body);
            }
        }
        HttpResponse<String> refused = braked;
        assertTrue(refused != null, "60 made-up tokens, never braked: " + statuses);
        assertTrue(statuses.size() > 20, "the first twenty are free: " + statuses);
        assertEquals("invalid_request", JSONObjectUtils.parse(refused.body()).get("error"), refused::body);
        assertTrue(Long.parseLong(refused.headers().firstValue("Retry-After").orElse("missing")) >= 1);

        HttpResponse<String> userInfo = bearer("/oauth/userinfo", madeUpToken("lk_sat_"));
        assertEquals(429, userInfo.statusCode(), userInfo::body);
        assertTrue(userInfo.headers().firstValue("Retry-After").isPresent());
    }

    private static HttpResponse<String> bearer(String path, String token) {
        return Server.send(HttpRequest.newBuilder(Server.uri(path)).header("Authorization", "Bearer " + token)
                .GET().build());
    }

    /** A token of the documented shape (DESIGN §4) that nobody issued: 43 random base62 characters and the CRC32. */
    private static String madeUpToken(String prefix) {
        String body = prefix + base62(new BigInteger(256, RANDOM), 43);
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return IssuedSecrets.remember(body + base62(BigInteger.valueOf(crc.getValue()), 6));
    }

    private static String base62(BigInteger value, int length) {
        char[] out = new char[length];
        BigInteger base = BigInteger.valueOf(62);
        for (int i = length - 1; i >= 0; i--) {
            BigInteger[] division = value.divideAndRemainder(base);
            out[i] = ALPHABET.charAt(division[1].intValue());
            value = division[0];
        }
        return new String(out);
    }
}
