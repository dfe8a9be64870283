package io.latchkey.posture;

import io.latchkey.client.ApplicationView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the posture rules judge, read at one instant: the server-wide switches, the thresholds (settings), each
 * application with what is known of its use, and each administrator with their last sign-in.
 *
 * @param unusedAfter           an application, scope or reference-token policy unused this long is reported
 *                              ({@code LATCHKEY_POSTURE_UNUSED_DAYS}); also how long an administrator may go
 *                              without signing in
 * @param secretRotationPeriod  a current secret older than this is due for rotation
 *                              ({@code LATCHKEY_SECRET_ROTATION_PERIOD})
 */
public record PostureState(Instant now, boolean devMode, boolean passwordGrantEnabled, Duration unusedAfter,
                           Duration secretRotationPeriod, List<ApplicationUse> applications,
                           List<Administrator> administrators) {

    public PostureState {
        Objects.requireNonNull(now, "now");
        applications = List.copyOf(applications);
        administrators = List.copyOf(administrators);
    }

    /** The instant before which a use counts as too old. */
    public Instant unusedSince() {
        return now.minus(unusedAfter);
    }

    /**
     * One application and its use. {@code observedSince}: since when token issuance is recorded for it (its creation,
     * or the upgrade that began recording, whichever is later) — nothing unused is reported before that is
     * {@code unusedAfter} old. {@code lastTokenIssuedAt}: the last access token a grant issued it (to the hour);
     * {@code scopesLastGranted}: per scope, the last token that carried it (to the hour). The reference-token facts
     * come from the personal and service access tokens still stored (expired ones are purged).
     */
    public record ApplicationUse(ApplicationView application, Instant observedSince, Optional<Instant> lastTokenIssuedAt,
                                 Map<String, Instant> scopesLastGranted, Optional<Instant> lastReferenceTokenIssuedAt,
                                 Optional<Instant> lastPersonalTokenByNonAdministrator, long liveRefreshTokens,
                                 long liveReferenceTokens) {
        public ApplicationUse {
            Objects.requireNonNull(application, "application");
            scopesLastGranted = Map.copyOf(scopesLastGranted);
        }

        public String clientId() {
            return application.definition().clientId();
        }

        /** The last token of any kind issued for it: by a grant, or a personal or service access token. */
        public Optional<Instant> lastAnyTokenIssuedAt() {
            if (lastTokenIssuedAt.isEmpty()) {
                return lastReferenceTokenIssuedAt;
            }
            if (lastReferenceTokenIssuedAt.isEmpty()) {
                return lastTokenIssuedAt;
            }
            return Optional.of(lastTokenIssuedAt.get().isAfter(lastReferenceTokenIssuedAt.get())
                    ? lastTokenIssuedAt.get() : lastReferenceTokenIssuedAt.get());
        }

        /** Whether it has been watched for at least {@code unusedAfter} (else "unused" means nothing yet). */
        public boolean observedLongEnough(PostureState state) {
            return !observedSince.isAfter(state.unusedSince());
        }
    }

    /** An enabled administrator account, its version (for the fix's If-Match) and its last successful sign-in. */
    public record Administrator(String username, long version, Instant createdAt, Optional<Instant> lastSignIn) {
    }
}
