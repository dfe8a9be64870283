package io.latchkey.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One layer of configuration (a properties file, system properties, the environment, JNDI) with its
 * values already keyed by {@link SettingKey}. Names under Latchkey's prefix that no key knows stop start-up.
 */
public record SettingSource(String name, Map<SettingKey, String> values) {
    /** Properties files and system properties: {@code latchkey.access-token-ttl=...}. */
    public static final String PROPERTY_PREFIX = "latchkey.";
    /** The system property that names the {@code latchkey.properties} file; not a setting itself. */
    public static final String CONFIG_FILE_PROPERTY = "latchkey.config";

    public SettingSource {
        Objects.requireNonNull(name);
        values = Map.copyOf(values);
    }

    public static SettingSource fromProperties(String name, Map<String, String> properties) {
        Map<SettingKey, String> values = new LinkedHashMap<>();
        properties.forEach((property, value) -> {
            if (!property.startsWith(PROPERTY_PREFIX) || property.equals(CONFIG_FILE_PROPERTY)) {
                return;
            }
            SettingKey key = SettingKey.byPropertyName(property).orElseThrow(() ->
                    new InvalidSettingException(property + " (" + name + "): unknown setting"));
            values.put(key, value);
        });
        return new SettingSource(name, values);
    }

    public static SettingSource fromEnvironment(Map<String, String> environment) {
        Map<SettingKey, String> values = new LinkedHashMap<>();
        environment.forEach((variable, value) -> {
            if (!variable.startsWith("LATCHKEY_")) {
                return;
            }
            SettingKey key = SettingKey.byEnvironmentName(variable).orElseThrow(() ->
                    new InvalidSettingException(variable + " (environment): unknown setting"));
            values.put(key, value);
        });
        return new SettingSource("environment", values);
    }
}
