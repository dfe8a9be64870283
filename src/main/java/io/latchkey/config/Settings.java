package io.latchkey.config;

import io.latchkey.key.SigningAlgorithm;
import io.latchkey.security.CryptoProvider;
import io.latchkey.security.Secret;
import io.latchkey.security.TrustedProxies;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All of Latchkey's configuration, built once at start-up from defaults &lt; {@code latchkey.properties}
 * (and {@code -Dlatchkey.*}) &lt; environment {@code LATCHKEY_*} &lt; JNDI {@code java:comp/env/latchkey/*},
 * and checked as a whole: a bad value stops start-up with one line naming the key.
 */
public record Settings(
        int port,
        Optional<String> configuredIssuer,
        Path dataDir,
        Optional<String> dbUrl,
        String dbUser,
        Secret dbPassword,
        Optional<byte[]> masterKey,
        boolean devMode,
        Duration accessTokenTtl,
        Duration sessionIdleTtl,
        Duration sessionMaxTtl,
        Duration refreshTokenIdleTtl,
        Duration refreshTokenMaxTtl,
        Optional<Path> importFile,
        Optional<Secret> adminPassword,
        boolean passwordGrant,
        TrustedProxies trustedProxies,
        Duration auditRetention,
        Duration keyRotationPeriod,
        List<SigningAlgorithm> signingAlgorithms,
        CryptoProvider cryptoProvider,
        Duration postureUnusedAfter,
        Duration secretRotationPeriod,
        Duration consoleRecentSignIn) {

    /** Applies the sources in order, each overriding the ones before it. */
    @SuppressWarnings("unchecked")
    public static Settings load(List<SettingSource> sourcesLowestFirst) {
        Map<SettingKey, String> raw = new EnumMap<>(SettingKey.class);
        Map<SettingKey, String> origin = new EnumMap<>(SettingKey.class);
        for (SettingKey key : SettingKey.values()) {
            raw.put(key, key.defaultValue());
            origin.put(key, "default");
        }
        for (SettingSource source : sourcesLowestFirst) {
            source.values().forEach((key, value) -> {
                raw.put(key, value.trim());
                origin.put(key, source.name());
            });
        }
        Map<SettingKey, Object> parsed = new EnumMap<>(SettingKey.class);
        for (SettingKey key : SettingKey.values()) {
            try {
                parsed.put(key, key.parse(raw.get(key)));
            } catch (IllegalArgumentException e) {
                String shown = key.secret() ? "" : " (got '" + printable(raw.get(key)) + "')";
                throw new InvalidSettingException(key.environmentName() + " from " + origin.get(key) + ": "
                        + e.getMessage() + shown);
            }
        }
        Settings settings = new Settings(
                (Integer) parsed.get(SettingKey.PORT),
                (Optional<String>) parsed.get(SettingKey.ISSUER),
                (Path) parsed.get(SettingKey.DATA_DIR),
                (Optional<String>) parsed.get(SettingKey.DB_URL),
                (String) parsed.get(SettingKey.DB_USER),
                Secret.of((String) parsed.get(SettingKey.DB_PASSWORD)),
                (Optional<byte[]>) parsed.get(SettingKey.MASTER_KEY),
                (Boolean) parsed.get(SettingKey.DEV_MODE),
                (Duration) parsed.get(SettingKey.ACCESS_TOKEN_TTL),
                (Duration) parsed.get(SettingKey.SESSION_IDLE_TTL),
                (Duration) parsed.get(SettingKey.SESSION_MAX_TTL),
                (Duration) parsed.get(SettingKey.REFRESH_TOKEN_IDLE_TTL),
                (Duration) parsed.get(SettingKey.REFRESH_TOKEN_MAX_TTL),
                (Optional<Path>) parsed.get(SettingKey.IMPORT),
                (Optional<Secret>) parsed.get(SettingKey.ADMIN_PASSWORD),
                (Boolean) parsed.get(SettingKey.PASSWORD_GRANT),
                (TrustedProxies) parsed.get(SettingKey.TRUSTED_PROXIES),
                (Duration) parsed.get(SettingKey.AUDIT_RETENTION),
                (Duration) parsed.get(SettingKey.KEY_ROTATION_PERIOD),
                (List<SigningAlgorithm>) parsed.get(SettingKey.SIGNING_ALGORITHMS),
                (CryptoProvider) parsed.get(SettingKey.CRYPTO_PROVIDER),
                (Duration) parsed.get(SettingKey.POSTURE_UNUSED_DAYS),
                (Duration) parsed.get(SettingKey.SECRET_ROTATION_PERIOD),
                (Duration) parsed.get(SettingKey.CONSOLE_RECENT_SIGN_IN));
        settings.checkIssuerScheme();
        if (settings.sessionIdleTtl.compareTo(settings.sessionMaxTtl) > 0) {
            throw new InvalidSettingException("LATCHKEY_SESSION_IDLE_TTL: must not be longer than LATCHKEY_SESSION_MAX_TTL");
        }
        if (settings.refreshTokenIdleTtl.compareTo(settings.refreshTokenMaxTtl) > 0) {
            throw new InvalidSettingException(
                    "LATCHKEY_REFRESH_TOKEN_IDLE_TTL: must not be longer than LATCHKEY_REFRESH_TOKEN_MAX_TTL");
        }
        return settings;
    }

    /**
     * The issuer, byte for byte as configured; without one, development mode uses
     * {@code http://127.0.0.1:<port><contextPath>} and production refuses to start.
     */
    public String issuer(String contextPath) {
        if (configuredIssuer.isPresent()) {
            return configuredIssuer.get();
        }
        if (!devMode) {
            throw new InvalidSettingException("LATCHKEY_ISSUER: required outside development mode "
                    + "(the external https URL of this server, e.g. https://login.example.com)");
        }
        return "http://127.0.0.1:" + port + contextPath;
    }

    private void checkIssuerScheme() {
        configuredIssuer.ifPresent(issuer -> {
            if (issuer.regionMatches(true, 0, "http:", 0, 5) && !devMode) {
                throw new InvalidSettingException("LATCHKEY_ISSUER: must be an https URL outside development mode (got '"
                        + issuer + "')");
            }
        });
    }

    private static String printable(String value) {
        StringBuilder out = new StringBuilder();
        value.codePoints().limit(80).forEach(c -> out.appendCodePoint(c < 0x20 || c == 0x7f ? '?' : c));
        return out.toString();
    }
}
