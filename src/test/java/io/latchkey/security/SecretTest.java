package io.latchkey.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretTest {
    @Test
    void redactsItsValueInToString() {
        Secret secret = Secret.of("s3cr3t-value");

        assertEquals("[redacted]", secret.toString());
        assertFalse(String.valueOf(secret).contains("s3cr3t"));
        assertFalse(java.util.Optional.of(secret).toString().contains("s3cr3t"));
    }

    @Test
    void revealsItsValueOnlyWhenAsked() {
        assertEquals("s3cr3t-value", Secret.of("s3cr3t-value").reveal());
    }

    @Test
    void equalsAnotherSecretWithTheSameValue() {
        assertEquals(Secret.of("same"), Secret.of("same".toCharArray()));
        assertEquals(Secret.of("same").hashCode(), Secret.of("same").hashCode());
    }

    @Test
    void differsFromSecretsWithOtherValuesOrLengths() {
        assertNotEquals(Secret.of("same"), Secret.of("Same"));
        assertNotEquals(Secret.of("same"), Secret.of("same "));
        assertNotEquals(Secret.of("same"), Secret.of(""));
    }

    @Test
    void neverEqualsTheBareString() {
        assertFalse(Secret.of("same").equals("same"));
    }

    @Test
    void copiesTheCharArrayItIsGiven() {
        char[] value = "abc".toCharArray();
        Secret secret = Secret.of(value);
        value[0] = 'x';

        assertEquals("abc", secret.reveal());
    }

    @Test
    void hashesTheUtf8BytesWithSha256InBase64Url() throws Exception {
        Secret secret = Secret.of("grüße");
        byte[] expected = java.security.MessageDigest.getInstance("SHA-256")
                .digest("grüße".getBytes(StandardCharsets.UTF_8));

        assertArrayEquals(expected, secret.sha256());
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(expected), secret.hashed());
        assertFalse(secret.hashed().contains("="));
        assertEquals(5, secret.length());
        assertEquals(7, secret.utf8().length);
    }

    @Test
    void matchesItsOwnStoredHashOnly() {
        Secret secret = Secret.of("client-secret");

        assertTrue(secret.matchesHash(Secret.of("client-secret").hashed()));
        assertFalse(secret.matchesHash(Secret.of("client-secreT").hashed()));
        assertFalse(secret.matchesHash(""));
        assertFalse(secret.matchesHash(secret.hashed().substring(1)));
        assertFalse(secret.matchesHash("client-secret"), "the plain value is not its hash");
    }

    @Test
    void generatesDistinct256BitSecrets() {
        Secret first = RandomValues.secret256();
        Secret second = RandomValues.secret256();

        assertNotEquals(first, second);
        assertEquals(32, Base64.getUrlDecoder().decode(first.reveal()).length);
    }

    @Test
    void hashesCorrectlyFromManyThreadsAtOnce() throws Exception {
        // One shared digest is cloned per hash: threads hashing different values at the same moment must each get
        // the hash of their own value (a digest shared without cloning would mix their bytes).
        int threads = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            for (int t = 0; t < threads; t++) {
                String value = "value-" + t + "-" + "x".repeat(t * 37);
                byte[] expected = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(value.getBytes(StandardCharsets.UTF_8));
                results.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 20_000; i++) {
                        if (!java.util.Arrays.equals(expected, Secret.of(value).sha256())) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void comparesTwoHashedFormsForEquality() {
        String hashed = Secret.of("client-secret").hashed();

        assertTrue(Secret.sameHash(hashed, Secret.of("client-secret").hashed()));
        assertFalse(Secret.sameHash(hashed, Secret.of("client-secreT").hashed()));
        assertFalse(Secret.sameHash(hashed, hashed.substring(1)));
    }
}
