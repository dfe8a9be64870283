package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs after every other integration test (junit-platform.properties orders classes by @Order) and searches
 * all of the server's log files for every token and secret the run sent or received.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Order(Integer.MAX_VALUE)
class LogRedactionIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.war();
    }

    @Test
    void noTokenOrSecretOfTheWholeRunAppearsInAnyServerLog() throws IOException {
        // A failed authentication whose secret must not be logged either, even at FINE.
        Server.token(Server.SERVICE_ID, IssuedSecrets.remember("leaked-if-logged-0123456789abcdef"), "grant_type=client_credentials");
        Path logs = Path.of(System.getProperty("it.server.logs"));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(logs)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertFalse(files.isEmpty(), "the server wrote logs to " + logs);
        long bytes = 0;
        List<String> leaks = new ArrayList<>();
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            bytes += text.length();
            for (String secret : IssuedSecrets.all()) {
                if (text.contains(secret) || text.contains(Server.form(secret))) {
                    leaks.add(file.getFileName() + " contains " + secret.substring(0, 6) + "...");
                }
            }
        }
        assertTrue(bytes > 0, "the logs are not empty");
        assertTrue(IssuedSecrets.all().size() > 5, "the run handled tokens and secrets: " + IssuedSecrets.all().size());
        assertEquals(List.of(), leaks);
    }
}
