package io.latchkey.config;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every setting Latchkey reads: its environment name, its {@code latchkey.*} property and JNDI name,
 * its default, how its value is checked, and the line the README's configuration table shows for it.
 * A test keeps that table and this enum in step.
 */
public enum SettingKey {
    PORT("LATCHKEY_PORT", "8080", false, SettingParsers::port,
            "HTTP port `scripts/run` binds on 127.0.0.1; also the port of the default development issuer."),
    ISSUER("LATCHKEY_ISSUER", "", false, SettingParsers::issuer,
            "External base URL including any context path, without a trailing slash; every URL in discovery derives from it. "
                    + "Required outside development mode; in development mode defaults to `http://127.0.0.1:<port><context path>`."),
    DATA_DIR("LATCHKEY_DATA_DIR", "./data", false, SettingParsers::path,
            "Directory for the H2 database and the generated master key file (created when missing). A relative path"
                    + " is resolved against the server process's working directory; give an absolute path in"
                    + " deployments (the start-up line names it)."),
    DB_URL("LATCHKEY_DB_URL", "", false, SettingParsers::jdbcUrl,
            "JDBC URL (`jdbc:h2:...` or `jdbc:postgresql:...`). Empty: the container DataSource `java:comp/env/jdbc/latchkey` "
                    + "if one is bound, else H2 in the data directory."),
    DB_USER("LATCHKEY_DB_USER", "", false, SettingParsers::text,
            "Database user for `LATCHKEY_DB_URL`."),
    DB_PASSWORD("LATCHKEY_DB_PASSWORD", "", true, SettingParsers::text,
            "Database password for `LATCHKEY_DB_URL`."),
    MASTER_KEY("LATCHKEY_MASTER_KEY", "", true, SettingParsers::masterKey,
            "Base64 of 32 random bytes; encrypts signing keys at rest (AES-GCM). Empty: a key file `master.key` "
                    + "created with owner-only permissions in the data directory."),
    DEV_MODE("LATCHKEY_DEV_MODE", "false", false, SettingParsers::bool,
            "Development mode: permits plain http, and only from loopback addresses; no HSTS."),
    ACCESS_TOKEN_TTL("LATCHKEY_ACCESS_TOKEN_TTL", "3600", false, SettingParsers::accessTokenTtl,
            "Lifetime of JWT access tokens in seconds (60 to 86400)."),
    SESSION_IDLE_TTL("LATCHKEY_SESSION_IDLE_TTL", "7200", false, SettingParsers::sessionTtl,
            "A browser session ends after this many seconds without use (60 to 2592000)."),
    SESSION_MAX_TTL("LATCHKEY_SESSION_MAX_TTL", "43200", false, SettingParsers::sessionTtl,
            "A browser session ends this many seconds after sign-in, used or not (60 to 2592000)."),
    REFRESH_TOKEN_IDLE_TTL("LATCHKEY_REFRESH_TOKEN_IDLE_TTL", "1209600", false, SettingParsers::refreshTtl,
            "A refresh token expires after this many seconds unused (300 to 31536000)."),
    REFRESH_TOKEN_MAX_TTL("LATCHKEY_REFRESH_TOKEN_MAX_TTL", "2592000", false, SettingParsers::refreshTtl,
            "A refresh token family ends this many seconds after sign-in, however often it is rotated (300 to 31536000)."),
    IMPORT("LATCHKEY_IMPORT", "", false, SettingParsers::optionalPath,
            "JSON file of scopes, applications and users applied idempotently at every start-up (DESIGN §8)."),
    ADMIN_PASSWORD("LATCHKEY_ADMIN_PASSWORD", "", true, SettingParsers::adminPassword,
            "Password of the first administrator (at least 12 characters); when unset a generated one is printed once."),
    PASSWORD_GRANT("LATCHKEY_PASSWORD_GRANT", "false", false, SettingParsers::bool,
            "Enables the resource owner password grant (RFC 6749 §4.3) for web applications whose import entry says "
                    + "`\"password_grant\": true`; off by default, and a warning at start-up when on."),
    TRUSTED_PROXIES("LATCHKEY_TRUSTED_PROXIES", "", false, SettingParsers::proxies,
            "Comma-separated addresses or CIDR ranges of reverse proxies whose `X-Forwarded-Proto: https` and "
                    + "`X-Forwarded-For` are believed (the client address is the rightmost `X-Forwarded-For` entry that "
                    + "is not a trusted proxy)."),
    AUDIT_RETENTION("LATCHKEY_AUDIT_RETENTION", "180", false, SettingParsers::auditRetention,
            "Days the audit trail keeps an event (1 to 3650); older events are deleted hourly by one node."),
    KEY_ROTATION_PERIOD("LATCHKEY_KEY_ROTATION_PERIOD", "30", false, SettingParsers::keyRotationPeriod,
            "Days a signing key signs before the next one takes over (1 to 365); the next key is published in JWKS "
                    + "at least 15 minutes (the JWKS cache lifetime) before it signs."),
    SIGNING_ALGORITHMS("LATCHKEY_SIGNING_ALGORITHMS", "RS256", false, SettingParsers::signingAlgorithms,
            "Comma-separated JWS algorithms to sign with, among `RS256`, `PS256` and `ES256`; the first is the "
                    + "default, each has keys of its own, and tokens signed with any other algorithm are refused."),
    CRYPTO_PROVIDER("LATCHKEY_CRYPTO_PROVIDER", "auto", false, SettingParsers::cryptoProvider,
            "`auto`, `native` or `jdk`: JWT signatures through Amazon Corretto Crypto Provider (native AWS-LC) and "
                    + "password hashes through the reference Argon2 C library, or the JDK's and Bouncy Castle's Java "
                    + "code. `auto` uses native code where it loads (Linux x86-64) and logs one line when it falls back; "
                    + "`native` refuses to start without it."),
    POSTURE_UNUSED_DAYS("LATCHKEY_POSTURE_UNUSED_DAYS", "90", false, SettingParsers::postureDays,
            "Days (1 to 3650) after which the posture review (`GET /api/admin/posture`) reports an application no "
                    + "token was issued for, scopes no token carried, a reference-token policy nobody used, and an "
                    + "administrator who did not sign in."),
    SECRET_ROTATION_PERIOD("LATCHKEY_SECRET_ROTATION_PERIOD", "90", false, SettingParsers::postureDays,
            "Days (1 to 3650) after which the posture review reports an application secret as due for rotation."),
    CONSOLE_RECENT_SIGN_IN("LATCHKEY_CONSOLE_RECENT_SIGN_IN", "5", false, SettingParsers::recentSignIn,
            "Minutes (1 to 60) an administrator's sign-in counts as recent in the admin console: rotating a secret "
                    + "or a key, making someone an administrator, setting a password and deleting ask for the "
                    + "password again after that.");

