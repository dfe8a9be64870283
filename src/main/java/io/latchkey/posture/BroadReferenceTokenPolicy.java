package io.latchkey.posture;

import io.latchkey.admin.BuiltInAdminApplication;
import io.latchkey.client.AccessTokenPolicy;
import io.latchkey.client.ApplicationDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An application whose reference-token policy ({@code access_tokens}) lets more people issue personal or service
 * access tokens than do, judged over {@code LATCHKEY_POSTURE_UNUSED_DAYS} from the tokens still stored:
 * <ul>
 * <li>{@code AuthenticatedUsers} while no one but administrators issued a personal access token: medium (every
 * person may mint long-lived tokens); fix: {@code AdministratorsOnly}, or {@code None} when administrators did not
 * issue any either;</li>
 * <li>{@code AdministratorsOnly} while nobody issued one: low; fix: {@code None}. The built-in admin application is
 * exempt: issuing administrators' tokens is what it is for.</li>
 * </ul>
 */
public final class BroadReferenceTokenPolicy implements PostureRule {
    public static final String ID = "reference_token_policy_broader_than_use";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(PostureState state) {
        List<Finding> findings = new ArrayList<>();
        for (PostureState.ApplicationUse use : state.applications()) {
            ApplicationDefinition definition = use.application().definition();
            if (!definition.enabled() || !use.observedLongEnough(state)) {
                continue;
            }
            boolean anyRecent = recent(use.lastReferenceTokenIssuedAt(), state);
            boolean personRecent = recent(use.lastPersonalTokenByNonAdministrator(), state);
            AccessTokenPolicy narrower;
            Severity severity;
            if (definition.accessTokens() == AccessTokenPolicy.AUTHENTICATED_USERS && !personRecent) {
                narrower = anyRecent ? AccessTokenPolicy.ADMINISTRATORS_ONLY : AccessTokenPolicy.NONE;
                severity = Severity.MEDIUM;
            } else if (definition.accessTokens() == AccessTokenPolicy.ADMINISTRATORS_ONLY && !anyRecent
                    && !definition.clientId().equals(BuiltInAdminApplication.CLIENT_ID)) {
                narrower = AccessTokenPolicy.NONE;
                severity = Severity.LOW;
            } else {
                continue;
            }
            findings.add(new Finding(ID, severity, Finding.Subject.application(use.clientId()),
                    use.clientId() + " lets " + (definition.accessTokens() == AccessTokenPolicy.AUTHENTICATED_USERS
                            ? "every person" : "administrators") + " issue access tokens, but "
                            + (anyRecent ? "only administrators did" : "nobody did") + " in "
                            + state.unusedAfter().toDays() + " days",
                    List.of(Finding.Fact.of("access_tokens", definition.accessTokens().wireName()),
                            Finding.Fact.of("last_reference_token_issued_at", shown(use.lastReferenceTokenIssuedAt())),
                            Finding.Fact.of("last_personal_token_by_non_administrator_at",
                                    shown(use.lastPersonalTokenByNonAdministrator())),
                            Finding.Fact.of("unused_days", state.unusedAfter().toDays())),
                    Finding.Fix.patchApplication(use.clientId(), use.application().version(),
                            Map.of("access_tokens", narrower.wireName()),
                            "Narrow who may issue tokens for it to " + narrower.wireName()
                                    + " (tokens already issued keep working until they expire or are revoked)")));
        }
        return findings;
    }

    private static boolean recent(Optional<java.time.Instant> at, PostureState state) {
        return at.map(instant -> !instant.isBefore(state.unusedSince())).orElse(false);
    }

    private static String shown(Optional<java.time.Instant> at) {
        return at.map(Object::toString).orElse("none stored");
    }
}
