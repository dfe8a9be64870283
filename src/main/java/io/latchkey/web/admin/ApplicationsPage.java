package io.latchkey.web.admin;

import io.latchkey.client.ApplicationCatalog;
import io.latchkey.client.ApplicationPolicy;
import io.latchkey.client.ApplicationCommands;
import io.latchkey.client.ApplicationView;
import io.latchkey.client.ClientType;
import io.latchkey.client.FormParameters;
import io.latchkey.consent.ConsentRecords;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.error.Violation;
import io.latchkey.posture.Finding;
import io.latchkey.posture.PostureReview;
import io.latchkey.security.ContentSecurityPolicy;
import io.latchkey.store.Page;
import io.latchkey.store.PageRequest;
import io.latchkey.store.TokenState;
import io.latchkey.token.IssuedReferenceTokens;
import io.latchkey.token.RefreshTokenFamilies;
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
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code /admin/applications}: the list (search {@code q}, {@code type}, {@code status}; a page at a time, each
 * application with its posture findings), an application's page with its settings form, secrets, consents and live
 * tokens, and its forms — change the settings (at the version the page showed), rotate the secret (a recent sign-in;
 * the new value shown once, the previous one working for {@link ApplicationCommands#DEFAULT_OVERLAP}), retire a
 * previous secret now, disable and enable, revoke a consent, a token or every refresh token family, delete. Every
 * change goes through the same services as the admin API's, as the administrator. The form for a new application is
 * {@link ApplicationCreationPage}'s (a path no client_id can take).
 */
@Singleton
@Path("admin/applications")
@Produces(MediaType.TEXT_HTML)
public final class ApplicationsPage {
    static final String PATH = "/admin/applications";
    /** How many applications a page lists. */
    static final int PAGE_SIZE = PageRequest.DEFAULT_LIMIT;
    /** The shape of a token's public id (as TokensResource checks it): never a token's value echoed back. */
    private static final Pattern PUBLIC_ID = Pattern.compile("[A-Za-z0-9_-]{8}");

    private final ConsoleAccess access;
    private final ApplicationCatalog catalog;
    private final ApplicationCommands commands;
    private final ConsentRecords consents;
    private final IssuedReferenceTokens tokens;
    private final RefreshTokenFamilies families;
    private final PostureReview posture;

    @Inject
    public ApplicationsPage(ConsoleAccess access, ApplicationCatalog catalog, ApplicationCommands commands,
                            ConsentRecords consents, IssuedReferenceTokens tokens,
                            RefreshTokenFamilies families, PostureReview posture) {
        this.access = access;
        this.catalog = catalog;
        this.commands = commands;
        this.consents = consents;
        this.tokens = tokens;
        this.families = families;
        this.posture = posture;
    }

    /**
     * The list's filters and page as given: a value outside the choices is no filter (the form only offers the
     * choices); {@code after} is the client_id the page starts after, {@code limit} how many it shows (1 to 200).
     */
    record ListFilter(String q, String type, String status, String after, int limit) {
        static ListFilter of(String q, String type, String status, String after, String limit) {
            int size = limit != null && limit.matches("[0-9]{1,3}") ? Integer.parseInt(limit) : PAGE_SIZE;
            return new ListFilter(q == null ? "" : q, type == null ? "" : type, status == null ? "" : status,
                    after == null || ApplicationPolicy.clientIdProblem(after).isPresent() ? "" : after,
                    size < 1 || size > PageRequest.MAX_LIMIT ? PAGE_SIZE : size);
        }

        ApplicationCatalog.Filter toCatalog() {
            String query = q.strip();
            return new ApplicationCatalog.Filter(ClientType.fromWireName(type),
                    switch (status) {
                        case "enabled" -> Optional.of(true);
                        case "disabled" -> Optional.of(false);
                        default -> Optional.empty();
                    },
                    query.isEmpty() || query.length() > 200 ? Optional.empty() : Optional.of(query));
        }

        PageRequest page() {
            return new PageRequest(after.isEmpty() ? Optional.empty() : Optional.of(after), limit);
        }

        /** The list's address for the page after {@code lastKey}, these filters kept. */
        String next(String lastKey) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("q", q);
            query.put("type", type);
            query.put("status", status);
            query.put("limit", limit == PAGE_SIZE ? "" : Integer.toString(limit));
            query.put("after", lastKey);
            return PATH + "?" + query.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
        }
    }

    /** One row of the list: the application and how many posture findings name it. */
    public record Listed(ApplicationView application, long findings) {
    }

    @GET
    public Response list(@QueryParam("q") String q, @QueryParam("type") String type,
                         @QueryParam("status") String status, @QueryParam("after") String after,
                         @QueryParam("limit") String limit, @Context HttpHeaders headers) {
        return access.page(headers, PATH,
                administrator -> listPage(administrator, ListFilter.of(q, type, status, after, limit)));
    }

    private Response listPage(ConsoleAccess.Administrator administrator, ListFilter filter) {
        Page<ApplicationView> page = catalog.list(filter.toCatalog(), filter.page());
        Map<String, Long> findings = findingsByApplication(posture.latest().findings());
        Map<String, Object> model = new HashMap<>();
        model.put("accountName", LoginPage.nameOf(administrator.account()));
        model.put("filter", filter);
        model.put("applications", page.items().stream()
                .map(a -> new Listed(a, findings.getOrDefault(a.definition().clientId(), 0L))).toList());
        page.nextAfterKey().map(filter::next).ifPresent(next -> model.put("next", next));
        model.put("paged", !filter.after().isEmpty());
        return ConsoleAccess.page("admin/applications", model, 200);
    }

    /** How many findings name each application (by client_id). */
    static Map<String, Long> findingsByApplication(List<Finding> findings) {
        return findings.stream().filter(f -> f.subject().kind() == Finding.Subject.Kind.APPLICATION)
                .collect(Collectors.groupingBy(f -> f.subject().id(), Collectors.counting()));
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

    static Response form(ConsoleAccess.Administrator administrator, ApplicationForm form,
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
    public Response application(@PathParam("client_id") String clientId, @Context HttpHeaders headers,
                                @Context UriInfo uri) {
        TablePositions positions = TablePositions.of(pageOf(clientId), uri.getQueryParameters());
        return access.page(headers, PATH, administrator -> detail(administrator, find(clientId), Map.of(), 200,
                positions));
    }

    /**
     * Changes the application's settings to the form's, at the version the page showed, as the admin API's update.
     * A wrong field shows the page again with the form as it was typed, each wrong field marked with the rule it
     * broke (400); a change made meanwhile shows the application as it is now with the typed form kept, at the
     * current version, so that sending it again means to overwrite (409).
     */
    @POST
    @Path("{client_id}/settings")
    @Consumes(MediaType.WILDCARD)
    public Response update(@PathParam("client_id") String clientId, InputStream body, @Context HttpHeaders headers,
                           @Context HttpServletRequest request) {
        return access.form(headers, body, PATH, (administrator, form) -> update(administrator, clientId, form,
                request));
    }

    private Response update(ConsoleAccess.Administrator administrator, String clientId, FormParameters form,
                            HttpServletRequest request) {
        ApplicationView current = find(clientId);
        ApplicationEditForm typed = ApplicationEditForm.parse(current.definition().type(), clientId, form);
        ApplicationEditForm.Reading reading = typed.definition(current.definition());
        if (reading instanceof ApplicationEditForm.Unreadable unreadable) {
            return detail(administrator, current, edited(typed, unreadable.errors()), 400);
        }
        ApplicationCommands.Outcome outcome = commands.update(administrator.actor(request),
                ((ApplicationEditForm.Read) reading).definition(), typed.version());
        if (outcome instanceof ApplicationCommands.Invalid invalid) {
            return detail(administrator, current, edited(typed, typed.fieldErrors(invalid.violations())), 400);
        }
        if (outcome instanceof ApplicationCommands.VersionConflict) {
            ApplicationView now = find(clientId);
            Map<String, Object> extra = edited(typed.atVersion(now.version()), Map.of());
            extra.put("problem", "Someone changed this application meanwhile: above is how it is now, below what you "
                    + "typed. Save again to replace their change with yours.");
            return detail(administrator, now, extra, 409);
        }
        if (outcome instanceof ApplicationCommands.Done done) {
            return detail(administrator, find(clientId), Map.of("notice", done.changedFields().isEmpty()
                    ? "Nothing was changed." : "Saved: " + String.join(", ", done.changedFields()) + "."), 200);
        }
        return refused(administrator, clientId, outcome);
    }

    private static Map<String, Object> edited(ApplicationEditForm typed, Map<String, String> errors) {
        Map<String, Object> extra = new HashMap<>();
        extra.put("form", typed);
        extra.put("errors", errors);
        return extra;
    }

    /** Revokes a person's consent to this application, with its refresh token families and opaque access tokens. */
    @POST
    @Path("{client_id}/consents/revoke")
    @Consumes(MediaType.WILDCARD)
    public Response revokeConsent(@PathParam("client_id") String clientId, InputStream body,
                                  @Context HttpHeaders headers, @Context HttpServletRequest request) {
        return access.form(headers, body, PATH, (administrator, form) -> {
            ConsentRecords.Outcome outcome = consents.revoke(administrator.actor(request),
                    form.get("subject").orElse(""), clientId);
            String notice = outcome instanceof ConsentRecords.Revoked revoked
                    ? "The consent was revoked (" + revoked.refreshTokens() + " refresh and " + revoked.accessTokens()
                    + " access tokens with it)."
                    : "There was nothing left to revoke: " + ((ConsentRecords.NotFound) outcome).what() + ".";
            return detail(administrator, find(clientId), Map.of("notice", notice), 200,
                    TablePositions.of(pageOf(clientId), form));
        });
    }

    /** Revokes one of the application's tokens by its public id. */
    @POST
    @Path("{client_id}/tokens/revoke")
    @Consumes(MediaType.WILDCARD)
    public Response revokeToken(@PathParam("client_id") String clientId, InputStream body,
                                @Context HttpHeaders headers, @Context HttpServletRequest request) {
        return access.form(headers, body, PATH, (administrator, form) -> {
            String id = form.get("token_id").orElse("");
            if (!PUBLIC_ID.matcher(id).matches()) {
                throw OAuthException.invalidRequest("token_id must be the 8 characters the page shows");
            }
            IssuedReferenceTokens.Outcome outcome = tokens.revoke(administrator.actor(request), id);
            String notice = outcome instanceof IssuedReferenceTokens.Revoked revoked
                    ? (revoked.justNow() ? "The token " + id + " was revoked." : "The token " + id
                    + " was revoked already.")
                    : outcome instanceof IssuedReferenceTokens.Ambiguous
                    ? "Several tokens share the id " + id + "; none was revoked."
                    : "There is no token " + id + ".";
            return detail(administrator, find(clientId), Map.of("notice", notice), 200,
                    TablePositions.of(pageOf(clientId), form));
        });
    }

    /** Revokes every refresh token family of the application (with the access tokens recorded for them). */
    @POST
    @Path("{client_id}/refresh-tokens/revoke")
    @Consumes(MediaType.WILDCARD)
    public Response revokeRefreshTokens(@PathParam("client_id") String clientId, InputStream body,
                                        @Context HttpHeaders headers, @Context HttpServletRequest request) {
        return access.form(headers, body, PATH, (administrator, form) -> {
            RefreshTokenFamilies.Outcome outcome = families.revokeAllOfApplication(administrator.actor(request),
                    clientId);
            if (outcome instanceof RefreshTokenFamilies.NotFound) {
                throw notFound();
            }
            RefreshTokenFamilies.Revoked revoked = (RefreshTokenFamilies.Revoked) outcome;
            return detail(administrator, find(clientId), Map.of("notice", revoked.families()
                    + " refresh token families were revoked (" + revoked.refreshTokens() + " refresh and "
                    + revoked.accessTokens() + " access tokens)."), 200, TablePositions.of(pageOf(clientId), form));
        });
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
            long secretId = FormNumber.of(form.get("secret_id").orElse(""));
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
                Boolean.parseBoolean(enabled), FormNumber.of(form.get("version").orElse("")));
        if (outcome instanceof ApplicationCommands.Done) {
            return detail(administrator, find(clientId), Map.of("notice",
                    Boolean.parseBoolean(enabled) ? "The application was enabled." : "The application was disabled."), 200);
        }
        return refused(administrator, clientId, outcome);
    }

    private static final Confirmation DELETION =
            new Confirmation("the application and everything it holds are to be deleted");

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
        return DELETION.then(form, (extra, status) -> detail(administrator, find(clientId), extra, status), () -> {
            ApplicationCommands.Outcome outcome = commands.delete(administrator.actor(request), clientId,
                    FormNumber.of(form.get("version").orElse("")));
            if (outcome instanceof ApplicationCommands.Done) {
                return access.seeOther(PATH);
            }
            return refused(administrator, clientId, outcome);
        });
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


    /**
     * The application's page: its facts, findings, settings form ({@code extra}'s {@code form} and {@code errors}
     * when it is shown again as typed), secrets, consents, live tokens and refresh token families. It loads the
     * copy button's script, so its CSP allows the server's own scripts.
     */
    private Response detail(ConsoleAccess.Administrator administrator, ApplicationView application,
                            Map<String, Object> extra, int status) {
        return detail(administrator, application, extra, status,
                TablePositions.first(pageOf(application.definition().clientId())));
    }

    /** The page with its consents, tokens and refresh token families each from its position, a page at a time. */
    private Response detail(ConsoleAccess.Administrator administrator, ApplicationView application,
                            Map<String, Object> extra, int status, TablePositions positions) {
        String clientId = application.definition().clientId();
        Map<String, Object> model = new HashMap<>(extra);
        model.put("positionFields", positions.fields());
        model.put("accountName", LoginPage.nameOf(administrator.account()));
        model.put("csrf", administrator.csrf());
        model.put("app", application);
        model.put("confidential", application.definition().type().confidential());
        model.put("recent", administrator.session());
        model.putIfAbsent("form", ApplicationEditForm.of(application));
        model.putIfAbsent("errors", Map.of());
        model.put("lifetimeHints", ApplicationEditForm.lifetimeHints(commands.serverLifetimes()));
        model.put("responseTypes", List.of(io.latchkey.client.ResponseType.values()));
        model.put("findings", posture.latest().findings().stream()
                .filter(f -> f.subject().kind() == Finding.Subject.Kind.APPLICATION && f.subject().id().equals(clientId))
                .toList());
        int limit = positions.limit();
        model.put("consents", positions.table("consents", offset -> consents.slice(new ConsentRecords.Filter(
                Optional.empty(), Optional.of(clientId)), offset, limit)));
        model.put("tokens", positions.table("tokens", offset -> tokens.slice(new IssuedReferenceTokens.Filter(
                Optional.empty(), Optional.of(clientId), Optional.empty(), Optional.of(TokenState.ACTIVE)), offset,
                limit)));
        model.put("families", positions.table("families", offset -> families.slice(new RefreshTokenFamilies.Filter(
                Optional.empty(), Optional.of(clientId), Optional.of(TokenState.ACTIVE)), offset, limit)));
        Response page = ConsoleAccess.page("admin/application", model, status);
        return Response.fromResponse(page).header("Content-Security-Policy", null)
                .header("Content-Security-Policy", ContentSecurityPolicy.pagesWithOwnScripts()).build();
    }
}
