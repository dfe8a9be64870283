package io.latchkey.posture;

import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.ResponseType;
import java.util.List;
import java.util.Map;

/**
 * An application allowed hybrid or implicit response types (a documented exception: DESIGN §8, for relying parties
 * that cannot do code + PKCE). Medium when an access token travels in the front channel (RFC 9700 §2.1.2: the
 * implicit grant SHOULD NOT be used), low when only an ID token does. Fix: code only.
 */
public final class FrontChannelResponseTypes implements PostureRule {
    public static final String ID = "front_channel_response_types";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(PostureState state) {
        return state.applications().stream()
                .filter(use -> use.application().definition().responseTypes().stream().anyMatch(t -> t != ResponseType.CODE))
                .map(use -> {
                    ApplicationDefinition d = use.application().definition();
                    boolean accessToken = d.responseTypes().stream().anyMatch(ResponseType::issuesAccessToken);
                    List<String> types = d.responseTypes().stream().map(ResponseType::wireName).sorted().toList();
                    return new Finding(ID, accessToken ? Severity.MEDIUM : Severity.LOW,
                            Finding.Subject.application(use.clientId()),
                            use.clientId() + " may use hybrid or implicit response types"
                                    + (accessToken ? ", which put access tokens in the front channel" : ""),
                            List.of(Finding.Fact.of("response_types", String.join(", ", types))),
                            Finding.Fix.patchApplication(use.clientId(), use.application().version(),
                                    Map.of("response_types", List.of(ResponseType.CODE.wireName())),
                                    "Allow the authorization code flow only (once the relying party uses code + PKCE)"));
                })
                .toList();
    }
}
