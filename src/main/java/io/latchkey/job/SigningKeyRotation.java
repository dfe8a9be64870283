package io.latchkey.job;

import io.latchkey.key.KeyRing;
import java.time.Duration;
import java.time.Instant;

/**
 * The signing keys' schedule as a background job: once a minute one node moves the keys that are due (a next key
 * takes over, a retiring key is retired, a new next key is made) through {@link KeyRing#rotateIfDue(Instant)}.
 * The key ring also checks on its own reads, so a change is never later than the first token signed after it is
 * due; the job makes sure it happens on a quiet cluster too.
 */
public final class SigningKeyRotation implements Job {
    public static final String NAME = "signing-key-rotation";

    private final KeyRing keys;

    public SigningKeyRotation(KeyRing keys) {
        this.keys = keys;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration period() {
        return Duration.ofMinutes(1);
    }

    @Override
    public void run(Instant now) {
        keys.rotateIfDue(now);
    }
}
