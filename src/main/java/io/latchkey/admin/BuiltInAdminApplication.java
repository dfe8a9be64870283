package io.latchkey.admin;

import io.latchkey.audit.Actor;
import io.latchkey.client.AccessTokenPolicy;
import io.latchkey.client.PkcePolicy;
import io.latchkey.client.ApplicationCatalog;
import io.latchkey.client.ApplicationCommands;
import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.ClientType;
import io.latchkey.client.ResponseType;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.security.RedactedLog;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The application administrators issue their personal access tokens for, so that a fresh installation can be
 * administered through the API at once: {@value #CLIENT_ID}, an m2m application with the admin API's scopes whose
 * tokens only administrators may issue ({@code AdministratorsOnly}). It is created once, when absent, and then
 * belongs to the operators like any other (they may disable or delete it). Its generated secret is shown to
 * nobody, so nothing signs in with it through client credentials until an operator rotates it on purpose.
 */
public final class BuiltInAdminApplication {
    public static final String CLIENT_ID = "latchkey-admin";
    private static final Logger LOG = RedactedLog.of(BuiltInAdminApplication.class);

    private BuiltInAdminApplication() {
    }

    public static ApplicationDefinition definition() {
        Set<String> scopes = Set.of(ScopeCatalog.ADMIN, ScopeCatalog.ADMIN_READ);
        return new ApplicationDefinition(CLIENT_ID, "Latchkey admin API", ClientType.M2M, List.of(), List.of(),
                scopes, Set.of(), Optional.empty(), true, AccessTokenPolicy.ADMINISTRATORS_ONLY,
                false, false, false, ApplicationInput.DEFAULT_MAX_TOKEN_LIFETIME_DAYS, false, Set.of(ResponseType.CODE),
                false, PkcePolicy.REQUIRED, false);
    }

    /**
     * Creates the application unless it exists. Needs the admin scopes to exist (the start-up import creates the
     * built-in scopes first). A concurrent start-up on another node that created it first is no failure.
     */
    public static void ensure(ApplicationCommands commands, ApplicationCatalog catalog) {
        if (catalog.find(CLIENT_ID).isPresent()) {
            return;
        }
        ApplicationCommands.Outcome outcome = commands.create(Actor.SYSTEM, definition());
        if (outcome instanceof ApplicationCommands.Done) {
            LOG.info(() -> "created the application " + CLIENT_ID + ": administrators issue personal access tokens "
                    + "for the admin API with it at /account/tokens");
        } else if (!(outcome instanceof ApplicationCommands.AlreadyExists)) {
            throw new IllegalStateException("cannot create the application " + CLIENT_ID + ": " + outcome);
        }
    }
}
