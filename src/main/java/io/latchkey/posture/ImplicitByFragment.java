package io.latchkey.posture;

import java.util.List;
import java.util.Map;

/**
 * An application allowed to receive implicit or hybrid responses in the URI fragment instead of by form_post (a
 * documented exception): the tokens land in browser history and can leak through referrers and scripts. Low.
 */
public final class ImplicitByFragment implements PostureRule {
    public static final String ID = "implicit_by_fragment";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(PostureState state) {
        return state.applications().stream()
                .filter(use -> use.application().definition().implicitByFragment())
                .map(use -> new Finding(ID, Severity.LOW, Finding.Subject.application(use.clientId()),
                        use.clientId() + " may receive tokens in the URI fragment",
                        List.of(Finding.Fact.of("implicit_by_fragment", true)),
                        Finding.Fix.patchApplication(use.clientId(), use.application().version(),
                                Map.of("implicit_by_fragment", false), "Deliver its tokens by form_post only")))
                .toList();
    }
}
