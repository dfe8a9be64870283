package io.latchkey.posture;

import java.util.List;
import java.util.Optional;

/**
 * An enabled application that has had no token issued (by a grant, or a personal or service access token) for
 * {@code LATCHKEY_POSTURE_UNUSED_DAYS}: its secrets and grants are attack surface nobody needs. Low: disable it, and
 * delete it once nobody misses it. Not reported before it has been watched that long.
 */
public final class UnusedApplication implements PostureRule {
    public static final String ID = "unused_application";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(PostureState state) {
        return state.applications().stream()
                .filter(use -> use.application().definition().enabled())
                .filter(use -> use.observedLongEnough(state))
                .filter(use -> use.lastAnyTokenIssuedAt().map(at -> at.isBefore(state.unusedSince())).orElse(true))
                .map(use -> new Finding(ID, Severity.LOW, Finding.Subject.application(use.clientId()),
                        "no token was issued for " + use.clientId() + " in " + state.unusedAfter().toDays() + " days",
                        List.of(Finding.Fact.of("created_at", use.application().createdAt()),
                                Finding.Fact.of("observed_since", use.observedSince()),
                                Finding.Fact.of("last_token_issued_at",
                                        use.lastAnyTokenIssuedAt().map(Object::toString).orElse("never")),
                                Finding.Fact.of("unused_days", state.unusedAfter().toDays())),
                        new Finding.Fix("POST", "/api/admin/applications/" + use.clientId() + "/disable",
                                Optional.of(use.application().version()), Optional.empty(),
                                "Disable the application; delete it once nobody has missed it")))
                .toList();
    }
}
