package io.latchkey.web.admin;

import io.latchkey.client.ApplicationCatalog;
import io.latchkey.client.ApplicationView;
import io.latchkey.consent.ScopeCatalog;
import io.latchkey.consent.ScopeCommands;
import io.latchkey.consent.ScopeDefinitionPolicy;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.error.Violation;
import io.latchkey.web.LoginPage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /admin/scopes}: every scope (name, description, API) with the form for a new one, and a scope's page (the
 * applications that may ask for it, each linking to its page) with the form that changes its description and API (the version the page showed; a stale one is refused with the scope
 * as it is now, 409) and the one that deletes it (a confirmation box and a recent sign-in). Every change goes through
 * {@link ScopeCommands}, as the admin API's do, as the administrator. Latchkey's admin scopes are shown but cannot
 * be changed; the standard OpenID Connect scopes may be reworded but not deleted: the page says why instead of
 * offering the form, and a refused command is shown as its readable reason.
 */
@Singleton
@Path("admin/scopes")
@Produces(MediaType.TEXT_HTML)
public final class ScopesPage {
    static final String PATH = "/admin/scopes";

    private final ConsoleAccess access;
    private final ScopeCommands commands;
    private final ApplicationCatalog applications;

    @Inject
    public ScopesPage(ConsoleAccess access, ScopeCommands commands, ApplicationCatalog applications) {
        this.access = access;
        this.commands = commands;
        this.applications = applications;
    }

    /** A scope as a row of the list: the scope, its page's path, and whether Latchkey keeps it as it is. */
    public record Row(ScopeCommands.StoredScope stored, String path, boolean locked) {
        public ScopeCatalog.Scope scope() {
            return stored.scope();
        }
    }

    @GET
    public Response list(@Context HttpHeaders headers) {
        return access.page(headers, PATH, administrator -> list(administrator, ScopeForm.BLANK, Map.of(), 200));
    }

    /**
     * Creates the scope and shows its page (201). A wrong field shows the list again with the form as typed, each
     * wrong field marked with the rule it broke (400; 409 for a name in use).
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(InputStream body, @Context HttpHeaders headers, @Context HttpServletRequest request) {
        return access.form(headers, body, PATH, (administrator, form) -> {
            ScopeForm typed = ScopeForm.of(form);
            ScopeCommands.Outcome outcome = commands.create(administrator.actor(request), typed.scope());
            if (outcome instanceof ScopeCommands.Invalid invalid) {
                return list(administrator, typed, ScopeForm.fieldErrors(invalid.violations()), 400);
            }
            if (outcome instanceof ScopeCommands.AlreadyExists) {
                return list(administrator, typed, Map.of("name", "is already the name of another scope"), 409);
            }
            String name = ((ScopeCommands.Done) outcome).name();
            return detail(administrator, find(name), Map.of("notice", "The scope was created."), 201);
        });
    }

    @GET
    @Path("{name}")
    public Response scope(@PathParam("name") String name, @Context HttpHeaders headers) {
        return access.page(headers, pageOf(name), administrator -> detail(administrator, find(name), Map.of(), 200));
    }

    /** The description and API; {@code version} is the one the page showed. */
    @POST
    @Path("{name}")
    @Consumes(MediaType.WILDCARD)
    public Response update(@PathParam("name") String name, InputStream body, @Context HttpHeaders headers,
                           @Context HttpServletRequest request) {
        return access.form(headers, body, pageOf(name), (administrator, form) -> {
            ScopeCommands.StoredScope stored = find(name);
            ScopeForm typed = ScopeForm.of(stored.scope().name(), form);
            ScopeCommands.Outcome outcome = commands.update(administrator.actor(request), typed.scope(),
                    FormNumber.of(form.get("version").orElse("")));
            if (outcome instanceof ScopeCommands.Invalid invalid) {
                Map<String, Object> extra = new HashMap<>();
                extra.put("form", typed);
                extra.put("errors", ScopeForm.fieldErrors(invalid.violations()));
                return detail(administrator, stored, extra, 400);
            }
            return answered(administrator, name, outcome, "The scope was saved.");
        });
    }

    private static final Confirmation DELETION = new Confirmation("the scope is to be deleted");

    /** Deletes the scope (the box {@code confirm} ticked, the version the page showed); a recent sign-in first. */
    @POST
    @Path("{name}/delete")
    @Consumes(MediaType.WILDCARD)
    public Response delete(@PathParam("name") String name, InputStream body, @Context HttpHeaders headers,
                           @Context HttpServletRequest request) {
        return access.dangerousForm(headers, body, pageOf(name), (administrator, form) -> {
            ScopeCommands.StoredScope stored = find(name);
            return DELETION.then(form, (extra, status) -> detail(administrator, stored, extra, status), () -> {
                ScopeCommands.Outcome outcome = commands.delete(administrator.actor(request), stored.scope().name(),
                        FormNumber.of(form.get("version").orElse("")));
                if (outcome instanceof ScopeCommands.Done) {
                    return list(administrator, ScopeForm.BLANK, Map.of(),
                            Map.of("notice", "The scope " + stored.scope().name() + " was deleted."), 200);
                }
                return answered(administrator, name, outcome, "");
            });
        });
    }

