package io.latchkey.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.security.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SettingsTest {
    private static final String MASTER_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private static SettingSource source(String name, Object... keysAndValues) {
        Map<SettingKey, String> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((SettingKey) keysAndValues[i], (String) keysAndValues[i + 1]);
        }
        return new SettingSource(name, values);
    }

    private static Settings load(Object... keysAndValues) {
        return Settings.load(List.of(source("test", keysAndValues)));
    }

    @Test
    void usesTheDocumentedDefaultsWhenNothingIsConfigured() {
        Settings settings = Settings.load(List.of());

        assertEquals(8080, settings.port());
        assertEquals(Optional.empty(), settings.configuredIssuer());
        assertEquals(Path.of("./data").toAbsolutePath().normalize(), settings.dataDir());
        assertEquals(Optional.empty(), settings.dbUrl());
        assertTrue(settings.dbPassword().isEmpty());
        assertEquals(Optional.empty(), settings.masterKey());
        assertFalse(settings.devMode());
        assertEquals(Duration.ofSeconds(3600), settings.accessTokenTtl());
        assertEquals(Duration.ofHours(2), settings.sessionIdleTtl());
        assertEquals(Duration.ofHours(12), settings.sessionMaxTtl());
        assertEquals(Duration.ofDays(14), settings.refreshTokenIdleTtl());
        assertEquals(Duration.ofDays(30), settings.refreshTokenMaxTtl());
        assertEquals(Optional.empty(), settings.importFile());
        assertEquals(Optional.empty(), settings.adminPassword());
        assertEquals("", settings.trustedProxies().toString());
        assertEquals(Duration.ofDays(180), settings.auditRetention());
    }

    @Test
    void appliesDefaultsThenPropertiesThenEnvironmentThenJndi() {
        SettingSource properties = SettingSource.fromProperties("latchkey.properties", Map.of(
                "latchkey.port", "8081",
                "latchkey.access-token-ttl", "600",
                "latchkey.db-user", "from-properties",
                "latchkey.dev-mode", "true"));
        SettingSource environment = SettingSource.fromEnvironment(Map.of(
                "LATCHKEY_PORT", "8082",
                "LATCHKEY_ACCESS_TOKEN_TTL", "700",
                "PATH", "/usr/bin"));
        SettingSource jndi = source("JNDI", SettingKey.PORT, "8083");

        Settings settings = Settings.load(List.of(properties, environment, jndi));

        assertEquals(8083, settings.port(), "JNDI overrides the environment");
        assertEquals(Duration.ofSeconds(700), settings.accessTokenTtl(), "the environment overrides properties");
        assertEquals("from-properties", settings.dbUser(), "properties override the default");
        assertTrue(settings.devMode());
        assertEquals(Path.of("./data").toAbsolutePath().normalize(), settings.dataDir(), "untouched keys keep defaults");
    }

    @Test
    void aLaterSourceOverridesAnEarlierOneEvenWithAnEmptyValue() {
        Settings settings = Settings.load(List.of(
                source("properties", SettingKey.DB_URL, "jdbc:h2:mem:x"),
                source("environment", SettingKey.DB_URL, "")));

        assertEquals(Optional.empty(), settings.dbUrl());
    }

    @Test
    void trimsValuesBeforeParsingThem() {
        Settings settings = load(SettingKey.PORT, " 9090 ", SettingKey.DEV_MODE, " TRUE ");

        assertEquals(9090, settings.port());
        assertTrue(settings.devMode());
    }

    @Test
    void parsesEveryKindOfValue() {
        Settings settings = load(
                SettingKey.ISSUER, "https://login.example.com/latchkey",
                SettingKey.DB_URL, "jdbc:postgresql://db/latchkey",
                SettingKey.DB_PASSWORD, "db-password",
                SettingKey.MASTER_KEY, MASTER_KEY,
                SettingKey.IMPORT, "import.json",
                SettingKey.ADMIN_PASSWORD, "correct horse battery",
                SettingKey.TRUSTED_PROXIES, "10.0.0.0/8, ::1");

        assertEquals(Optional.of("https://login.example.com/latchkey"), settings.configuredIssuer());
        assertEquals(Optional.of("jdbc:postgresql://db/latchkey"), settings.dbUrl());
        assertEquals(Secret.of("db-password"), settings.dbPassword());
        assertArrayEquals(new byte[32], settings.masterKey().orElseThrow());
        assertEquals(Optional.of(Path.of("import.json").toAbsolutePath()), settings.importFile());
        assertEquals(Optional.of(Secret.of("correct horse battery")), settings.adminPassword());
        assertTrue(settings.trustedProxies().trusts("10.1.2.3"));
        assertTrue(settings.trustedProxies().trusts("::1"));
    }

    @Test
    void readsTheAuditRetentionInDays() {
        assertEquals(Duration.ofDays(1), load(SettingKey.AUDIT_RETENTION, "1").auditRetention());
        assertEquals(Duration.ofDays(3650), load(SettingKey.AUDIT_RETENTION, "3650").auditRetention());
    }

    @Test
    void readsTheKeyRotationPeriodInDaysAndTheSigningAlgorithmsDefaultFirst() {
        Settings defaults = load();
        assertEquals(Duration.ofDays(30), defaults.keyRotationPeriod());
        assertEquals(List.of(io.latchkey.key.SigningAlgorithm.RS256), defaults.signingAlgorithms());
        assertEquals(Duration.ofDays(7), load(SettingKey.KEY_ROTATION_PERIOD, "7").keyRotationPeriod());
        assertEquals(List.of(io.latchkey.key.SigningAlgorithm.ES256, io.latchkey.key.SigningAlgorithm.PS256,
                        io.latchkey.key.SigningAlgorithm.RS256),
                load(SettingKey.SIGNING_ALGORITHMS, "ES256, PS256,RS256").signingAlgorithms());
    }

    @Test
    void readsTheCryptoProviderAutoByDefaultInAnyCase() {
        assertEquals(io.latchkey.security.CryptoProvider.AUTO, load().cryptoProvider());
        assertEquals(io.latchkey.security.CryptoProvider.NATIVE,
                load(SettingKey.CRYPTO_PROVIDER, "native").cryptoProvider());
        assertEquals(io.latchkey.security.CryptoProvider.JDK, load(SettingKey.CRYPTO_PROVIDER, "JDK").cryptoProvider());
    }

    @Test
    void readsTheConsoleRecentSignInWindowInMinutes() {
        assertEquals(java.time.Duration.ofMinutes(5), load(SettingKey.CRYPTO_PROVIDER, "auto").consoleRecentSignIn());
        assertEquals(java.time.Duration.ofMinutes(15), load(SettingKey.CONSOLE_RECENT_SIGN_IN, "15").consoleRecentSignIn());
    }

    @Test
    void acceptsAMasterKeyInBase64Url() {
        byte[] key = new byte[32];
        key[0] = (byte) 0xfb;
        key[1] = (byte) 0xff;
        String urlSafe = Base64.getUrlEncoder().encodeToString(key);

        assertArrayEquals(key, load(SettingKey.MASTER_KEY, urlSafe).masterKey().orElseThrow());
    }

    static Stream<Arguments> malformedValues() {
        return Stream.of(
                Arguments.of(SettingKey.PORT, "0"),
                Arguments.of(SettingKey.PORT, "70000"),
                Arguments.of(SettingKey.PORT, "abc"),
                Arguments.of(SettingKey.PORT, ""),
                Arguments.of(SettingKey.ACCESS_TOKEN_TTL, "59"),
                Arguments.of(SettingKey.ACCESS_TOKEN_TTL, "86401"),
                Arguments.of(SettingKey.ACCESS_TOKEN_TTL, "x"),
                Arguments.of(SettingKey.SESSION_IDLE_TTL, "59"),
                Arguments.of(SettingKey.SESSION_MAX_TTL, "2592001"),
                Arguments.of(SettingKey.REFRESH_TOKEN_IDLE_TTL, "299"),
                Arguments.of(SettingKey.REFRESH_TOKEN_MAX_TTL, "31536001"),
                Arguments.of(SettingKey.REFRESH_TOKEN_MAX_TTL, "month"),
                Arguments.of(SettingKey.DEV_MODE, "yes"),
                Arguments.of(SettingKey.DEV_MODE, "1"),
                Arguments.of(SettingKey.MASTER_KEY, Base64.getEncoder().encodeToString(new byte[31])),
                Arguments.of(SettingKey.MASTER_KEY, Base64.getEncoder().encodeToString(new byte[33])),
                Arguments.of(SettingKey.MASTER_KEY, "not base64 at all!"),
                Arguments.of(SettingKey.ISSUER, "https://login.example.com?tenant=a"),
                Arguments.of(SettingKey.ISSUER, "https://login.example.com#top"),
                Arguments.of(SettingKey.ISSUER, "https://login.example.com/"),
                Arguments.of(SettingKey.ISSUER, "/latchkey"),
                Arguments.of(SettingKey.ISSUER, "login.example.com"),
                Arguments.of(SettingKey.ISSUER, "ftp://login.example.com"),
                Arguments.of(SettingKey.ISSUER, "https://user@login.example.com"),
                Arguments.of(SettingKey.ISSUER, "http://login.example.com"),
                Arguments.of(SettingKey.ADMIN_PASSWORD, "elevenchars"),
                Arguments.of(SettingKey.TRUSTED_PROXIES, "10.0.0.0/33"),
                Arguments.of(SettingKey.TRUSTED_PROXIES, "10.0.0.0/x"),
                Arguments.of(SettingKey.TRUSTED_PROXIES, "proxy.example.com"),
                Arguments.of(SettingKey.DB_URL, "jdbc:mysql://db/latchkey"),
                Arguments.of(SettingKey.AUDIT_RETENTION, "0"),
                Arguments.of(SettingKey.AUDIT_RETENTION, "3651"),
                Arguments.of(SettingKey.AUDIT_RETENTION, "180d"),
                Arguments.of(SettingKey.KEY_ROTATION_PERIOD, "0"),
                Arguments.of(SettingKey.KEY_ROTATION_PERIOD, "366"),
                Arguments.of(SettingKey.SIGNING_ALGORITHMS, "HS256"),
                Arguments.of(SettingKey.SIGNING_ALGORITHMS, "rs256"),
                Arguments.of(SettingKey.SIGNING_ALGORITHMS, "RS256,RS256"),
                Arguments.of(SettingKey.SIGNING_ALGORITHMS, "RS256,"),
                Arguments.of(SettingKey.SIGNING_ALGORITHMS, "none"),
                Arguments.of(SettingKey.CRYPTO_PROVIDER, "openssl"),
                Arguments.of(SettingKey.CRYPTO_PROVIDER, ""),
                Arguments.of(SettingKey.CONSOLE_RECENT_SIGN_IN, "0"),
                Arguments.of(SettingKey.CONSOLE_RECENT_SIGN_IN, "61"),
                Arguments.of(SettingKey.CONSOLE_RECENT_SIGN_IN, "5m"),
                Arguments.of(SettingKey.DATA_DIR, " "));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("malformedValues")
    void rejectsAMalformedValueNamingTheKey(SettingKey key, String value) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> load(key, value));

        assertTrue(e.getMessage().startsWith(key.environmentName()),
                () -> "message should start with " + key.environmentName() + ": " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "the message is one line");
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("malformedValues")
    void neverRepeatsTheValueOfASecretSetting(SettingKey key, String value) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> load(key, value));

        if (key.secret()) {
            assertFalse(e.getMessage().contains(value.trim()), e.getMessage());
        } else if (!value.isBlank()) {
            assertTrue(e.getMessage().contains(value), "a non-secret value is quoted to help: " + e.getMessage());
        }
    }

    @Test
    void marksExactlyThePasswordsAndTheMasterKeyAsSecret() {
        assertEquals(List.of(SettingKey.DB_PASSWORD, SettingKey.MASTER_KEY, SettingKey.ADMIN_PASSWORD),
                Stream.of(SettingKey.values()).filter(SettingKey::secret).toList());
    }

    @Test
    void namesTheSourceAMalformedValueCameFrom() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> Settings.load(List.of(
                source("latchkey.properties", SettingKey.PORT, "8081"),
                SettingSource.fromEnvironment(Map.of("LATCHKEY_PORT", "eighty")))));

        assertTrue(e.getMessage().startsWith("LATCHKEY_PORT from environment:"), e.getMessage());
    }

    @Test
    void replacesControlCharactersOfAQuotedValue() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> load(SettingKey.ACCESS_TOKEN_TTL, "60\r\n0"));

        assertTrue(e.getMessage().contains("'60??0'"), e.getMessage());
    }

    @Test
    void refusesASessionIdleTimeLongerThanItsMaximum() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> load(SettingKey.SESSION_IDLE_TTL, "7201", SettingKey.SESSION_MAX_TTL, "7200"));

        assertTrue(e.getMessage().startsWith("LATCHKEY_SESSION_IDLE_TTL"), e.getMessage());
    }

    @Test
    void refusesARefreshTokenIdleTimeLongerThanItsMaximum() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> load(SettingKey.REFRESH_TOKEN_IDLE_TTL, "3601", SettingKey.REFRESH_TOKEN_MAX_TTL, "3600"));

        assertTrue(e.getMessage().startsWith("LATCHKEY_REFRESH_TOKEN_IDLE_TTL"), e.getMessage());
    }

    @Test
    void acceptsIdleTimesEqualToTheirMaximum() {
        Settings settings = load(SettingKey.SESSION_IDLE_TTL, "600", SettingKey.SESSION_MAX_TTL, "600",
                SettingKey.REFRESH_TOKEN_IDLE_TTL, "900", SettingKey.REFRESH_TOKEN_MAX_TTL, "900");

        assertEquals(Duration.ofSeconds(600), settings.sessionMaxTtl());
        assertEquals(Duration.ofSeconds(900), settings.refreshTokenIdleTtl());
    }

    @Test
    void refusesAnHttpIssuerOutsideDevelopmentMode() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> load(SettingKey.ISSUER, "HTTP://login.example.com"));

        assertTrue(e.getMessage().startsWith("LATCHKEY_ISSUER"), e.getMessage());
    }

    @Test
    void allowsAnHttpIssuerInDevelopmentMode() {
        Settings settings = load(SettingKey.ISSUER, "http://127.0.0.1:8080/latchkey", SettingKey.DEV_MODE, "true");

        assertEquals("http://127.0.0.1:8080/latchkey", settings.issuer("/ignored"));
    }

    @Test
    void returnsTheConfiguredIssuerByteForByte() {
        Settings settings = load(SettingKey.ISSUER, "https://Login.Example.com:8443/a/b");

        assertEquals("https://Login.Example.com:8443/a/b", settings.issuer("/latchkey"));
    }

    @Test
    void defaultsTheIssuerToLoopbackWithPortAndContextPathInDevelopmentMode() {
        Settings settings = load(SettingKey.DEV_MODE, "true", SettingKey.PORT, "9123");

        assertEquals("http://127.0.0.1:9123/latchkey", settings.issuer("/latchkey"));
        assertEquals("http://127.0.0.1:9123", settings.issuer(""));
    }

    @Test
    void requiresAnIssuerOutsideDevelopmentMode() {
        Settings settings = load();

        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> settings.issuer("/latchkey"));
        assertTrue(e.getMessage().startsWith("LATCHKEY_ISSUER"), e.getMessage());
    }

    @Test
    void stopsStartUpOnAnUnknownEnvironmentVariableNamingIt() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> SettingSource.fromEnvironment(Map.of("LATCHKEY_FOO", "1")));

        assertTrue(e.getMessage().startsWith("LATCHKEY_FOO"), e.getMessage());
    }

    @Test
    void stopsStartUpOnAnUnknownPropertyNamingIt() {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> SettingSource.fromProperties("latchkey.properties", Map.of("latchkey.foo", "1")));

        assertTrue(e.getMessage().startsWith("latchkey.foo"), e.getMessage());
        assertTrue(e.getMessage().contains("latchkey.properties"), "names the file: " + e.getMessage());
    }

    @Test
    void ignoresTheConfigFilePropertyAndForeignProperties() {
        SettingSource source = SettingSource.fromProperties("system properties", Map.of(
                "latchkey.config", "/etc/latchkey.properties",
                "java.version", "17",
                "latchkey.port", "9000"));

        assertEquals(Map.of(SettingKey.PORT, "9000"), source.values());
    }

    @Test
    void ignoresEnvironmentVariablesOutsideItsPrefix() {
        SettingSource source = SettingSource.fromEnvironment(Map.of(
                "HOME", "/root", "LATCHKEYPORT", "1", "latchkey_port", "2", "LATCHKEY_PORT", "9001"));

        assertEquals(Map.of(SettingKey.PORT, "9001"), source.values());
    }

    @Test
    void doesNotShowSecretsInItsStringForm() {
        Settings settings = load(
                SettingKey.DB_PASSWORD, "db-password-value",
                SettingKey.MASTER_KEY, MASTER_KEY,
                SettingKey.ADMIN_PASSWORD, "admin-password-value");

        String text = settings.toString();

        assertFalse(text.contains("db-password-value"), text);
        assertFalse(text.contains(MASTER_KEY), text);
        assertFalse(text.contains("admin-password-value"), text);
    }
}
