package io.latchkey.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every access log the project ships or starts (server-config/tomcat for the examples, scripts/run and the test
 * servers; the Undertow one latchkey.cli shows) records no query string and no header: relying parties put ID
 * tokens (id_token_hint), login hints and sometimes access tokens into URLs, and headers carry credentials.
 * LogRedactionIT checks the running test server's log; this covers the configurations no test starts.
 */
class ShippedAccessLogsTest {
    private static final Path SERVER_CONFIG = Path.of("server-config");
    /**
     * The pattern codes allowed, Tomcat's and Undertow's alike: addresses, time, method, path without query
     * (%U), protocol, status, sizes, durations, thread, port, connection status. Not %r (request line, with the
     * query), %q (query), %{…}i/o/c/r/s (headers, cookies, attributes), nor the named patterns common/combined.
     */
    private static final Set<Character> SAFE_CODES = Set.of('h', 'a', 'A', 't', 'm', 'U', 'H', 's', 'b', 'B', 'D',
            'T', 'F', 'I', 'p', 'v', 'X', 'l');
    private static final Pattern CODE = Pattern.compile("%(\\{[^}]*}.|.)");
    private static final Pattern CLI_ACCESS_LOG = Pattern.compile("access-log:add\\(.*pattern=\"((?:\\\\\"|[^\"])*)\"");

    @Test
    void everyTomcatAccessLogValveLogsPathsWithoutQueryStrings() throws Exception {
        List<String> unsafe = new ArrayList<>();
        Set<String> withAccessLog = new TreeSet<>();
        for (Path file : files(".xml")) {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList valves = factory.newDocumentBuilder().parse(file.toFile()).getElementsByTagName("Valve");
            for (int i = 0; i < valves.getLength(); i++) {
                Element valve = (Element) valves.item(i);
                if (valve.getAttribute("className").contains("AccessLogValve")) {
                    withAccessLog.add(SERVER_CONFIG.relativize(file).toString());
                    // Without a pattern attribute Tomcat logs "common", whose request line has the query.
                    unsafeCodes(valve.hasAttribute("pattern") ? valve.getAttribute("pattern") : "common")
                            .forEach(code -> unsafe.add(file + ": " + code));
                }
            }
        }
        assertEquals(Set.of("tomcat/server.xml", "tomcat/tls/server.xml", "tomcat/run/server.xml",
                "tomcat/arquillian/server.xml"), withAccessLog, "the Tomcat configurations with an access log");
        assertEquals(List.of(), unsafe);
    }

    @Test
    void theUndertowAccessLogLatchkeyCliShowsLogsPathsWithoutQueryStrings() throws IOException {
        String cli = Files.readString(SERVER_CONFIG.resolve("wildfly/latchkey.cli"), StandardCharsets.UTF_8);
        Matcher access = CLI_ACCESS_LOG.matcher(cli);
        List<String> patterns = new ArrayList<>();
        while (access.find()) {
            patterns.add(access.group(1).replace("\\\"", "\""));
        }
        assertEquals(1, patterns.size(), "latchkey.cli shows one access-log pattern: " + patterns);
        assertEquals(List.of(), unsafeCodes(patterns.get(0)), patterns.get(0));
    }

    @Test
    void scriptsRunStartsTomcatWithTheShippedServerXmlNotTheOneCargoGenerates() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        assertTrue(pom.replaceAll("\\s+", "").contains("<configfile><file>${project.basedir}/server-config/tomcat/run/"
                + "server.xml</file><todir>conf</todir><overwrite>true</overwrite></configfile>"),
                "cargo's generated server.xml has an access log with query strings; pom.xml must replace it");
    }

    /** The codes of {@code pattern} that may log a query string or a header, or the named pattern itself. */
    static List<String> unsafeCodes(String pattern) {
        String trimmed = pattern.trim();
        if (trimmed.equals("common") || trimmed.equals("combined")) {
            return List.of(trimmed);
        }
        List<String> unsafe = new ArrayList<>();
        Matcher code = CODE.matcher(pattern);
        while (code.find()) {
            String found = code.group(1);
            if (found.length() != 1 || !SAFE_CODES.contains(found.charAt(0))) {
                unsafe.add("%" + found);
            }
        }
        return unsafe;
    }

    @Test
    void theCheckRefusesWhatLogsQueriesAndHeaders() {
        assertEquals(List.of(), unsafeCodes("%h %t \"%m %U %H\" %s %b %D"));
        assertEquals(List.of("%r"), unsafeCodes("%h %t \"%r\" %s %b"));
        assertEquals(List.of("%q"), unsafeCodes("%m %U%q"));
        assertEquals(List.of("%{Authorization}i"), unsafeCodes("%h %{Authorization}i"));
        assertEquals(List.of("combined"), unsafeCodes("combined"));
    }

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(SERVER_CONFIG)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
