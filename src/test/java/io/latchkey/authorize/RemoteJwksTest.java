package io.latchkey.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.io.TempDir;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF limits of fetching a jwks_uri an outsider registered. */
class RemoteJwksTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
            "100.64.0.1", "0.0.0.0", "fd00::1", "fe80::1", "224.0.0.1"})
    void internalAddressesAreRecognised(String address) throws Exception {
        assertTrue(RemoteJwks.internal(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "2606:4700::1111", "100.128.0.1"})
    void publicAddressesAreNot(String address) throws Exception {
        assertFalse(RemoteJwks.internal(InetAddress.getByName(address)), address);
    }

    @Test
    void outsideDevelopmentModeNeitherPlainHttpNorALoopbackHostIsFetched() {
        RemoteJwks remote = new RemoteJwks(false);
        assertEquals("only https is fetched", assertThrows(IOException.class,
                () -> remote.fetch(URI.create("http://rp.example.com/jwks"))).getMessage());
        assertEquals("127.0.0.1 resolves to an internal address", assertThrows(IOException.class,
                () -> remote.fetch(URI.create("https://127.0.0.1:9/jwks"))).getMessage());
    }

    @Test
    void inDevelopmentModeALoopbackServerIsFetchedButNeverMoreThanTheCap() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/small", exchange -> {
            byte[] body = "{\"keys\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/huge", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[8192];
            try {
                for (int i = 0; i < 64; i++) {
                    exchange.getResponseBody().write(chunk);
                }
            } catch (IOException ignored) {
                // the client hung up, as it should
            }
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/small");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            RemoteJwks remote = new RemoteJwks(true);
            assertEquals("{\"keys\":[]}", remote.fetch(URI.create(base + "/small")));
            assertTrue(assertThrows(IOException.class, () -> remote.fetch(URI.create(base + "/huge")))
                    .getMessage().startsWith("sent more than"));
            assertEquals("answered 302", assertThrows(IOException.class,
                    () -> remote.fetch(URI.create(base + "/moved"))).getMessage(), "redirects are not followed");
        } finally {
            server.stop(0);
        }
    }

    /**
     * DNS rebinding: the name answers a public address when it is checked and this machine's address when asked
     * again, as the connection is made. The fetch must connect to the address it checked (here an unroutable
     * documentation address, RFC 5737), never look the name up twice, and so never reach a listener of this machine.
     * The host is "localhost" so that any second look-up that bypasses the checked answer lands on the listener.
     */
    @Test
    void theConnectionGoesToTheCheckedAddressNotToWhatTheNameAnswersNext() throws Exception {
        try (ServerSocket local = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            local.setSoTimeout(200);
            AtomicInteger lookups = new AtomicInteger();
            InetAddress checked = InetAddress.getByName("192.0.2.1");
            RemoteJwks remote = new RemoteJwks(false, host -> lookups.getAndIncrement() == 0
                    ? new InetAddress[] {checked} : new InetAddress[] {InetAddress.getLoopbackAddress()});
            assertThrows(IOException.class,
                    () -> remote.fetch(URI.create("https://localhost:" + local.getLocalPort() + "/jwks")));
            assertEquals(1, lookups.get(), "the name is looked up once");
            try (Socket reached = local.accept()) {
                throw new AssertionError("the fetch reached this machine from " + reached.getRemoteSocketAddress());
            } catch (java.net.SocketTimeoutException expected) {
                // nothing connected to the local listener
            }
        }
    }

    @Test
    void aServerThatTricklesItsBodyIsCutOffAtTheTotalDeadline() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/slow", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try {
                for (int i = 0; i < 40; i++) {
                    exchange.getResponseBody().write(' ');
                    exchange.getResponseBody().flush();
                    Thread.sleep(250);
                }
            } catch (IOException | InterruptedException ignored) {
                // the client hung up, as it should
            }
            exchange.close();
        });
        server.start();
        try {
            long start = System.nanoTime();
            IOException late = assertThrows(IOException.class, () -> new RemoteJwks(true)
                    .fetch(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/slow")));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("did not answer within 5 s", late.getMessage());
            assertTrue(millis >= 4_900 && millis < 7_000, millis + " ms");
        } finally {
            server.stop(0);
        }
    }

    /**
     * The connection goes to the looked-up address while TLS stays on the name: the certificate is verified against
     * the URI's host name, which is also what SNI asks for ("rp.test" has no DNS; the lookup seam answers it).
     */
    @Test
    void tlsVerifiesTheCertificateAgainstTheHostNameAndSendsItInSni(@TempDir Path directory) throws Exception {
        Path keys = directory.resolve("rp.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", keys.toString(), "-storetype", "PKCS12", "-storepass", "secret",
                "-alias", "rp", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=rp.test",
                "-ext", "SAN=dns:rp.test", "-validity", "2").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, keytool.waitFor(), output);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keys)) {
            store.load(in, "secret".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, "secret".toCharArray());
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, trust.getTrustManagers(), null);

        Set<String> sniNames = ConcurrentHashMap.newKeySet();
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = serverTls.getDefaultSSLParameters();
                ssl.setSNIMatchers(List.of(new SNIMatcher(0) {
                    @Override
                    public boolean matches(SNIServerName name) {
                        sniNames.add(((SNIHostName) name).getAsciiName());
                        return true;
                    }
                }));
                parameters.setSSLParameters(ssl);
            }
        });
        server.createContext("/jwks", exchange -> {
            byte[] body = "{\"keys\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            RemoteJwks.AddressLookup loopback = host -> new InetAddress[] {InetAddress.getLoopbackAddress()};
            RemoteJwks remote = new RemoteJwks(true, loopback, clientTls);
            assertEquals("{\"keys\":[]}", remote.fetch(URI.create("https://rp.test:" + port + "/jwks")));
            assertEquals(Set.of("rp.test"), sniNames);
            IOException mismatch = assertThrows(IOException.class,
                    () -> remote.fetch(URI.create("https://other.test:" + port + "/jwks")),
                    "a certificate for another name is refused although the address is the same");
            assertTrue(mismatch.getMessage().contains("No subject alternative DNS name matching other.test"),
                    mismatch.getMessage());
        } finally {
            server.stop(0);
        }
    }
}
