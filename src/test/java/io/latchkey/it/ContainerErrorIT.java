package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the container itself answers to requests it refuses before (or while) Latchkey reads them, and what
 * an aborted upload leaves in the log.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ContainerErrorIT {
    private static final String HOST = RawHttp.HOST + ":" + RawHttp.PORT;
    private static final String TOKEN = RawHttp.CONTEXT + "/oauth/token";
    private static final String FORM = "Content-Type: application/x-www-form-urlencoded\r\n";

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    /** Requests every container must refuse; the value is the 5xx status an RFC allows for it, or 0. */
    static Map<String, String> malformed() {
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("an oversized header", "GET " + RawHttp.CONTEXT + "/oauth/jwks HTTP/1.1\r\nHost: " + HOST
                + "\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n");
        requests.put("a 0xFF byte in the target", "GET " + RawHttp.CONTEXT + "/oauth/jwks\u00ff HTTP/1.1\r\nHost: "
                + HOST + "\r\n\r\n");
        requests.put("an invalid method token", "G(T " + RawHttp.CONTEXT + "/oauth/jwks HTTP/1.1\r\nHost: " + HOST
                + "\r\n\r\n");
        requests.put("a bad HTTP version", "GET " + RawHttp.CONTEXT + "/oauth/jwks HTTP/9.Z\r\nHost: " + HOST
                + "\r\n\r\n");
        requests.put("a bad chunk header", "POST " + TOKEN + " HTTP/1.1\r\nHost: " + HOST + "\r\n" + FORM
                + "Transfer-Encoding: chunked\r\n\r\nZZ\r\ngrant_type=x\r\n0\r\n\r\n");
        requests.put("a truncated chunked body", "POST " + TOKEN + " HTTP/1.1\r\nHost: " + HOST + "\r\n" + FORM
                + "Transfer-Encoding: chunked\r\n\r\n40\r\ngrant_type=client_cre");
        requests.put("a body shorter than its Content-Length", "POST " + TOKEN + " HTTP/1.1\r\nHost: " + HOST
                + "\r\n" + FORM + "Content-Length: 1000\r\n\r\ngrant_type=client_credentials");
        requests.put("a bad Content-Length", "POST " + TOKEN + " HTTP/1.1\r\nHost: " + HOST + "\r\n" + FORM
                + "Content-Length: 12abc\r\n\r\ngrant_type=x");
        requests.put("a header line without a colon", "GET " + RawHttp.CONTEXT + "/oauth/jwks HTTP/1.1\r\nHost: "
                + HOST + "\r\nNoColonHere\r\n\r\n");
        requests.put("a bad percent escape in the path", "GET " + RawHttp.CONTEXT + "/oauth/%zz HTTP/1.1\r\nHost: "
                + HOST + "\r\n\r\n");
        requests.put("a NUL in a header", "GET " + RawHttp.CONTEXT + "/oauth/jwks HTTP/1.1\r\nHost: " + HOST
                + "\r\nX-Nul: a\u0000b\r\n\r\n");
        return requests;
    }

    @Test
    void requestsTheContainerRefusesGetNoStackTraceNoVersionAndNo5xx() {
        List<String> problems = new ArrayList<>();
        malformed().forEach((what, request) -> {
            RawHttp.Answer answer = RawHttp.exchange(request);
            if (answer.answered() && answer.status() >= 500) {
                problems.add(what + ": " + answer.status());
            }
            String leak = answer.leak();
            if (leak != null) {
                problems.add(what + ": " + leak + "\n" + answer);
            }
            // The container's own answers cannot carry X-Content-Type-Options on Tomcat: they must be empty.
            if (answer.answered() && answer.header("X-Request-Id").isEmpty() && !answer.body().isEmpty()) {
                problems.add(what + ": the container answered with a page:\n" + answer);
            }
        });
        // RFC 9112 §6.1: a transfer coding the server does not understand is answered 501 (Not Implemented).
        RawHttp.Answer gzip = RawHttp.exchange("POST " + TOKEN + " HTTP/1.1\r\nHost: " + HOST + "\r\n" + FORM
                + "Transfer-Encoding: gzip\r\n\r\n");
        if (gzip.answered() && gzip.status() >= 500 && gzip.status() != 501 || gzip.leak() != null) {
            problems.add("an unknown transfer coding: " + gzip);
        }
        assertEquals(List.of(), problems);
        assertEquals(200, Server.get("/oauth/jwks").statusCode(), "the server still answers");
    }

    @Test
    void aBodyCutShortIsAnswered400InvalidRequestByLatchkey() {
        RawHttp.Answer answer = RawHttp.exchange(malformed().get("a body shorter than its Content-Length"));
        assertEquals(400, answer.status(), answer::toString);
        assertTrue(answer.body().contains("\"invalid_request\""), answer::toString);
        assertEquals("nosniff", answer.header("X-Content-Type-Options").orElse(null), answer::toString);
    }

    @Test
    void anAbortedUploadLeavesNoErrorAndNoStackTraceInTheLog() throws Exception {
        Map<Path, Long> before = RawHttp.logSizes();
        for (String path : List.of("/oauth/token", "/login", "/oauth/revoke", "/oauth/introspect", "/account/tokens",
                "/consent", "/oauth/logout", "/oauth/authorize", "/oauth/userinfo")) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(RawHttp.HOST, RawHttp.PORT), 10_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + RawHttp.CONTEXT + path + " HTTP/1.1\r\nHost: " + HOST + "\r\n" + FORM
                        + "Content-Length: 1000\r\n\r\ngrant_type").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                throw new AssertionError("could not send to " + path, e);
            }
        }
        RawHttp.exchange(malformed().get("a truncated chunked body"));
        RawHttp.exchange(malformed().get("a bad chunk header"));
        // The server notices the closed connections on its own time: give it a moment, then read the log.
        Thread.sleep(1500);
        assertEquals(200, Server.get("/oauth/jwks").statusCode(), "the server still answers");
        String logged = RawHttp.loggedSince(before);
        assertEquals(List.of(), RawHttp.errorLines(logged), logged);
        assertEquals(0, RawHttp.stackFrameLines(logged), logged);
    }
}
