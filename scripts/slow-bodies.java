import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slow request bodies against a running Latchkey: CONNECTIONS sockets each send the headers of a
 * POST /oauth/token at once, then its body one byte every INTERVAL seconds (a connection the server ends,
 * e.g. with 408 at its body deadline, is replaced at once, so the pressure stays). Meanwhile normal
 * requests (discovery, and a token request with a complete body) are timed for DURATION seconds.
 * Prints PASS when every normal request was answered within the bar, FAIL otherwise. Exit code 0 / 1.
 * Usage: java scripts/slow-bodies.java BASE_URL [CONNECTIONS=200] [INTERVAL=5] [DURATION=20] [BAR_MS=1000]
 */
public class SlowBodies {
    static final String BODY = "grant_type=client_credentials&scope=orders%3Aread&client_id=slow-body-check";

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0].replaceAll("/+$", ""));
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int interval = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int duration = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        long barMillis = args.length > 4 ? Long.parseLong(args[4]) : 1000;
        String host = base.getHost();
        int port = base.getPort() < 0 ? 80 : base.getPort();
        String path = base.getRawPath() + "/oauth/token";

        ScheduledExecutorService ticks = Executors.newScheduledThreadPool(4);
        List<SlowBody> slow = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger ended = new AtomicInteger();
        for (int i = 0; i < connections; i++) {
            slow.add(SlowBody.open(host, port, path));
        }
        System.out.printf("slow-bodies: %d connections trickle a POST %s body, one byte every %d s%n",
                connections, path, interval);
        ticks.scheduleAtFixedRate(() -> {
            synchronized (slow) {
                for (int i = 0; i < slow.size(); i++) {
                    SlowBody body = slow.get(i);
                    if (!body.trickle()) {
                        ended.incrementAndGet();
                        body.close();
                        try {
                            slow.set(i, SlowBody.open(host, port, path));
                        } catch (IOException e) {
                            System.out.println("slow-bodies: could not reopen a slow connection: " + e);
                        }
                    }
                }
            }
        }, interval, interval, TimeUnit.SECONDS);

        Thread.sleep(1000);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<Long> latencies = new ArrayList<>();
        int failures = 0;
        long end = System.nanoTime() + Duration.ofSeconds(duration).toNanos();
        for (int n = 0; System.nanoTime() < end; n++) {
            HttpRequest request = n % 2 == 0
                    ? HttpRequest.newBuilder(URI.create(base + "/.well-known/openid-configuration"))
                            .timeout(Duration.ofSeconds(10)).GET().build()
                    : HttpRequest.newBuilder(URI.create(base + "/oauth/token")).timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() >= 500) {
                    failures++;
                    System.out.println("slow-bodies: " + response.statusCode() + " from " + request.uri());
                }
            } catch (IOException e) {
                failures++;
                System.out.println("slow-bodies: no answer from " + request.uri() + ": " + e);
            }
            latencies.add((System.nanoTime() - start) / 1_000_000);
            Thread.sleep(200);
        }
        ticks.shutdownNow();
        int open;
        synchronized (slow) {
            open = slow.size();
            slow.forEach(SlowBody::close);
        }
        Collections.sort(latencies);
        long worst = latencies.isEmpty() ? Long.MAX_VALUE : latencies.get(latencies.size() - 1);
        long median = latencies.isEmpty() ? Long.MAX_VALUE : latencies.get(latencies.size() / 2);
        boolean pass = !latencies.isEmpty() && failures == 0 && worst <= barMillis;
        System.out.printf("slow-bodies: %d slow connections kept open (%d ended by the server and replaced); "
                        + "%d normal requests, median %d ms, worst %d ms, %d failed%n",
                open, ended.get(), latencies.size(), median, worst, failures);
        System.out.printf("slow-bodies: %s (every normal request answered within %d ms)%n", pass ? "PASS" : "FAIL",
                barMillis);
        System.exit(pass ? 0 : 1);
    }

    /** One connection that sends a token request's headers, then its body a byte at a time. */
    static final class SlowBody {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final byte[] body = BODY.getBytes(StandardCharsets.US_ASCII);
        private int sent;

        private SlowBody(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            this.in = socket.getInputStream();
        }

        static SlowBody open(String host, int port, String path) throws IOException {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), 10_000);
            SlowBody slow = new SlowBody(socket);
            slow.out.write(("POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + slow.body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            slow.out.flush();
            return slow;
        }

        /** Sends the next byte; false once the server has answered or closed, or the body is complete. */
        boolean trickle() {
            try {
                if (in.available() > 0 || sent >= body.length - 1) {
                    return false;
                }
                out.write(body[sent++]);
                out.flush();
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }
}
