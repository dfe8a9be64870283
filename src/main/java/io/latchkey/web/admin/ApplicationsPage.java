package io.latchkey.web.admin;

import io.latchkey.account.AccountService;
import io.latchkey.client.ApplicationCatalog;
import io.latchkey.client.ApplicationCommands;
import io.latchkey.client.ApplicationView;
import io.latchkey.client.ClientType;
import io.latchkey.client.FormParameters;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.error.Violation;
import io.latchkey.session.BrowserSessions;
import io.latchkey.store.Page;
import io.latchkey.store.PageRequest;
import io.latchkey.web.BrowserCookies;
import io.latchkey.web.IssuerUrls;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /admin/applications}: the list (search {@code q}, {@code type}, {@code status}), an application's page with
 * its secrets, and its forms — rotate the secret (a recent sign-in; the new value shown once, the previous one
 * working for {@link ApplicationCommands#DEFAULT_OVERLAP}), retire a previous secret now, disable and enable. Every
 * change goes through {@link ApplicationCommands} as the administrator, exactly as the admin API's.
 */
@Singleton
@Path("admin/applications")
@Produces(MediaType.TEXT_HTML)
public final class ApplicationsPage {
    static final String PATH = "/admin/applications";

    private final ConsoleAccess access;
    private final ApplicationCatalog catalog;
    private final ApplicationCommands commands;
    private final IssuerUrls urls;

    @Inject
    public ApplicationsPage(ConsoleAccess access, ApplicationCatalog catalog, ApplicationCommands commands, IssuerUrls urls) {
        this.access = access;
        this.urls = urls;
        this.catalog = catalog;
        this.commands = commands;
    }

    /** The list's filters as given; a value outside the choices is no filter (the form only offers the choices). */
    record ListFilter(String q, String type, String status) {
        ApplicationCatalog.Filter toCatalog() {
            String query = q == null ? "" : q.strip();
            return new ApplicationCatalog.Filter(ClientType.fromWireName(type == null ? "" : type),
                    switch (status == null ? "" : status) {
                        case "enabled" -> Optional.of(true);
                        case "disabled" -> Optional.of(false);
                        default -> Optional.empty();
                    },
                    query.isEmpty() || query.length() > 200 ? Optional.empty() : Optional.of(query));
        }
    }

    @GET
    public Response list(@QueryParam("q") String q, @QueryParam("type") String type,
                         @QueryParam("status") String status, @Context HttpHeaders headers) {
        return access.page(headers, PATH, administrator -> listPage(administrator, q, type, status));
    }

    private Response listPage(ConsoleAccess.Administrator administrator, String q, String type, String status) {
        ListFilter filter = new ListFilter(q == null ? "" : q, type == null ? "" : type, status == null ? "" : status);
        Page<ApplicationView> page = catalog.list(filter.toCatalog(), PageRequest.first(PageRequest.MAX_LIMIT));
        Map<String, Object> model = new HashMap<>();
        model.put("accountName", LoginPage.nameOf(administrator.account()));
        model.put("filter", filter);
        model.put("applications", page.items());
        model.put("more", page.nextAfterKey().isPresent());
        return ConsoleAccess.page("admin/applications", model, 200);
    }

    /** The form for a new application of {@code type} (web unless another type is named). */
    @GET
    @Path("new")
    public Response newForm(@QueryParam("type") String type, @Context HttpHeaders headers) {
        ClientType chosen = ClientType.fromWireName(type == null ? "web" : type).orElse(ClientType.WEB);
        return access.page(headers, PATH,
                administrator -> form(administrator, ApplicationForm.blank(chosen), Map.of(), 200));
    }

    /**
     * Creates the application; a confidential one's secret is shown once on its page. A wrong field shows the form
     * again as it was typed, each wrong field marked with the rule it broke (400; 409 for a client_id in use).
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(InputStream body, @Context HttpHeaders headers, @Context HttpServletRequest request) {
        return access.form(headers, body, PATH, (administrator, form) -> create(administrator, form, request));
    }

    private Response create(ConsoleAccess.Administrator administrator, FormParameters form,
                            HttpServletRequest request) {
        ClientType type = ClientType.fromWireName(form.get("type").orElse(""))
                .orElseThrow(() -> OAuthException.invalidRequest("type must be web, spa, native or m2m"));
        ApplicationForm typed = new ApplicationForm(type, form.get("client_id").orElse(""), form.get("name").orElse(""),
                form.get("redirect_uris").orElse(""), form.get("post_logout_redirect_uris").orElse(""),
                form.get("scopes").orElse(""), form.get("default_scopes").orElse(""),
                form.get("refresh_tokens").isPresent());
        ApplicationCommands.Outcome outcome = commands.create(administrator.actor(request), typed.definition());
        if (outcome instanceof ApplicationCommands.Invalid invalid) {
            return form(administrator, typed, ApplicationForm.fieldErrors(invalid.violations()), 400);
        }
        if (outcome instanceof ApplicationCommands.AlreadyExists) {
            return form(administrator, typed, Map.of("client_id", "is already the client_id of another application"),
                    409);
        }
        ApplicationCommands.Done done = (ApplicationCommands.Done) outcome;
        Map<String, Object> extra = new HashMap<>();
        extra.put("notice", "The application was created.");
        done.secret().ifPresent(secret -> extra.put("newSecret", secret.reveal()));
        return detail(administrator, find(done.clientId()), extra, 201);
    }

    private static Response form(ConsoleAccess.Administrator administrator, ApplicationForm form,
                                 Map<String, String> errors, int status) {
        Map<String, Object> model = new HashMap<>();
        model.put("accountName", LoginPage.nameOf(administrator.account()));
        model.put("csrf", administrator.csrf());
        model.put("form", form);
        model.put("type", form.type().wireName());
        model.put("errors", errors);
        return ConsoleAccess.page("admin/new-application", model, status);
    }

    @GET
    @Path("{client_id}")
    public Response application(@PathParam("client_id") String clientId, @Context HttpHeaders headers) {
        return access.page(headers, PATH, administrator -> detail(administrator, find(clientId), Map.of(), 200));
    }

    /** A recent sign-in first; the new value is on the answer page only, never stored or shown again. */
    @POST
    @Path("{client_id}/secrets/rotate")
    @Consumes(MediaType.WILDCARD)
    public Response rotate(@PathParam("client_id") String clientId, InputStream body, @Context HttpHeaders headers,
                           @Context HttpServletRequest request) {
        return access.dangerousForm(headers, body, pageOf(clientId), (administrator, form) -> {
            ApplicationCommands.Outcome outcome = commands.rotateSecret(administrator.actor(request), clientId);
            if (outcome instanceof ApplicationCommands.Done done && done.secret().isPresent()) {
                return detail(administrator, find(clientId), Map.of("newSecret", done.secret().get().reveal()), 200);
            }
            return refused(administrator, clientId, outcome);
        });
    }

    @POST
    @Path("{client_id}/secrets/retire")
    @Consumes(MediaType.WILDCARD)
    public Response retire(@PathParam("client_id") String clientId, InputStream body, @Context HttpHeaders headers,
                           @Context HttpServletRequest request) {
        return access.form(headers, body, PATH, (administrator, form) -> {
            long secretId = number(form.get("secret_id").orElse(""));
            ApplicationCommands.Outcome outcome = commands.retireSecret(administrator.actor(request), clientId,
                    secretId);
            if (outcome instanceof ApplicationCommands.Done) {
                return detail(administrator, find(clientId), Map.of("notice", "The secret was retired."), 200);
            }
            return refused(administrator, clientId, outcome);
        });
    }

    /** {@code enabled} is {@code true} or {@code false}; {@code version} is the one the page showed. */
    @POST
    @Path("{client_id}/enabled")
    @Consumes(MediaType.WILDCARD)
    public Response setEnabled(@PathParam("client_id") String clientId, InputStream body, @Context HttpHeaders headers,
                               @Context HttpServletRequest request) {
        return access.form(headers, body, PATH, (administrator, form) -> setEnabled(administrator, clientId, form,
                request));
    }

    private Response setEnabled(ConsoleAccess.Administrator administrator, String clientId, FormParameters form,
                                HttpServletRequest request) {
        String enabled = form.get("enabled").orElse("");
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw OAuthException.invalidRequest("enabled must be true or false");
        }
        ApplicationCommands.Outcome outcome = commands.setEnabled(administrator.actor(request), clientId,
                Boolean.parseBoolean(enabled), number(form.get("version").orElse("")));
        if (outcome instanceof ApplicationCommands.Done) {
            return detail(administrator, find(clientId), Map.of("notice",
                    Boolean.parseBoolean(enabled) ? "The application was enabled." : "The application was disabled."), 200);
        }
        return refused(administrator, clientId, outcome);
    }

    /**
     * Deletes the application and everything it holds, after a recent sign-in and with the confirmation box ticked;
     * then back to the list.
     */
    @POST
    @Path("{client_id}/delete")
    @Consumes(MediaType.WILDCARD)
    public Response delete(@PathParam("client_id") String clientId, InputStream body, @Context HttpHeaders headers,
                           @Context HttpServletRequest request) {
        return access.dangerousForm(headers, body, pageOf(clientId),
                (administrator, form) -> delete(administrator, clientId, form, request));
    }

    private Response delete(ConsoleAccess.Administrator administrator, String clientId, FormParameters form,
                            HttpServletRequest request) {
        if (!"yes".equals(form.get("confirm").orElse(""))) {
            return detail(administrator, find(clientId), Map.of("problem",
                    "Tick the box to confirm that the application and everything it holds are to be deleted."), 400);
        }
        ApplicationCommands.Outcome outcome = commands.delete(administrator.actor(request), clientId,
                number(form.get("version").orElse("")));
        if (outcome instanceof ApplicationCommands.Done) {
            return Response.seeOther(urls.page(PATH)).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
        }
        return refused(administrator, clientId, outcome);
    }

    /** The path of an application's page, its client_id percent-encoded as one segment. */
    static String pageOf(String clientId) {
        return PATH + "/" + URLEncoder.encode(clientId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Response refused(ConsoleAccess.Administrator administrator, String clientId,
                             ApplicationCommands.Outcome outcome) {
        if (outcome instanceof ApplicationCommands.NotFound) {
            throw notFound();
        }
        if (outcome instanceof ApplicationCommands.VersionConflict) {
            return detail(administrator, find(clientId), Map.of("problem",
                    "Someone changed this application meanwhile; here it is as it is now. Try again."), 409);
        }
        if (outcome instanceof ApplicationCommands.Invalid invalid) {
            return detail(administrator, find(clientId), Map.of("problem", String.join(" ",
                    invalid.violations().stream().map(Violation::message).toList())), 400);
        }
        return detail(administrator, find(clientId), Map.of(), 200);
    }

    private ApplicationView find(String clientId) {
        return catalog.find(clientId).orElseThrow(ApplicationsPage::notFound);
    }

    private static OAuthException notFound() {
        return OAuthException.of(ErrorCode.NOT_FOUND, "there is no such application",
                "the console was asked for an application that does not exist");
    }

    private static long number(String value) {
        return value.matches("[0-9]{1,18}") ? Long.parseLong(value) : -1;
    }

    private static Response detail(ConsoleAccess.Administrator administrator, ApplicationView application,
                                   Map<String, Object> extra, int status) {
        Map<String, Object> model = new HashMap<>(extra);
        model.put("accountName", LoginPage.nameOf(administrator.account()));
        model.put("csrf", administrator.csrf());
        model.put("app", application);
        model.put("confidential", application.definition().type().confidential());
        model.put("recent", administrator.session());
        return ConsoleAccess.page("admin/application", model, status);
    }
}
