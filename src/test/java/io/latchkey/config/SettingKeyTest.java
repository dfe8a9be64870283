package io.latchkey.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SettingKeyTest {
    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of(SettingKey.PORT, "latchkey.port", "latchkey/port"),
                Arguments.of(SettingKey.ACCESS_TOKEN_TTL, "latchkey.access-token-ttl", "latchkey/access-token-ttl"),
                Arguments.of(SettingKey.DB_URL, "latchkey.db-url", "latchkey/db-url"),
                Arguments.of(SettingKey.TRUSTED_PROXIES, "latchkey.trusted-proxies", "latchkey/trusted-proxies"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void derivesThePropertyAndJndiNamesFromTheEnvironmentName(SettingKey key, String property, String jndi) {
        assertEquals(property, key.propertyName());
        assertEquals(jndi, key.jndiName());
    }

    @ParameterizedTest
    @EnumSource(SettingKey.class)
    void findsEveryKeyByItsEnvironmentAndPropertyName(SettingKey key) {
        assertTrue(key.environmentName().startsWith("LATCHKEY_"));
        assertEquals(Optional.of(key), SettingKey.byEnvironmentName(key.environmentName()));
        assertEquals(Optional.of(key), SettingKey.byPropertyName(key.propertyName()));
    }

    @ParameterizedTest
    @EnumSource(SettingKey.class)
    void acceptsItsOwnDefault(SettingKey key) {
        key.parse(key.defaultValue());
    }

    @Test
    void findsNothingForAnUnknownName() {
        assertEquals(Optional.empty(), SettingKey.byEnvironmentName("LATCHKEY_FOO"));
        assertEquals(Optional.empty(), SettingKey.byPropertyName("latchkey.PORT"));
    }
}
