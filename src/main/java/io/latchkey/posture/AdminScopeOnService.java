package io.latchkey.posture;

import io.latchkey.admin.BuiltInAdminApplication;
import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.ApplicationView;
import io.latchkey.client.ClientType;
import io.latchkey.consent.ScopeCatalog;
import java.util.List;
import java.util.Map;

/**
 * An enabled m2m application that may get {@code latchkey:admin} through client credentials: whoever holds its
 * secret can change every application, account and key. High: take the scope away, or give it
 * {@code latchkey:admin.read} when it only reads. The built-in admin application is exempt while none of its
 * secrets has ever been used (its generated secret is shown to nobody: only administrators' tokens use it).
 */
public final class AdminScopeOnService implements PostureRule {
    public static final String ID = "service_with_admin_scope";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(PostureState state) {
        return state.applications().stream()
                .filter(use -> {
                    ApplicationDefinition d = use.application().definition();
                    return d.enabled() && d.type() == ClientType.M2M && d.scopes().contains(ScopeCatalog.ADMIN)
                            && !(d.clientId().equals(BuiltInAdminApplication.CLIENT_ID) && neverUsed(use.application()));
                })
                .map(use -> {
                    ApplicationDefinition d = use.application().definition();
                    return new Finding(ID, Severity.HIGH, Finding.Subject.application(use.clientId()),
                            "the service " + use.clientId() + " may use the admin API with client credentials",
                            List.of(Finding.Fact.of("type", d.type().wireName()),
                                    Finding.Fact.of("scope", ScopeCatalog.ADMIN)),
                            Finding.Fix.patchApplication(use.clientId(), use.application().version(),
                                    Map.of("scopes", d.scopes().stream().filter(s -> !s.equals(ScopeCatalog.ADMIN)).toList(),
                                            "default_scopes", d.defaultScopes().stream()
                                                    .filter(s -> !s.equals(ScopeCatalog.ADMIN)).toList()),
                                    "Take latchkey:admin away (add latchkey:admin.read if it only reads)"));
                })
                .toList();
    }

    private static boolean neverUsed(ApplicationView application) {
        return application.secrets().stream().allMatch(secret -> secret.lastUsedAt().isEmpty());
    }
}
