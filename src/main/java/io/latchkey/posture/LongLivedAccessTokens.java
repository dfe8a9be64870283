package io.latchkey.posture;

import io.latchkey.client.TokenLifetimes;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * An application whose own access token lifetime exceeds one hour: its bearer tokens (JWTs, which cannot be taken
 * back before they expire) stay usable longer than the product's short-lived default, so a leaked one is worth more
 * (RFC 9700 §4.14: short-lived access tokens limit the damage of a leak). Low: a deliberate, documented choice, but
 * one to review; the fix shortens them to an hour.
 */
public final class LongLivedAccessTokens implements PostureRule {
    public static final String ID = "long_lived_access_tokens";
    /** The longest access token lifetime that raises no finding. */
    public static final Duration SHORT_LIVED = Duration.ofHours(1);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(PostureState state) {
        return state.applications().stream()
                .filter(use -> use.application().definition().lifetimes().accessToken()
                        .filter(lifetime -> lifetime.compareTo(SHORT_LIVED) > 0).isPresent())
                .map(use -> {
                    TokenLifetimes lifetimes = use.application().definition().lifetimes();
                    long seconds = lifetimes.accessToken().orElseThrow().toSeconds();
                    return new Finding(ID, Severity.LOW, Finding.Subject.application(use.clientId()),
                            use.clientId() + "'s access tokens live " + seconds + " seconds, longer than an hour",
                            List.of(Finding.Fact.of("access_token_lifetime", seconds)),
                            Finding.Fix.patchApplication(use.clientId(), use.application().version(),
                                    Map.of("access_token_lifetime", SHORT_LIVED.toSeconds()),
                                    "Shorten its access tokens to one hour (clients refresh them instead)"));
                })
                .toList();
    }
}
