package io.latchkey.web.admin;

import io.latchkey.consent.ScopeCommands;
import io.latchkey.web.LoginPage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/apis}: what the admin API's {@code GET /api/admin/apis} lists — every API (the audience its scopes
 * give a token) with its scopes, the scopes of no API first, each scope linking to its page on
 * {@link ScopesPage}. An API is not defined on its own: it is changed by changing its scopes' API there.
 */
@Singleton
@Path("admin/apis")
@Produces(MediaType.TEXT_HTML)
public final class ApisPage {
    static final String PATH = "/admin/apis";

    private final ConsoleAccess access;
    private final ScopeCommands commands;

    @Inject
    public ApisPage(ConsoleAccess access, ScopeCommands commands) {
        this.access = access;
        this.commands = commands;
    }

    /** An API as the page shows it: its audience (empty for none) and its scopes, each with its page's path. */
    public record Shown(String audience, List<ShownScope> scopes) {
    }

    public record ShownScope(String name, String description, String path) {
    }

    static Shown shown(ScopeCommands.Api api) {
        return new Shown(api.audience().orElse(""), api.scopes().stream()
                .map(s -> new ShownScope(s.name(), s.description(), ScopesPage.pageOf(s.name()))).toList());
    }

    @GET
    public Response list(@Context HttpHeaders headers) {
        return access.page(headers, PATH, administrator -> ConsoleAccess.page("admin/apis", Map.of(
                "accountName", LoginPage.nameOf(administrator.account()),
                "apis", commands.apis().stream().map(ApisPage::shown).toList()), 200));
    }
}
