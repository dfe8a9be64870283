package io.latchkey.posture;

import io.latchkey.client.PkcePolicy;
import java.util.List;
import java.util.Map;

/**
 * A confidential web application allowed to send OpenID Connect code requests without PKCE (a documented exception:
 * RFC 9700 §2.1.1 lets such a client rely on the nonce). Low: PKCE also stops code injection for it.
 */
public final class OptionalPkce implements PostureRule {
    public static final String ID = "pkce_optional";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(PostureState state) {
        return state.applications().stream()
                .filter(use -> use.application().definition().pkce() == PkcePolicy.OPTIONAL)
                .map(use -> new Finding(ID, Severity.LOW, Finding.Subject.application(use.clientId()),
                        use.clientId() + " may send authorization requests without PKCE",
                        List.of(Finding.Fact.of("pkce", PkcePolicy.OPTIONAL.wireName())),
                        Finding.Fix.patchApplication(use.clientId(), use.application().version(),
                                Map.of("pkce", PkcePolicy.REQUIRED.wireName()),
                                "Require PKCE (once the relying party sends code_challenge)")))
                .toList();
    }
}
