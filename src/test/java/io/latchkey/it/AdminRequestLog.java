package io.latchkey.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The admin API requests the ITs of one server sent through {@link Server#send} and their statuses, one line each
 * ({@code GET /api/admin/applications/it-web 200}) in the file the failsafe execution names in the system property
 * {@value #PROPERTY} (the build empties its folder before the ITs run). {@link AdminApiCoverageIT} reads them.
 */
final class AdminRequestLog {
    static final String PROPERTY = "it.admin.requests";
    private static final String ADMIN = "/api/admin";

    private AdminRequestLog() {
    }

    /** One request and the status it got, if it is for the admin API and this run keeps a log. */
    static synchronized void record(String method, URI uri, int status) {
        String file = System.getProperty(PROPERTY);
        String base = URI.create(Server.ISSUER).getRawPath();
        String path = uri.getRawPath();
        if (file == null || path == null || !path.startsWith(base + ADMIN)) {
            return;
        }
        String line = method + " " + path.substring(base.length()) + " " + status + "\n";
        try {
            Path log = Path.of(file);
            Files.createDirectories(log.getParent());
            Files.writeString(log, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A recorded request: its method, raw path (no query) and status. */
    record Entry(String method, String path, int status) {
        static Entry parse(String line) {
            String[] parts = line.split(" ");
            if (parts.length != 3) {
                throw new IllegalArgumentException("not a request log line: " + line);
            }
            return new Entry(parts[0], parts[1], Integer.parseInt(parts[2]));
        }
    }

    static List<Entry> read(Path log) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                entries.add(Entry.parse(line));
            }
        }
        return entries;
    }
}
