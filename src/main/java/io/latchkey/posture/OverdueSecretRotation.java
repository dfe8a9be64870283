package io.latchkey.posture;

import io.latchkey.client.ApplicationView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A current client secret older than {@code LATCHKEY_SECRET_ROTATION_PERIOD} (default 90 days): the longer a secret
 * lives, the more places it has been copied to. Medium: rotate it (the previous one keeps working for the overlap).
 */
public final class OverdueSecretRotation implements PostureRule {
    public static final String ID = "secret_rotation_overdue";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(PostureState state) {
        List<Finding> findings = new ArrayList<>();
        for (PostureState.ApplicationUse use : state.applications()) {
            for (ApplicationView.SecretView secret : use.application().secrets()) {
                if (!secret.current() || !secret.createdAt().isBefore(state.now().minus(state.secretRotationPeriod()))) {
                    continue;
                }
                findings.add(new Finding(ID, Severity.MEDIUM, Finding.Subject.application(use.clientId()),
                        "the secret of " + use.clientId() + " is older than "
                                + state.secretRotationPeriod().toDays() + " days",
                        List.of(Finding.Fact.of("secret_id", secret.id()),
                                Finding.Fact.of("secret_created_at", secret.createdAt()),
                                Finding.Fact.of("secret_last_used_at",
                                        secret.lastUsedAt().map(Object::toString).orElse("never")),
                                Finding.Fact.of("rotation_period_days", state.secretRotationPeriod().toDays())),
                        new Finding.Fix("POST", "/api/admin/applications/" + use.clientId() + "/secrets",
                                Optional.empty(), Optional.empty(),
                                "Rotate the secret: the new one is shown once, the old one keeps working for the "
                                        + "overlap (overlap_seconds, or the default)")));
            }
        }
        return findings;
    }
}
