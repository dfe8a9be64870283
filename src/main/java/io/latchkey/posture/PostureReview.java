package io.latchkey.posture;

import io.latchkey.security.RedactedLog;
import io.latchkey.store.ConfigurationCache;
import io.latchkey.store.ConfigurationChanges;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The posture review: every rule, in one visible list, run against the state read now; findings most urgent first.
 * What {@code GET /api/admin/posture} answers and what the start-up log summarises.
 */
public final class PostureReview {
    /** The rules, in the order their findings are listed within one severity. */
    public static final List<PostureRule> RULES = List.of(
            new AdminScopeOnService(),
            new InsecureRedirectUris(),
            new DisabledWithLiveTokens(),
            new IdleAdministrator(),
            new OverdueSecretRotation(),
            new NeedlessSecretOverlap(),
            new BroadReferenceTokenPolicy(),
            new PublicClientRefreshTokens(),
            new FrontChannelResponseTypes(),
            new PasswordGrantAllowed(),
            new ImplicitByFragment(),
            new OptionalPkce(),
            new LongLivedAccessTokens(),
            new UnusedApplication(),
            new UnusedScopes());

    private static final Logger LOG = RedactedLog.of(PostureReview.class);

    private final Supplier<PostureState> state;

    private final Supplier<Report> latest;

    /** @param state reads the current state (a database read per review); {@link #latest} reviews each time */
    public PostureReview(Supplier<PostureState> state) {
        this.state = state;
        this.latest = this::review;
    }

    /**
     * A review whose {@link #latest} report is kept until an application or scope changes ({@code changes}: at once
     * on this node, within {@link ConfigurationChanges#CHECK_INTERVAL} on the others), an account changes
     * ({@code accountsMark} moves: one aggregate query per use) or {@link ConfigurationCache#MAXIMUM_AGE} passes
     * (what no command changes: tokens issued and revoked, sign-ins, time).
     */
    public PostureReview(Supplier<PostureState> state, ConfigurationChanges changes, Supplier<String> accountsMark,
                         Clock clock) {
        this.state = state;
        ConfigurationCache<String, Report> reports = new ConfigurationCache<>(changes,
                ConfigurationChanges.Kind.APPLICATIONS, 1, clock);
        changes.onChange(ConfigurationChanges.Kind.SCOPES, reports::drop);
        this.latest = () -> {
            changes.catchUp(ConfigurationChanges.Kind.SCOPES);
            return reports.get(accountsMark.get(), mark -> review());
        };
    }

    /** The report of a recent review, for summaries shown on every page load (the console's overview). */
    public Report latest() {
        return latest.get();
    }

    /** The findings of every rule and their counts by severity (every severity counted, zeros included). */
    public record Report(Instant reviewedAt, Map<Severity, Integer> counts, List<Finding> findings) {
        public Report {
            counts = Map.copyOf(counts);
            findings = List.copyOf(findings);
        }
    }

    public Report review() {
        PostureState now = state.get();
        List<Finding> findings = new ArrayList<>();
        for (PostureRule rule : RULES) {
            findings.addAll(rule.check(now));
        }
        findings.sort(Comparator.comparing(Finding::severity));
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            counts.put(severity, 0);
        }
        findings.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
        return new Report(now.now(), counts, findings);
    }

    /** Reviews now and writes the summary to the log (at start-up); a failure to review never stops the server. */
    public void logSummary() {
        Report report;
        try {
            report = review();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "posture review failed: " + e, e);
            return;
        }
        log(report, LOG);
    }

    /**
     * Writes the summary to {@code log}: one line per severity with its count, then one line per high finding (its
     * rule, subject and summary; findings carry no secrets).
     */
    public static void log(Report report, Logger log) {
        for (Severity severity : Severity.values()) {
            int count = report.counts().get(severity);
            String line = "posture review: " + count + " " + severity.wireName() + " finding" + (count == 1 ? "" : "s")
                    + (count > 0 ? " (GET /api/admin/posture)" : "");
            if (severity == Severity.HIGH && count > 0) {
                log.warning(line);
            } else {
                log.info(line);
            }
        }
        report.findings().stream().filter(f -> f.severity() == Severity.HIGH).forEach(f -> log.warning(
                "posture review: high: " + f.rule() + " " + f.subject().kind().wireName() + ":" + f.subject().id()
                        + ": " + f.summary()));
    }
}
