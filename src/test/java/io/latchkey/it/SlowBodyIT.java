package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Slow request bodies must not take the server's threads: 80 connections, more than the IT Tomcat's 50 request
 * threads and than WildFly's default worker pool on a small machine, each trickle a token request's body, and
 * normal requests are still answered at once. scripts/check-slow-bodies does the same with 200 connections
 * at one byte every 5 s against the server scripts/run starts.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SlowBodyIT {
    private static final int SLOW_CONNECTIONS = 80;
    private static final long BAR_MILLIS = 2000;
    private static final String BODY = "grant_type=client_credentials&scope=orders%3Aread";

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @Test
    void normalRequestsAreAnsweredWhileManyBodiesTrickleIn() throws Exception {
        List<Socket> slow = new ArrayList<>();
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < SLOW_CONNECTIONS; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(RawHttp.HOST, RawHttp.PORT), 10_000);
                socket.getOutputStream().write(("POST " + RawHttp.CONTEXT + "/oauth/token HTTP/1.1\r\nHost: "
                        + RawHttp.HOST + ":" + RawHttp.PORT + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: " + BODY.length() + "\r\n\r\n" + BODY.charAt(0))
                        .getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            int[] sent = {1};
            ticks.scheduleAtFixedRate(() -> {
                if (sent[0] < BODY.length() - 1) {
                    for (Socket socket : slow) {
                        try {
                            OutputStream out = socket.getOutputStream();
                            out.write(BODY.charAt(sent[0]));
                            out.flush();
                        } catch (IOException e) {
                            // the server may give up on a connection; the others go on
                        }
                    }
                    sent[0]++;
                }
            }, 1, 1, TimeUnit.SECONDS);
            Thread.sleep(1500);

            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            List<String> failures = new ArrayList<>();
            long worst = 0;
            int answered = 0;
            long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            for (int n = 0; System.nanoTime() < end; n++) {
                HttpRequest request = n % 2 == 0
                        ? HttpRequest.newBuilder(Server.uri("/.well-known/openid-configuration"))
                                .timeout(Duration.ofSeconds(5)).GET().build()
                        : HttpRequest.newBuilder(Server.uri("/oauth/token")).timeout(Duration.ofSeconds(5))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("Authorization", Server.basic(Server.SERVICE_ID, Server.SERVICE_SECRET))
                                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
                long start = System.nanoTime();
                try {
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    answered++;
                    if (response.statusCode() != 200) {
                        failures.add(request.uri() + ": " + response.statusCode() + " " + response.body());
                    }
                } catch (IOException e) {
                    failures.add(request.uri() + ": no answer: " + e);
                }
                worst = Math.max(worst, (System.nanoTime() - start) / 1_000_000);
                Thread.sleep(100);
            }
            assertEquals(List.of(), failures);
            assertTrue(answered >= 5, "answered: " + answered);
            assertTrue(worst <= BAR_MILLIS, "the slowest normal request took " + worst + " ms");
        } finally {
            ticks.shutdownNow();
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }
}
