package io.latchkey.posture;

import java.util.List;
import java.util.Optional;

/**
 * An enabled administrator who has not signed in for {@code LATCHKEY_POSTURE_UNUSED_DAYS} (counted from the
 * account's creation when no sign-in is on the audit trail, which keeps {@code LATCHKEY_AUDIT_RETENTION} days): a
 * dormant account with every power is what an attacker looks for. Medium: take the administrator role away.
 */
public final class IdleAdministrator implements PostureRule {
    public static final String ID = "administrator_without_recent_sign_in";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(PostureState state) {
        return state.administrators().stream()
                .filter(admin -> admin.lastSignIn().orElse(admin.createdAt()).isBefore(state.unusedSince()))
                .map(admin -> new Finding(ID, Severity.MEDIUM, Finding.Subject.account(admin.username()),
                        "the administrator " + admin.username() + " has not signed in for "
                                + state.unusedAfter().toDays() + " days",
                        List.of(Finding.Fact.of("created_at", admin.createdAt()),
                                Finding.Fact.of("last_sign_in_at",
                                        admin.lastSignIn().map(Object::toString).orElse("none on the audit trail")),
                                Finding.Fact.of("unused_days", state.unusedAfter().toDays())),
                        new Finding.Fix("DELETE", "/api/admin/accounts/" + admin.username() + "/admin",
                                Optional.of(admin.version()), Optional.empty(),
                                "Take the administrator role away (give it back when they need it)")))
                .toList();
    }
}
