package io.latchkey.posture;

import io.latchkey.client.ApplicationDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scopes an enabled application may be granted but no token issued by a grant carried in
 * {@code LATCHKEY_POSTURE_UNUSED_DAYS}, while it did get tokens in that time: access it holds and does not use
 * (least privilege). Low. Only applications that got a token from a grant recently are judged (an unused one is
 * {@link UnusedApplication}'s; personal and service access tokens do not record their scopes here).
 */
public final class UnusedScopes implements PostureRule {
    public static final String ID = "unused_scopes";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(PostureState state) {
        List<Finding> findings = new ArrayList<>();
        Instant since = state.unusedSince();
        for (PostureState.ApplicationUse use : state.applications()) {
            ApplicationDefinition definition = use.application().definition();
            boolean usedLately = use.lastTokenIssuedAt().map(at -> !at.isBefore(since)).orElse(false);
            if (!definition.enabled() || !usedLately || !use.observedLongEnough(state)) {
                continue;
            }
            List<String> unused = definition.scopes().stream()
                    .filter(scope -> use.scopesLastGranted().getOrDefault(scope, Instant.MIN).isBefore(since))
                    .toList();
            if (unused.isEmpty()) {
                continue;
            }
            List<String> kept = definition.scopes().stream().filter(s -> !unused.contains(s)).toList();
            List<String> keptDefaults = definition.defaultScopes().stream().filter(s -> !unused.contains(s)).toList();
            List<Finding.Fact> evidence = new ArrayList<>();
            for (String scope : unused) {
                evidence.add(Finding.Fact.of("scope " + scope + " last granted at", use.scopesLastGranted()
                        .containsKey(scope) ? use.scopesLastGranted().get(scope).toString() : "never"));
            }
            evidence.add(Finding.Fact.of("last_token_issued_at", use.lastTokenIssuedAt().orElseThrow()));
            evidence.add(Finding.Fact.of("unused_days", state.unusedAfter().toDays()));
            findings.add(new Finding(ID, Severity.LOW, Finding.Subject.application(use.clientId()),
                    use.clientId() + " may be granted " + String.join(", ", unused) + " but no token carried "
                            + (unused.size() == 1 ? "it" : "them") + " in " + state.unusedAfter().toDays() + " days",
                    evidence, Finding.Fix.patchApplication(use.clientId(), use.application().version(),
                            Map.of("scopes", kept, "default_scopes", keptDefaults),
                            "Take the unused scopes away (the application may ask for them again later)")));
        }
        return findings;
    }
}
