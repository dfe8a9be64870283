package io.latchkey.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table and {@link SettingKey} describe the same settings. Rows look like
 * {@code | `LATCHKEY_PORT` | `latchkey.port` | `8080` | description |}, under the heading {@code ## Configuration}.
 */
class ReadmeConfigurationTableTest {
    private static final Path README = Path.of("README.md");
    private static final String HEADING = "## Configuration";

    /** Environment name to property name, from the table's rows. */
    private static Map<String, String> tableRows() throws IOException {
        if (!Files.isRegularFile(README)) {
            fail("README.md is missing from " + README.toAbsolutePath().getParent()
                    + "; its '" + HEADING + "' table must list every SettingKey");
        }
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(HEADING)) {
                start = i + 1;
                break;
            }
        }
        if (start < 0) {
            fail("README.md has no '" + HEADING + "' heading");
        }
        Map<String, String> rows = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (int i = start; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("|")) {
                continue;
            }
            String[] cells = line.substring(1).split("\\|", -1);
            String environment = unquote(cells[0]);
            if (!environment.startsWith("LATCHKEY_")) {
                continue; // the header and the separator row
            }
            String property = cells.length > 1 ? unquote(cells[1]) : "";
            if (rows.put(environment, property) != null) {
                duplicates.add(environment);
            }
        }
        assertTrue(duplicates.isEmpty(), "rows listed twice: " + duplicates);
        return rows;
    }

    private static String unquote(String cell) {
        String value = cell.strip();
        if (value.length() >= 2 && value.startsWith("`") && value.endsWith("`")) {
            value = value.substring(1, value.length() - 1);
        }
        return value;
    }

    @Test
    void listsExactlyTheSettingsLatchkeyReads() throws IOException {
        Set<String> documented = new TreeSet<>(tableRows().keySet());
        Set<String> known = Stream.of(SettingKey.values()).map(SettingKey::environmentName)
                .collect(Collectors.toCollection(TreeSet::new));

        Set<String> missing = new TreeSet<>(known);
        missing.removeAll(documented);
        Set<String> unknown = new TreeSet<>(documented);
        unknown.removeAll(known);
        assertFalse(documented.isEmpty(), "the '" + HEADING + "' section of README.md has no LATCHKEY_ rows");
        assertEquals(known, documented, "missing from README.md: " + missing + "; not a SettingKey: " + unknown);
    }

    @Test
    void givesEachSettingItsPropertyName() throws IOException {
        Map<String, String> rows = tableRows();
        for (SettingKey key : SettingKey.values()) {
            if (rows.containsKey(key.environmentName())) {
                assertEquals(key.propertyName(), rows.get(key.environmentName()),
                        "property column of " + key.environmentName());
            }
        }
    }
}
