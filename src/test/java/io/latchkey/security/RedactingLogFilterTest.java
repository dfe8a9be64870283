package io.latchkey.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RedactingLogFilterTest {
    private static final String JWT = "eyJhbGciOiJSUzI1NiIsInR5cCI6ImF0K2p3dCJ9"
            + ".eyJzdWIiOiJvcmRlcnMtYmF0Y2giLCJzY29wZSI6ImFwaTpyZWFkIn0"
            + ".c2lnbmF0dXJlLWJ5dGVzLXRoYXQtbG9vay1yZWFs";
    private static final String PAT = "lk_pat_3f9Qm2ZrT8xWv1LkPa7Nc0Bd";
    private static final String BASIC = "b3JkZXJzLWJhdGNoOnN1cGVyLXNlY3JldA==";

    static Stream<Arguments> leaks() {
        return Stream.of(
                Arguments.of("issued " + JWT + " to orders-batch", JWT, "issued [redacted-jwt] to orders-batch"),
                Arguments.of("Authorization: Bearer " + JWT, JWT, "Authorization: Bearer [redacted-jwt]"),
                Arguments.of("token " + PAT + " used", PAT, "token [redacted-token] used"),
                Arguments.of("token lk_sat_AAAAAAAAAAAAAAAAAAAAAAAA", "lk_sat_AAAA", "token [redacted-token]"),
                Arguments.of("Authorization: Basic " + BASIC, BASIC, "Authorization: Basic [redacted]"),
                Arguments.of("authorization: basic " + BASIC + ", more", BASIC, "authorization: basic [redacted], more"));
    }

    @ParameterizedTest
    @MethodSource("leaks")
    void redactsCredentialsInMessages(String message, String credential, String expected) {
        LogRecord record = new LogRecord(Level.INFO, message);

        assertTrue(new RedactingLogFilter().isLoggable(record), "redaction never drops a record");
        assertEquals(expected, record.getMessage());
        assertFalse(record.getMessage().contains(credential));
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "request abc123 from 10.0.0.5: invalid_client (unknown client_id orders-web)";

        assertEquals(text, RedactingLogFilter.redact(text));
    }

    @Test
    void redactsCredentialsInParametersButKeepsSecretsAndNulls() {
        Secret secret = Secret.of("kept-as-secret");
        LogRecord record = new LogRecord(Level.INFO, "{0} {1} {2} {3}");
        record.setParameters(new Object[] {JWT, "Basic " + BASIC, secret, null});

        new RedactingLogFilter().isLoggable(record);

        Object[] parameters = record.getParameters();
        assertEquals("[redacted-jwt]", parameters[0]);
        assertEquals("Basic [redacted]", parameters[1]);
        assertSame(secret, parameters[2]);
        assertNull(parameters[3]);
        String formatted = new SimpleFormatter().formatMessage(record);
        assertFalse(formatted.contains(JWT) || formatted.contains(BASIC) || formatted.contains("kept-as-secret"),
                formatted);
    }

    @Test
    void doesNotChangeTheCallersParameterArray() {
        Object[] parameters = {JWT};
        LogRecord record = new LogRecord(Level.INFO, "{0}");
        record.setParameters(parameters);

        new RedactingLogFilter().isLoggable(record);

        assertEquals(JWT, parameters[0]);
    }

    @Test
    void isOnEveryLatchkeyLogger() {
        Logger logger = RedactedLog.of(RedactingLogFilterTest.class);
        List<LogRecord> published = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                published.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        logger.setUseParentHandlers(false);
        try {
            logger.info(() -> "issued " + JWT);
        } finally {
            logger.removeHandler(capture);
            logger.setUseParentHandlers(true);
        }

        assertEquals(1, published.size());
        assertEquals("issued [redacted-jwt]", published.get(0).getMessage());
    }
}
