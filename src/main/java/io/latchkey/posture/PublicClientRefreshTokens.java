package io.latchkey.posture;

import io.latchkey.client.ApplicationDefinition;
import java.util.List;
import java.util.Map;

/**
 * A public application (SPA or native) allowed refresh tokens: a token in a browser or on a device that outlives the
 * access token, with no secret to bind it to the application (RFC 9700 §4.14.2). Latchkey rotates them and revokes
 * the family on reuse, so this is an exception an operator may make; medium, because a stolen one works until then.
 */
public final class PublicClientRefreshTokens implements PostureRule {
    public static final String ID = "public_client_refresh_tokens";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(PostureState state) {
        return state.applications().stream()
                .filter(use -> {
                    ApplicationDefinition d = use.application().definition();
                    return !d.type().confidential() && d.type().interactive() && d.refreshTokens();
                })
                .map(use -> new Finding(ID, Severity.MEDIUM, Finding.Subject.application(use.clientId()),
                        "the public application " + use.clientId() + " may hold refresh tokens",
                        List.of(Finding.Fact.of("type", use.application().definition().type().wireName()),
                                Finding.Fact.of("refresh_tokens", true)),
                        Finding.Fix.patchApplication(use.clientId(), use.application().version(),
                                Map.of("refresh_tokens", false),
                                "Stop issuing refresh tokens to it (people sign in again when the access token "
                                        + "expires)")))
                .toList();
    }
}
