package io.latchkey.posture;

import java.util.List;
import java.util.Map;

/**
 * An application allowed the resource owner password grant (a documented exception; RFC 9700 §2.4: it MUST NOT be
 * used). Medium while the server has the grant on ({@code LATCHKEY_PASSWORD_GRANT}), info while it is off (the
 * permission lies dormant until someone turns the grant on).
 */
public final class PasswordGrantAllowed implements PostureRule {
    public static final String ID = "password_grant_allowed";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(PostureState state) {
        return state.applications().stream()
                .filter(use -> use.application().definition().passwordGrant())
                .map(use -> new Finding(ID, state.passwordGrantEnabled() ? Severity.MEDIUM : Severity.INFO,
                        Finding.Subject.application(use.clientId()),
                        use.clientId() + " may use the password grant"
                                + (state.passwordGrantEnabled() ? "" : " (off on this server for now)"),
                        List.of(Finding.Fact.of("password_grant", true),
                                Finding.Fact.of("LATCHKEY_PASSWORD_GRANT", state.passwordGrantEnabled())),
                        Finding.Fix.patchApplication(use.clientId(), use.application().version(),
                                Map.of("password_grant", false),
                                "Take the password grant away (sign people in with the authorization code flow)")))
                .toList();
    }
}