    /**
     * Why the scope cannot be deleted from the console, if it cannot: the commands' own rule for Latchkey's
     * scopes, as a sentence.
     */
    static Optional<String> undeletable(ScopeCatalog.Scope scope) {
        List<Violation> refused = ScopeDefinitionPolicy.checkReserved(
                new ScopeCatalog.Scope(scope.name(), "", Optional.empty()), true);
        return refused.isEmpty() ? Optional.empty() : Optional.of(sentence(refused));
    }

    /**
     * The client_ids of the applications that may ask for the scope (it is among their allowed or default scopes),
     * in client_id order: those a delete would be refused for.
     */
    static List<String> listing(List<ApplicationView> applications, String scope) {
        return applications.stream()
                .filter(a -> a.definition().scopes().contains(scope) || a.definition().defaultScopes().contains(scope))
                .map(a -> a.definition().clientId())
                .sorted()
                .toList();
    }

    /** Whether Latchkey keeps the scope exactly as it is (its admin scopes): no form may change it. */
    static boolean locked(ScopeCatalog.Scope scope) {
        return scope.name().startsWith(ScopeDefinitionPolicy.ADMIN_SCOPE_PREFIX);
    }

    /** The path of a scope's page, its name percent-encoded as one segment ({@code :} and {@code /} included). */
    static String pageOf(String name) {
        return PATH + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Violations as one readable sentence each: "The name is reserved for Latchkey's admin API." */
    static String sentence(List<Violation> violations) {
        return String.join(" ", violations.stream().map(v -> "The " + v.field() + " " + v.message() + ".").toList());
    }

    private Response answered(ConsoleAccess.Administrator administrator, String name, ScopeCommands.Outcome outcome,
                              String notice) {
        if (outcome instanceof ScopeCommands.Done) {
            return detail(administrator, find(name), Map.of("notice", notice), 200);
        }
        if (outcome instanceof ScopeCommands.NotFound) {
            throw notFound();
        }
        if (outcome instanceof ScopeCommands.VersionConflict) {
            return detail(administrator, find(name), Map.of("problem",
                    "Someone changed this scope meanwhile; here it is as it is now. Try again."), 409);
        }
        if (outcome instanceof ScopeCommands.Invalid invalid) {
            return detail(administrator, find(name), Map.of("problem", sentence(invalid.violations())), 409);
        }
        return detail(administrator, find(name), Map.of(), 200);
    }

    private ScopeCommands.StoredScope find(String name) {
        // A path no scope may be named by is simply not found (and never reaches the database).
        if (ScopeDefinitionPolicy.nameProblem(name).isPresent()) {
            throw notFound();
        }
        return commands.find(name).orElseThrow(ScopesPage::notFound);
    }

    private static OAuthException notFound() {
        return OAuthException.of(ErrorCode.NOT_FOUND, "there is no such scope",
                "the console was asked for a scope that does not exist");
    }


    private Response list(ConsoleAccess.Administrator administrator, ScopeForm form, Map<String, String> errors,
                          int status) {
        return list(administrator, form, errors, Map.of(), status);
    }

    private Response list(ConsoleAccess.Administrator administrator, ScopeForm form, Map<String, String> errors,
                          Map<String, Object> extra, int status) {
        Map<String, Object> model = new HashMap<>(extra);
        model.put("accountName", LoginPage.nameOf(administrator.account()));
        model.put("csrf", administrator.csrf());
        model.put("scopes", commands.list().stream()
                .map(s -> new Row(s, pageOf(s.scope().name()), locked(s.scope()))).toList());
        model.put("form", form);
        model.put("errors", errors);
        return ConsoleAccess.page("admin/scopes", model, status);
    }

    private Response detail(ConsoleAccess.Administrator administrator, ScopeCommands.StoredScope stored,
                            Map<String, Object> extra, int status) {
        Map<String, Object> model = new HashMap<>(extra);
        model.put("accountName", LoginPage.nameOf(administrator.account()));
        model.put("csrf", administrator.csrf());
        model.put("scope", new Row(stored, pageOf(stored.scope().name()), locked(stored.scope())));
        model.putIfAbsent("form", ScopeForm.of(stored));
        model.putIfAbsent("errors", Map.of());
        undeletable(stored.scope()).ifPresent(reason -> model.put("undeletable", reason));
        model.put("applications", listing(applications.all(), stored.scope().name()));
        return ConsoleAccess.page("admin/scope", model, status);
    }
}
