package io.latchkey.boot;

import io.latchkey.config.InvalidSettingException;
import io.latchkey.config.SettingKey;
import io.latchkey.config.SettingSource;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.naming.InitialContext;
import javax.naming.NameNotFoundException;
import javax.naming.NamingException;

/**
 * Where settings come from, lowest first: {@code latchkey.properties} (the file named by
 * {@code -Dlatchkey.config}, else {@code conf/latchkey.properties} of Tomcat or
 * {@code standalone/configuration/latchkey.properties} of WildFly), then {@code -Dlatchkey.*} system
 * properties, then {@code LATCHKEY_*} environment variables, then JNDI {@code java:comp/env/latchkey/*}.
 */
public final class SettingSources {
    private SettingSources() {
    }

    public static List<SettingSource> fromRuntime(boolean withJndi) {
        List<SettingSource> sources = new ArrayList<>();
        propertiesFile().ifPresent(file -> sources.add(SettingSource.fromProperties(file.toString(), read(file))));
        Map<String, String> system = new LinkedHashMap<>();
        System.getProperties().forEach((k, v) -> system.put(k.toString(), v.toString()));
        sources.add(SettingSource.fromProperties("system properties", system));
        sources.add(SettingSource.fromEnvironment(System.getenv()));
        if (withJndi) {
            sources.add(jndi());
        }
        return sources;
    }

    static Optional<Path> propertiesFile() {
        String named = System.getProperty(SettingSource.CONFIG_FILE_PROPERTY);
        if (named != null && !named.isBlank()) {
            Path file = Path.of(named);
            if (!Files.isReadable(file)) {
                throw new InvalidSettingException(SettingSource.CONFIG_FILE_PROPERTY + ": cannot read " + file);
            }
            return Optional.of(file);
        }
        for (String base : new String[] {"catalina.base", "jboss.server.config.dir"}) {
            String dir = System.getProperty(base);
            if (dir != null) {
                Path candidate = Path.of(dir, base.equals("catalina.base") ? "conf" : "", "latchkey.properties");
                if (Files.isReadable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new InvalidSettingException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.forEach((k, v) -> values.put(k.toString(), v.toString()));
        return values;
    }

    private static SettingSource jndi() {
        Map<SettingKey, String> values = new EnumMap<>(SettingKey.class);
        try {
            InitialContext context = new InitialContext();
            for (SettingKey key : SettingKey.values()) {
                try {
                    Object value = context.lookup("java:comp/env/" + key.jndiName());
                    if (value != null) {
                        values.put(key, value.toString());
                    }
                } catch (NameNotFoundException e) {
                    // not bound: the lower layers decide
                }
            }
        } catch (NamingException e) {
            // no JNDI in this environment
        }
        return new SettingSource("JNDI", values);
    }
}
