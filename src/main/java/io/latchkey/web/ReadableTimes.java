package io.latchkey.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * How every page shows an instant to people: in the server's time zone, named, to the minute, short enough for a
 * phone ({@code 6 Dec 2026, 14:05 UTC}); and the same instant for a {@code <time datetime>} attribute, to the second
 * in UTC. Templates reach it as {@code #times} ({@link PageDialect}). The pages run no script, so the browser's own
 * zone is not known: the zone's name says which one the time is in.
 */
public final class ReadableTimes {
    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm z", Locale.ENGLISH);

    private final ZoneId zone;

    /** {@code Z}, {@code Etc/UTC} and {@code GMT0} all show as {@code UTC}. */
    public ReadableTimes(ZoneId zone) {
        this.zone = ZoneOffset.UTC.equals(zone.normalized()) ? ZoneId.of("UTC") : zone;
    }

    /** In the zone the server runs in. */
    public static ReadableTimes ofServerZone() {
        return new ReadableTimes(ZoneId.systemDefault());
    }

    /** {@code 6 Dec 2026, 14:05 UTC}; empty for null. Seconds and below are cut, not rounded. */
    public String of(Instant instant) {
        return instant == null ? "" : READABLE.format(instant.truncatedTo(ChronoUnit.MINUTES).atZone(zone));
    }

    /** {@link #of(Instant)}, or {@code never} when there is no instant. */
    public String orNever(Optional<Instant> instant) {
        return instant == null || instant.isEmpty() ? "never" : of(instant.get());
    }

    /** For {@code <time datetime>}: {@code 2026-12-06T14:05:09Z}; empty for null. */
    public String machine(Instant instant) {
        return instant == null ? "" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