    private final String environmentName;
    private final String defaultValue;
    private final boolean secret;
    private final Function<String, Object> parser;
    private final String description;

    SettingKey(String environmentName, String defaultValue, boolean secret, Function<String, Object> parser,
               String description) {
        this.environmentName = environmentName;
        this.defaultValue = defaultValue;
        this.secret = secret;
        this.parser = parser;
        this.description = description;
    }

    /** {@code LATCHKEY_ACCESS_TOKEN_TTL} */
    public String environmentName() {
        return environmentName;
    }

    /** {@code latchkey.access-token-ttl}: the name in {@code latchkey.properties} and in system properties. */
    public String propertyName() {
        return "latchkey." + environmentName.substring("LATCHKEY_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code latchkey/access-token-ttl}, looked up under {@code java:comp/env}. */
    public String jndiName() {
        return "latchkey/" + propertyName().substring("latchkey.".length());
    }

    public String defaultValue() {
        return defaultValue;
    }

    /** A secret setting's value is never repeated in an error message. */
    public boolean secret() {
        return secret;
    }

    public String description() {
        return description;
    }

    Object parse(String raw) {
        return parser.apply(raw);
    }

    public static Optional<SettingKey> byEnvironmentName(String name) {
        for (SettingKey key : values()) {
            if (key.environmentName.equals(name)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    public static Optional<SettingKey> byPropertyName(String name) {
        for (SettingKey key : values()) {
            if (key.propertyName().equals(name)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }
}
