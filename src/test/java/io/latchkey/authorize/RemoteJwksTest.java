package io.latchkey.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
}
