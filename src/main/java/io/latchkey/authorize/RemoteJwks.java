package io.latchkey.authorize;

import io.latchkey.client.ClientJwks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.BasicHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * Fetches an application's {@code jwks_uri} with the limits a server fetching a URL an outsider registered needs
 * (SSRF): https only, no redirects, a connect and a total deadline, at most {@link ClientJwks#MAX_LENGTH} bytes,
 * and, outside development mode, never from an address of this machine or of a private network (loopback,
 * link-local, site-local and unique-local, carrier-grade NAT, any-local, multicast), checked for every address
 * the host name resolves to. Development mode allows plain http to a loopback host, for local testing.
 *
 * <p>The host name is looked up once; the connection is made to exactly the addresses that were checked (Apache
 * HttpClient's {@link DnsResolver} answers only those), so a name that answers a public address to the check and
 * this machine's address a moment later (DNS rebinding) cannot turn the fetch inwards. TLS still verifies the
 * certificate against the host name, which is also the name sent in SNI.
 */
public final class RemoteJwks implements RequestObjectKeys.JwksFetch {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration TOTAL_TIMEOUT = Duration.ofSeconds(5);
    private final boolean devMode;
    private final AddressLookup lookup;
    private final TlsSocketStrategy tls;
    /** Cancels a fetch at its deadline; its one thread exists only while a fetch is under way. */
    private final ScheduledThreadPoolExecutor deadlines;

    /** The addresses a host name stands for; the system's resolver outside tests. */
    @FunctionalInterface
    interface AddressLookup {
        InetAddress[] addresses(String host) throws UnknownHostException;
    }

    public RemoteJwks(boolean devMode) {
        this(devMode, InetAddress::getAllByName, DefaultClientTlsStrategy.createSystemDefault());
    }

    RemoteJwks(boolean devMode, AddressLookup lookup) {
        this(devMode, lookup, DefaultClientTlsStrategy.createSystemDefault());
    }

    /** {@code trust}: the TLS context certificates are checked with (tests; the JVM's default otherwise). */
    RemoteJwks(boolean devMode, AddressLookup lookup, SSLContext trust) {
        this(devMode, lookup, new DefaultClientTlsStrategy(trust));
    }

    private RemoteJwks(boolean devMode, AddressLookup lookup, TlsSocketStrategy tls) {
        this.devMode = devMode;
        this.lookup = lookup;
        this.tls = tls;
        this.deadlines = new ScheduledThreadPoolExecutor(0, work -> {
            Thread thread = new Thread(work, "latchkey-jwks-uri-deadline");
            thread.setDaemon(true);
            thread.setContextClassLoader(null);
            return thread;
        });
        this.deadlines.setRemoveOnCancelPolicy(true);
    }

    @Override
    public String fetch(URI uri) throws IOException {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        if (!https && !(devMode && "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new IOException("only https is fetched");
        }
        List<InetAddress> checked = resolve(uri.getHost());
        for (InetAddress address : checked) {
            if (!devMode && internal(address)) {
                throw new IOException(uri.getHost() + " resolves to an internal address");
            }
        }
        HttpGet request = new HttpGet(uri);
        request.setHeader("Accept", "application/jwk-set+json, application/json");
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            late.set(true);
            request.cancel();
        }, TOTAL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        try (CloseableHttpClient http = client(uri.getHost(), checked)) {
            return read(http, request);
        } catch (IOException e) {
            if (late.get()) {
                throw new IOException("did not answer within " + TOTAL_TIMEOUT.toSeconds() + " s");
            }
            throw e.getMessage() == null ? new IOException("could not be fetched") : e;
        } finally {
            deadline.cancel(false);
        }
    }

    /** A client for one fetch: no pool, proxy, redirects, retries, cookies or compression; DNS is {@code checked}. */
    private CloseableHttpClient client(String host, List<InetAddress> checked) {
        BasicHttpClientConnectionManager connections = BasicHttpClientConnectionManager.create(
                DefaultSchemePortResolver.INSTANCE, new CheckedAddresses(host, checked),
                RegistryBuilder.<TlsSocketStrategy>create().register("https", tls).build(),
                ManagedHttpClientConnectionFactory.INSTANCE);
        connections.setConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(CONNECT_TIMEOUT))
                .setSocketTimeout(Timeout.of(TOTAL_TIMEOUT)).build());
        return HttpClients.custom().setConnectionManager(connections).disableRedirectHandling()
                .disableAutomaticRetries().disableCookieManagement().disableAuthCaching()
                .disableContentCompression().disableConnectionState().build();
    }

    private static String read(CloseableHttpClient http, HttpGet request) throws IOException {
        try (ClassicHttpResponse response = http.executeOpen(null, request, null)) {
            try {
                if (response.getCode() != 200) {
                    throw new IOException("answered " + response.getCode());
                }
                HttpEntity entity = response.getEntity();
                return entity == null ? "" : new String(capped(entity), StandardCharsets.UTF_8);
            } finally {
                request.cancel(); // never drain what is left of the body to keep the connection
            }
        }
    }

    /** The body, failing once it passes {@link ClientJwks#MAX_LENGTH} bytes. */
    private static byte[] capped(HttpEntity entity) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        InputStream body = entity.getContent();
        for (int read = body.read(chunk); read != -1; read = body.read(chunk)) {
            if (buffer.size() + read > ClientJwks.MAX_LENGTH) {
                throw new IOException("sent more than " + ClientJwks.MAX_LENGTH + " bytes");
            }
            buffer.write(chunk, 0, read);
        }
        return buffer.toByteArray();
    }

    private List<InetAddress> resolve(String host) throws IOException {
        if (host == null) {
            throw new IOException("has no host");
        }
        try {
            return List.of(lookup.addresses(host));
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

    /** The connection's DNS: the addresses already looked up and checked for the one host, nothing else. */
    private record CheckedAddresses(String host, List<InetAddress> addresses) implements DnsResolver {
        @Override
        public InetAddress[] resolve(String name) throws UnknownHostException {
            if (!bare(host).equalsIgnoreCase(bare(name))) {
                throw new UnknownHostException(name + " was not checked");
            }
            return addresses.toArray(InetAddress[]::new);
        }

        @Override
        public List<InetSocketAddress> resolve(String name, int port) throws UnknownHostException {
            return Arrays.stream(resolve(name)).map(address -> new InetSocketAddress(address, port)).toList();
        }

        @Override
        public String resolveCanonicalHostname(String name) {
            return name;
        }

        /** An IPv6 literal without the brackets a URI writes around it. */
        private static String bare(String name) {
            return name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        }
    }
}
