package io.latchkey.posture;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A disabled application that still has live refresh tokens or reference tokens: refused while it stays disabled,
 * but they work again the moment someone enables it. Medium: revoke them. The fix revokes its refresh token families
 * in one call; reference tokens are revoked one by one from {@code GET /api/admin/tokens?application=...}.
 */
public final class DisabledWithLiveTokens implements PostureRule {
    public static final String ID = "disabled_with_live_tokens";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(PostureState state) {
        return state.applications().stream()
                .filter(use -> !use.application().definition().enabled())
                .filter(use -> use.liveRefreshTokens() + use.liveReferenceTokens() > 0)
                .map(use -> new Finding(ID, Severity.MEDIUM, Finding.Subject.application(use.clientId()),
                        "the disabled application " + use.clientId() + " still has live tokens",
                        List.of(Finding.Fact.of("live_refresh_tokens", use.liveRefreshTokens()),
                                Finding.Fact.of("live_reference_tokens", use.liveReferenceTokens())),
                        use.liveRefreshTokens() > 0
                                ? new Finding.Fix("POST", "/api/admin/refresh-token-families/revoke", Optional.empty(),
                                        Optional.of(Map.of("application", use.clientId())),
                                        "Revoke its refresh token families"
                                                + (use.liveReferenceTokens() > 0 ? ", then its reference tokens" : ""))
                                : new Finding.Fix("GET", "/api/admin/tokens?application=" + use.clientId(),
                                        Optional.empty(), Optional.empty(),
                                        "Revoke each listed token with POST /api/admin/tokens/{id}/revoke")))
                .toList();
    }
}
