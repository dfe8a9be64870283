package io.latchkey.config;

import io.latchkey.security.CryptoProvider;
import io.latchkey.security.Secret;
import io.latchkey.security.TrustedProxies;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import io.latchkey.key.SigningAlgorithm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/** The parsers of {@link SettingKey}; each throws {@link IllegalArgumentException} saying what is wrong. */
final class SettingParsers {
    private SettingParsers() {
    }

    static Object port(String raw) {
        int port = integer(raw);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("expected a TCP port between 1 and 65535");
        }
        return port;
    }

    static Object issuer(String raw) {
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("expected an absolute URL");
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new IllegalArgumentException("expected an absolute URL with a host");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("expected an https URL");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("must not have a query, fragment or user info (RFC 8414 §2)");
        }
        if (raw.endsWith("/")) {
            throw new IllegalArgumentException("must not end with '/'");
        }
        return Optional.of(raw);
    }

    static Object path(String raw) {
        if (raw.isBlank()) {
            throw new IllegalArgumentException("expected a directory path");
        }
        return Path.of(raw).toAbsolutePath().normalize();
    }

    static Object optionalPath(String raw) {
        return raw.isBlank() ? Optional.empty() : Optional.of(Path.of(raw).toAbsolutePath().normalize());
    }

    static Object jdbcUrl(String raw) {
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        if (!raw.startsWith("jdbc:h2:") && !raw.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("expected a jdbc:h2: or jdbc:postgresql: URL");
        }
        return Optional.of(raw);
    }

    static Object text(String raw) {
        return raw;
    }

    static Object masterKey(String raw) {
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        byte[] key;
        try {
            key = raw.contains("-") || raw.contains("_")
                    ? Base64.getUrlDecoder().decode(raw) : Base64.getDecoder().decode(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected base64 of 32 bytes");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException("expected base64 of 32 bytes, got " + key.length + " bytes");
        }
        return Optional.of(key);
    }

    static Object bool(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    static Object accessTokenTtl(String raw) {
        return TokenLifetimeBounds.ACCESS_TOKEN.parse(integer(raw));
    }

    static Object sessionTtl(String raw) {
        return seconds(raw, 60, 2_592_000);
    }

    static Object refreshTtl(String raw) {
        return TokenLifetimeBounds.REFRESH_TOKEN.parse(integer(raw));
    }

    private static Duration seconds(String raw, int min, int max) {
        int seconds = integer(raw);
        if (seconds < min || seconds > max) {
            throw new IllegalArgumentException("expected a number of seconds between " + min + " and " + max);
        }
        return Duration.ofSeconds(seconds);
    }

    static Object auditRetention(String raw) {
        int days = integer(raw);
        if (days < 1 || days > 3650) {
            throw new IllegalArgumentException("expected a number of days between 1 and 3650");
        }
        return Duration.ofDays(days);
    }

    static Object postureDays(String raw) {
        int days = integer(raw);
        if (days < 1 || days > 3650) {
            throw new IllegalArgumentException("expected a number of days between 1 and 3650");
        }
        return Duration.ofDays(days);
    }

    static Object recentSignIn(String raw) {
        int minutes = integer(raw);
        if (minutes < 1 || minutes > 60) {
            throw new IllegalArgumentException("expected a number of minutes between 1 and 60");
        }
        return Duration.ofMinutes(minutes);
    }

    static Object adminPassword(String raw) {
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        if (raw.length() < 12) {
            throw new IllegalArgumentException("must be at least 12 characters long");
        }
        return Optional.of(Secret.of(raw));
    }

    static Object keyRotationPeriod(String raw) {
        int days = integer(raw);
        if (days < 1 || days > 365) {
            throw new IllegalArgumentException("expected a number of days between 1 and 365");
        }
        return Duration.ofDays(days);
    }

    static Object signingAlgorithms(String raw) {
        List<SigningAlgorithm> algorithms = new ArrayList<>();
        for (String name : raw.split(",", -1)) {
            SigningAlgorithm algorithm = SigningAlgorithm.byName(name.trim()).orElseThrow(() ->
                    new IllegalArgumentException("expected a comma-separated list of RS256, PS256 and ES256"));
            if (algorithms.contains(algorithm)) {
                throw new IllegalArgumentException(algorithm + " is listed twice");
            }
            algorithms.add(algorithm);
        }
        return List.copyOf(algorithms);
    }

    static Object cryptoProvider(String raw) {
        return CryptoProvider.parse(raw);
    }

    static Object proxies(String raw) {
        return TrustedProxies.parse(raw);
    }

    private static int integer(String raw) {
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number");
        }
    }
}
