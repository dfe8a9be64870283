package io.latchkey.key;

import io.latchkey.config.TokenLifetimeBounds;
import io.latchkey.store.SigningKeyEntity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When signing keys change state (DESIGN §4), as a pure rule over the published keys and the time. For each enabled
 * algorithm there is always one <b>current</b> key that signs and one <b>next</b> key that JWKS already publishes.
 * The next key becomes current once the current one has signed for the rotation period (or a rotation was asked
 * for) <em>and</em> the next key has been published for at least the JWKS cache lifetime, so every verifier that
 * caches JWKS no longer than {@code max-age} already knows it. The key it replaces becomes <b>retiring</b>:
 * published for the longest token lifetime plus the JWKS cache lifetime more (every token it signed has expired by
 * then, and so has every cached JWKS that named it), then <b>retired</b>.
 *
 * @param algorithms           the enabled algorithms, the first the default
 * @param rotationPeriod       how long a key signs before the next one takes over
 * @param jwksMaxAge           how long verifiers may cache JWKS ({@code Cache-Control: max-age})
 * @param longestTokenLifetime the longest lifetime of anything signed (access tokens, ID tokens); as the server
 *                             runs, {@link #LONGEST_SIGNED_TOKEN_LIFETIME}
 */
public record KeySchedule(List<SigningAlgorithm> algorithms, Duration rotationPeriod, Duration jwksMaxAge,
                          Duration longestTokenLifetime) {
    /** 15 minutes: how long verifiers may cache JWKS. */
    public static final Duration JWKS_MAX_AGE = Duration.ofMinutes(15);
    public static final Duration DEFAULT_ROTATION_PERIOD = Duration.ofDays(30);
    /**
     * The longest any signed token may live: the upper bound of an access token's lifetime (24 hours), which an
     * application may have as its own {@code access_token_lifetime} and its ID tokens then too. The bound, not the
     * longest lifetime configured today: an operator may lengthen an application's at any moment, and a retiring
     * key must outlive the tokens it signed before that change was read.
     */
    public static final Duration LONGEST_SIGNED_TOKEN_LIFETIME = TokenLifetimeBounds.ACCESS_TOKEN.longest();

    public KeySchedule {
        algorithms = List.copyOf(algorithms);
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("at least one signing algorithm");
        }
        if (rotationPeriod.compareTo(jwksMaxAge) <= 0) {
            throw new IllegalArgumentException("the rotation period must be longer than the JWKS cache lifetime");
        }
    }

    /** RS256 only, every 30 days, tokens of at most {@code longestTokenLifetime}. */
    public static KeySchedule standard(Duration longestTokenLifetime) {
        return new KeySchedule(List.of(SigningAlgorithm.RS256), DEFAULT_ROTATION_PERIOD, JWKS_MAX_AGE,
                longestTokenLifetime);
    }

    /** The server's schedule: tokens of every application's lifetime verify until they expire. */
    public static KeySchedule forServer(List<SigningAlgorithm> algorithms, Duration rotationPeriod) {
        return new KeySchedule(algorithms, rotationPeriod, JWKS_MAX_AGE, LONGEST_SIGNED_TOKEN_LIFETIME);
    }

    public SigningAlgorithm defaultAlgorithm() {
        return algorithms.get(0);
    }

    /** What the schedule needs to know of a published key. */
    public record Row(String kid, SigningAlgorithm algorithm, String state, Instant createdAt,
                      Optional<Instant> activatedAt, Optional<Instant> rotationRequestedAt,
                      Optional<Instant> retireAfter) {
        public static Optional<Row> of(SigningKeyEntity entity) {
            return SigningAlgorithm.byName(entity.getAlgorithm()).map(algorithm -> new Row(entity.getKid(), algorithm,
                    entity.getStatus(), entity.getCreatedAt(), entity.getActivatedAt(),
                    entity.getRotationRequestedAt(), entity.getRetireAfter()));
        }
    }

    /** A change the schedule calls for. */
    public sealed interface Step {
    }

    /** Make a key of {@code algorithm}: the first current one, or the next one. */
    public record Generate(SigningAlgorithm algorithm, String state) implements Step {
    }

    /** The next key {@code nextKid} begins to sign; the current one ({@code currentKid}, if any) starts retiring. */
    public record Rotate(SigningAlgorithm algorithm, Optional<String> currentKid, String nextKid) implements Step {
    }

    /** A retiring key leaves JWKS. */
    public record Retire(String kid) implements Step {
    }

    /** When a key that stops signing at {@code stoppedSigning} leaves JWKS. */
    public Instant retireAfter(Instant stoppedSigning) {
        return stoppedSigning.plus(longestTokenLifetime).plus(jwksMaxAge);
    }

    /** When the current key {@code current} is due to be replaced (the period, or an earlier request). */
    public Instant rotationDue(Row current) {
        Instant byPeriod = current.activatedAt().orElse(current.createdAt()).plus(rotationPeriod);
        return current.rotationRequestedAt().filter(requested -> requested.isBefore(byPeriod)).orElse(byPeriod);
    }

    /** The earliest a next key made at {@code createdAt} may sign. */
    public Instant earliestSigning(Row next) {
        return next.createdAt().plus(jwksMaxAge);
    }

    /**
     * The changes due at {@code now}, in order, for the published keys {@code published}; empty when nothing is due.
     * Applying them and asking again gives nothing more, so the rule can be applied by any node at any time.
     */
    public List<Step> due(List<Row> published, Instant now) {
        List<Step> steps = new ArrayList<>();
        for (SigningAlgorithm algorithm : algorithms) {
            Optional<Row> current = newest(published, algorithm, SigningKeyEntity.CURRENT);
            Optional<Row> next = newest(published, algorithm, SigningKeyEntity.NEXT);
            if (current.isEmpty() && next.isEmpty()) {
                steps.add(new Generate(algorithm, SigningKeyEntity.CURRENT));
                steps.add(new Generate(algorithm, SigningKeyEntity.NEXT));
            } else if (next.isEmpty()) {
                steps.add(new Generate(algorithm, SigningKeyEntity.NEXT));
            } else if (current.isEmpty()) {
                // The current key was revoked: the next one signs at once (a compromised key cannot wait).
                steps.add(new Rotate(algorithm, Optional.empty(), next.get().kid()));
                steps.add(new Generate(algorithm, SigningKeyEntity.NEXT));
            } else if (!now.isBefore(rotationDue(current.get())) && !now.isBefore(earliestSigning(next.get()))) {
                steps.add(new Rotate(algorithm, Optional.of(current.get().kid()), next.get().kid()));
                steps.add(new Generate(algorithm, SigningKeyEntity.NEXT));
            }
        }
        for (Row row : published) {
            if (row.state().equals(SigningKeyEntity.RETIRING)
                    && row.retireAfter().map(after -> !now.isBefore(after)).orElse(true)) {
                steps.add(new Retire(row.kid()));
            }
        }
        return steps;
    }

    private static Optional<Row> newest(List<Row> rows, SigningAlgorithm algorithm, String state) {
        return rows.stream().filter(r -> r.algorithm() == algorithm && r.state().equals(state))
                .reduce((first, second) -> second);
    }
}
