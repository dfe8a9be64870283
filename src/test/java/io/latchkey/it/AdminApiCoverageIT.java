package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.testing.OpenApiSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Every operation of the admin API's OpenAPI document was exercised by an integration test, on every server the
 * ITs ran on.
 * <p>
 * How: {@link Server#send}, through which the ITs send their HTTP requests, records every request under
 * {@code /api/admin} with its status ({@link AdminRequestLog}: {@code requests-<server>.txt}), and
 * {@link AdminOpenApiIT} saves the document the running server served ({@code openapi-<server>.json}), both in
 * {@code target/admin-api-coverage}, which the build empties before the ITs start. This check runs in its own
 * failsafe execution after those of Tomcat and WildFly (it is disabled anywhere else; a build with {@code -Dit.test}
 * that does not name it skips it) and demands, for each
 * server's document, that each operation ({@code PATCH /api/admin/applications/{client_id}}) matches at least one
 * recorded request of the same method whose path fits the template ({@code {x}} is one non-empty path segment)
 * and whose answer was a 2xx: a refused call does not count as exercising an operation.
 * <p>
 * It cannot pass vacuously: no recorded server, a server without its saved document, or a document without
 * operations fail; an operation added to a resource (and so to the document) with no IT calling it
 * successfully fails, naming it. Requests sent any other way (RawHttp, a browser) are not recorded: an operation
 * must be called through {@link Server#send} at least once.
 */
@EnabledIfSystemProperty(named = AdminApiCoverageIT.ENABLED, matches = "check")
class AdminApiCoverageIT {
    static final String ENABLED = "it.admin.coverage";
    static final String DIRECTORY = "it.admin.coverage.dir";
    /** The build's {@code -Dit.test}, if any: a run of some ITs only is not checked unless it names this class. */
    static final String SELECTION = "it.admin.coverage.selection";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyDocumentedOperationWasAnsweredWithA2xxOnEveryServer() throws IOException {
        String selection = System.getProperty(SELECTION, "");
        Assumptions.assumeTrue(selection.isBlank() || selection.startsWith("${")
                || selection.contains(AdminApiCoverageIT.class.getSimpleName()),
                () -> "only some ITs ran (-Dit.test=" + selection + "): their admin requests cover only part of the API");
        Path directory = Path.of(System.getProperty(DIRECTORY, "target/admin-api-coverage"));
        List<Path> logs;
        try (Stream<Path> files = Files.list(directory)) {
            logs = files.filter(f -> f.getFileName().toString().matches("requests-.+\\.txt")).sorted().toList();
        }
        assertFalse(logs.isEmpty(), "no server recorded admin requests in " + directory);
        for (Path log : logs) {
            String server = log.getFileName().toString().replaceAll("^requests-|\\.txt$", "");
            Path saved = directory.resolve("openapi-" + server + ".json");
            assertTrue(Files.isRegularFile(saved), "AdminOpenApiIT did not save the document of " + server);
            List<String> missing = missing(JSON.readTree(saved.toFile()), AdminRequestLog.read(log));
            assertEquals(List.of(), missing, "documented admin operations no IT exercised successfully on " + server);
        }
    }

    /** The operations of {@code document} that no request of {@code requests} exercised successfully. */
    static List<String> missing(JsonNode document, List<AdminRequestLog.Entry> requests) {
        List<String> operations = List.copyOf(OpenApiSchema.operations(document).keySet());
        if (operations.isEmpty()) {
            throw new AssertionError("the document has no operations");
        }
        List<String> missing = new ArrayList<>();
        for (String operation : operations) {
            String method = operation.substring(0, operation.indexOf(' '));
            Pattern path = template(operation.substring(operation.indexOf(' ') + 1));
            boolean exercised = requests.stream().anyMatch(r -> r.method().equals(method)
                    && r.status() >= 200 && r.status() < 300 && path.matcher(r.path()).matches());
            if (!exercised) {
                missing.add(operation);
            }
        }
        return missing;
    }

    /** {@code /a/{x}/b} as a pattern of raw paths: each template variable is one non-empty segment. */
    static Pattern template(String path) {
        StringBuilder pattern = new StringBuilder();
        for (String part : path.split("(?=\\{)|(?<=})")) {
            pattern.append(part.startsWith("{") && part.endsWith("}") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(pattern.toString());
    }
}
