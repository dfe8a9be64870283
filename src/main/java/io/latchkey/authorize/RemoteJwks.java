package io.latchkey.authorize;

import io.latchkey.client.ClientJwks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches an application's {@code jwks_uri} with the limits a server fetching a URL an outsider registered needs
 * (SSRF): https only, no redirects, a connect and a total deadline, at most {@link ClientJwks#MAX_LENGTH} bytes,
 * and, outside development mode, never from an address of this machine or of a private network (loopback,
 * link-local, site-local and unique-local, carrier-grade NAT, any-local, multicast), checked for every address
 * the host name resolves to. Development mode allows plain http to a loopback host, for local testing.
 */
public final class RemoteJwks implements RequestObjectKeys.JwksFetch {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration TOTAL_TIMEOUT = Duration.ofSeconds(5);
    private final boolean devMode;
    private final HttpClient http;

    public RemoteJwks(boolean devMode) {
        this.devMode = devMode;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String fetch(URI uri) throws IOException {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        if (!https && !(devMode && "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new IOException("only https is fetched");
        }
        for (InetAddress address : resolve(uri.getHost())) {
            if (!devMode && internal(address)) {
                throw new IOException(uri.getHost() + " resolves to an internal address");
            }
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TOTAL_TIMEOUT)
                .header("Accept", "application/jwk-set+json, application/json").GET().build();
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(request, info -> new CappedBody());
        try {
            HttpResponse<byte[]> response = answer.get(TOTAL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() != 200) {
                throw new IOException("answered " + response.statusCode());
            }
            return new String(response.body(), StandardCharsets.UTF_8);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new IOException("did not answer within " + TOTAL_TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IOException(e.getCause() instanceof IOException io && io.getMessage() != null
                    ? io.getMessage() : "could not be fetched");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private static List<InetAddress> resolve(String host) throws IOException {
        if (host == null) {
            throw new IOException("has no host");
        }
        try {
            return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            throw new IOException(host + " does not resolve");
        }
    }

    /** An address of this machine or of a network that is not the public internet. */
    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] raw = address.getAddress();
        if (address instanceof Inet6Address) {
            return (raw[0] & 0xfe) == 0xfc; // fc00::/7 unique local (RFC 4193)
        }
        return (raw[0] & 0xff) == 100 && (raw[1] & 0xc0) == 64 // 100.64.0.0/10 carrier-grade NAT (RFC 6598)
                || (raw[0] & 0xff) == 0; // 0.0.0.0/8 "this network"
    }

    /** Collects a body, failing once it passes {@link ClientJwks#MAX_LENGTH} bytes. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                if (buffer.size() + item.remaining() > ClientJwks.MAX_LENGTH) {
                    subscription.cancel();
                    body.completeExceptionally(new IOException("sent more than " + ClientJwks.MAX_LENGTH + " bytes"));
                    return;
                }
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                buffer.writeBytes(bytes);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            body.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            body.complete(buffer.toByteArray());
        }
    }
}
