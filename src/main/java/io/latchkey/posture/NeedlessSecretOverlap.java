package io.latchkey.posture;

import io.latchkey.client.ApplicationView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rotated-out secret still live in its overlap although its callers have moved on: the current secret is in use,
 * and the old one has not been presented for {@link #QUIET} (or never since it was rotated out). Every live secret
 * is one more that can leak; medium: retire it now. (Last uses are noted to the minute, per node.)
 */
public final class NeedlessSecretOverlap implements PostureRule {
    public static final String ID = "secret_overlap_unneeded";
    /** How long a rotated-out secret must have been silent while the current one was used. */
    public static final Duration QUIET = Duration.ofDays(1);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(PostureState state) {
        List<Finding> findings = new ArrayList<>();
        for (PostureState.ApplicationUse use : state.applications()) {
            Optional<ApplicationView.SecretView> current = use.application().secrets().stream()
                    .filter(ApplicationView.SecretView::current).findFirst();
            Optional<Instant> currentUsed = current.flatMap(ApplicationView.SecretView::lastUsedAt);
            if (currentUsed.isEmpty()) {
                continue;
            }
            for (ApplicationView.SecretView secret : use.application().secrets()) {
                boolean live = secret.expiresAt().map(end -> state.now().isBefore(end)).orElse(false);
                Instant lastUse = secret.lastUsedAt().orElse(Instant.MIN);
                boolean silent = lastUse.isBefore(state.now().minus(QUIET)) && lastUse.isBefore(currentUsed.get());
                if (!live || !silent) {
                    continue;
                }
                findings.add(new Finding(ID, Severity.MEDIUM, Finding.Subject.application(use.clientId()),
                        "a rotated-out secret of " + use.clientId() + " still works though its callers use the new one",
                        List.of(Finding.Fact.of("secret_id", secret.id()),
                                Finding.Fact.of("secret_expires_at", secret.expiresAt().orElseThrow()),
                                Finding.Fact.of("secret_last_used_at",
                                        secret.lastUsedAt().map(Object::toString).orElse("never")),
                                Finding.Fact.of("current_secret_last_used_at", currentUsed.get())),
                        new Finding.Fix("DELETE", "/api/admin/applications/" + use.clientId() + "/secrets/"
                                + secret.id(), Optional.empty(), Optional.empty(), "Retire the old secret now")));
            }
        }
        return findings;
    }
}
