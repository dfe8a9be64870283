package io.latchkey.web.admin;

import io.latchkey.account.Account;
import io.latchkey.account.AccountCommands;
import io.latchkey.account.AccountPolicy;
import io.latchkey.account.StandardClaims;
import io.latchkey.client.FormParameters;
import io.latchkey.consent.ConsentRecords;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.security.Secret;
import io.latchkey.session.AccountSessions;
import io.latchkey.store.Page;
import io.latchkey.store.PageRequest;
import io.latchkey.token.IssuedReferenceTokens;
import io.latchkey.token.RefreshTokenFamilies;
import io.latchkey.store.TokenState;
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
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /admin/people}: the list (search {@code q} in username, name or email; {@code role} admin or other;
 * {@code status} enabled or disabled; {@value #PAGE_SIZE} a page, {@code after} the last username of the previous
 * one), the form for a new person, and a person's page: their facts and profile claims, their consents, live browser
 * sessions, personal access tokens and refresh token families, and the forms that change them — the profile,
 * disable/enable, make or stop being an administrator, set a password, a one-time reset code, unlock the sign-in
 * throttle, revoke a consent, end a session or all, revoke a token or every refresh token family, delete the person
 * (with a confirmation). Every change goes through the same commands and services as the admin API's, as the
 * administrator. Making or unmaking an administrator, setting a password and deleting need a recent sign-in; no
 * administrator may disable, demote or delete themselves.
 */
@Singleton
@Path("admin/people")
@Produces(MediaType.TEXT_HTML)
public final class PeoplePage {
    static final String PATH = "/admin/people";
    static final int PAGE_SIZE = 50;

    private final ConsoleAccess access;
    private final AccountCommands commands;
    private final ConsentRecords consents;
    private final IssuedReferenceTokens tokens;
    private final RefreshTokenFamilies families;
    private final AccountSessions sessions;
    private final IssuerUrls urls;

    @Inject
    public PeoplePage(ConsoleAccess access, AccountCommands commands, ConsentRecords consents,
                      IssuedReferenceTokens tokens, RefreshTokenFamilies families, AccountSessions sessions,
                      IssuerUrls urls) {
        this.access = access;
        this.commands = commands;
        this.consents = consents;
        this.tokens = tokens;
        this.families = families;
        this.sessions = sessions;
        this.urls = urls;
    }

    /** The list's filters as given; a value outside the choices is no filter (the form only offers the choices). */
    record ListFilter(String q, String role, String status, String after) {
        static ListFilter of(String q, String role, String status, String after) {
            return new ListFilter(q == null ? "" : q, role == null ? "" : role, status == null ? "" : status,
                    after == null ? "" : after);
        }

        AccountCommands.Filter toCommands() {
            String query = q.strip();
            return new AccountCommands.Filter(choice(role, "admin", "other"), choice(status, "enabled", "disabled"),
                    query.isEmpty() || query.length() > 200 ? Optional.empty() : Optional.of(query));
        }

        /** The page after the username {@code after} (ignored unless it could be a username). */
        PageRequest page() {
            String key = after.strip();
            return new PageRequest(key.isEmpty() || AccountPolicy.usernameProblem(key).isPresent() ? Optional.empty()
                    : Optional.of(key.toLowerCase(java.util.Locale.ROOT)), PAGE_SIZE);
        }

        private static Optional<Boolean> choice(String value, String yes, String no) {
            return value.equals(yes) ? Optional.of(true) : value.equals(no) ? Optional.of(false) : Optional.empty();
        }
    }

    /**
     * Why the administrator may not make this change to their own account, if they may not: disabling themselves or
     * taking their own administrator role away would lock them out of the console at once.
     */
    static Optional<String> ownLockout(Account administrator, String username, String field, boolean value) {
        if (!administrator.username().equalsIgnoreCase(username.trim()) || value) {
            return Optional.empty();
        }
        return Optional.of(switch (field) {
            case "enabled" -> "You cannot disable your own account; another administrator can.";
            default -> "You cannot take away your own administrator role; another administrator can.";
        });
    }

    @GET
    public Response list(@QueryParam("q") String q, @QueryParam("role") String role,
                         @QueryParam("status") String status, @QueryParam("after") String after,
                         @Context HttpHeaders headers) {
        return access.page(headers, PATH, administrator -> {
            ListFilter filter = ListFilter.of(q, role, status, after);
            Page<AccountCommands.StoredAccount> page = commands.list(filter.toCommands(), filter.page());
            Map<String, Object> model = new HashMap<>();
            model.put("accountName", LoginPage.nameOf(administrator.account()));
            model.put("filter", filter);
            model.put("people", page.items());
            page.nextAfterKey().ifPresent(next -> model.put("next", next));
            return ConsoleAccess.page("admin/people", model, 200);
        });
    }

    @GET
    @Path("new")
    public Response newForm(@Context HttpHeaders headers) {
        return access.page(headers, PATH + "/new", administrator -> form(administrator, PersonForm.BLANK, Map.of(), 200));
    }

    /**
     * Creates the person and shows their page (201). A wrong field shows the form again as typed (never the
     * password), each wrong field marked with the rule it broke (400; 409 for a username in use).
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    public Response create(InputStream body, @Context HttpHeaders headers, @Context HttpServletRequest request) {
        return access.form(headers, body, PATH, (administrator, form) -> {
            PersonForm typed = PersonForm.of(form);
            AccountCommands.Outcome outcome = commands.create(administrator.actor(request), typed.definition());
            if (outcome instanceof AccountCommands.Invalid invalid) {
                return form(administrator, typed.withoutPassword(), PersonForm.fieldErrors(invalid.violations()), 400);
            }
            if (outcome instanceof AccountCommands.AlreadyExists) {
                return form(administrator, typed.withoutPassword(),
                        Map.of("username", "is already the username of someone else"), 409);
            }
            String username = ((AccountCommands.Done) outcome).username();
            return detail(administrator, find(username), Map.of("notice", "The person was created."), 201);
        });
    }

    private static Response form(ConsoleAccess.Administrator administrator, PersonForm form,
                                 Map<String, String> errors, int status) {
        Map<String, Object> model = new HashMap<>();
        model.put("accountName", LoginPage.nameOf(administrator.account()));
        model.put("csrf", administrator.csrf());
        model.put("form", form);
        model.put("errors", errors);
        return ConsoleAccess.page("admin/new-person", model, status);
    }

    @GET
    @Path("{username}")
    public Response person(@PathParam("username") String username, @Context HttpHeaders headers,
                           @Context UriInfo uri) {
        TablePositions positions = TablePositions.of(pageOf(username), uri.getQueryParameters());
        return access.page(headers, pageOf(username), administrator -> detail(administrator, find(username),
                Map.of(), 200, positions));
    }

    /** The name, email and whether it is verified; the other standard claims stay as they are. */
    @POST
    @Path("{username}/profile")
    @Consumes(MediaType.WILDCARD)
    public Response profile(@PathParam("username") String username, InputStream body, @Context HttpHeaders headers,
                            @Context HttpServletRequest request) {
        return access.form(headers, body, pageOf(username), (administrator, form) -> {
            AccountCommands.StoredAccount stored = find(username);
            PersonForm typed = PersonForm.of(form);
            AccountCommands.Outcome outcome = commands.update(administrator.actor(request), username,
                    typed.profile(stored.account().claims()), FormNumber.of(form.get("version").orElse("")));
            if (outcome instanceof AccountCommands.Invalid invalid) {
                Map<String, Object> extra = new HashMap<>();
                extra.put("profile", typed.withoutPassword());
                extra.put("errors", PersonForm.fieldErrors(invalid.violations()));
                return detail(administrator, stored, extra, 400);
            }
            return answered(administrator, username, outcome, "The profile was saved.");
        });
    }

    /** {@code enabled} is {@code true} or {@code false}; {@code version} is the one the page showed. */
    @POST
    @Path("{username}/enabled")
    @Consumes(MediaType.WILDCARD)
    public Response setEnabled(@PathParam("username") String username, InputStream body, @Context HttpHeaders headers,
                               @Context HttpServletRequest request) {
        return access.form(headers, body, pageOf(username), (administrator, form) -> {
            boolean enabled = flag(form, "enabled");
            Optional<String> lockout = ownLockout(administrator.account(), username, "enabled", enabled);
            if (lockout.isPresent()) {
                return detail(administrator, find(username), Map.of("problem", lockout.get()), 409);
            }
            return answered(administrator, username, commands.setEnabled(administrator.actor(request), username,
                    enabled, FormNumber.of(form.get("version").orElse(""))),
                    enabled ? "The person was enabled." : "The person was disabled and signed out everywhere.");
        });
    }

    /** Makes the person an administrator or not ({@code admin}); a recent sign-in first. */
    @POST
    @Path("{username}/admin")
    @Consumes(MediaType.WILDCARD)
    public Response setAdmin(@PathParam("username") String username, InputStream body, @Context HttpHeaders headers,
                             @Context HttpServletRequest request) {
        return access.dangerousForm(headers, body, pageOf(username), (administrator, form) -> {
            boolean admin = flag(form, "admin");
            Optional<String> lockout = ownLockout(administrator.account(), username, "admin", admin);
            if (lockout.isPresent()) {
                return detail(administrator, find(username), Map.of("problem", lockout.get()), 409);
            }
            return answered(administrator, username, commands.setAdmin(administrator.actor(request), username, admin,
                    FormNumber.of(form.get("version").orElse(""))),
                    admin ? "The person is an administrator now." : "The person is no longer an administrator.");
        });
    }

    private static final Confirmation DELETION =
            new Confirmation("the person and everything they hold are to be deleted");

    /**
     * Deletes the person and everything they hold, after a recent sign-in and with the confirmation box ticked;
     * then back to the list. Nobody deletes themselves, nor the last enabled administrator (409, the page again).
     */
    @POST
    @Path("{username}/delete")
    @Consumes(MediaType.WILDCARD)
    public Response delete(@PathParam("username") String username, InputStream body, @Context HttpHeaders headers,
                           @Context HttpServletRequest request) {
        return access.dangerousForm(headers, body, pageOf(username), (administrator, form) -> DELETION.then(form,
                (extra, status) -> detail(administrator, find(username), extra, status), () -> {
                    AccountCommands.Outcome outcome = commands.delete(administrator.actor(request), username,
                            FormNumber.of(form.get("version").orElse("")));
                    if (outcome instanceof AccountCommands.Done) {
                        return access.seeOther(PATH);
                    }
                    if (outcome instanceof AccountCommands.Undeletable undeletable) {
                        return detail(administrator, find(username), Map.of("problem",
                                "This person cannot be deleted: " + undeletable.reason() + "."), 409);
                    }
                    return answered(administrator, username, outcome, "");
                }));
    }

    /** Sets the password (never shown again); a recent sign-in first. The person's sign-ins end. */
    @POST
    @Path("{username}/password")
    @Consumes(MediaType.WILDCARD)
    public Response setPassword(@PathParam("username") String username, InputStream body,
                                @Context HttpHeaders headers, @Context HttpServletRequest request) {
        return access.dangerousForm(headers, body, pageOf(username), (administrator, form) -> {
            AccountCommands.Outcome outcome = commands.setPassword(administrator.actor(request), username,
                    Secret.of(form.get("password").orElse("")));
            if (outcome instanceof AccountCommands.Invalid invalid) {
                return detail(administrator, find(username),
                        Map.of("errors", PersonForm.fieldErrors(invalid.violations())), 400);
            }
            return answered(administrator, username, outcome, "The password was set; the person's sign-ins ended.");
        });
    }

    /** A one-time reset code the person types on /account/reset, shown on this answer only. */
    @POST
    @Path("{username}/reset-code")
    @Consumes(MediaType.WILDCARD)
    public Response resetCode(@PathParam("username") String username, InputStream body, @Context HttpHeaders headers,
                              @Context HttpServletRequest request) {
        return access.form(headers, body, pageOf(username), (administrator, form) -> {
            AccountCommands.Outcome outcome = commands.issueResetCode(administrator.actor(request), username);
            if (outcome instanceof AccountCommands.ResetCodeIssued issued) {
                Map<String, Object> extra = new HashMap<>();
                extra.put("resetCode", issued.code().reveal());
                extra.put("resetExpiresAt", issued.expiresAt());
                extra.put("resetPage", urls.page("/account/reset").toString());
                return detail(administrator, find(username), extra, 200);
            }
            return answered(administrator, username, outcome, "");
        });
    }

    /** Clears the sign-in throttle of the person's username. */
    @POST
    @Path("{username}/unlock")
    @Consumes(MediaType.WILDCARD)
    public Response unlock(@PathParam("username") String username, InputStream body, @Context HttpHeaders headers,
                           @Context HttpServletRequest request) {
        return access.form(headers, body, pageOf(username), (administrator, form) -> answered(administrator, username,
                commands.unlock(administrator.actor(request), username),
                "The failed sign-ins were forgotten; the person may sign in at once."));
    }

    /** Revokes the person's consent to {@code client_id}, with that application's tokens for them. */
    @POST
    @Path("{username}/consents/revoke")
    @Consumes(MediaType.WILDCARD)
    public Response revokeConsent(@PathParam("username") String username, InputStream body,
                                  @Context HttpHeaders headers, @Context HttpServletRequest request) {
        return access.form(headers, body, pageOf(username), (administrator, form) -> {
            AccountCommands.StoredAccount stored = find(username);
            ConsentRecords.Outcome outcome = consents.revoke(administrator.actor(request),
                    stored.account().subject(), form.get("client_id").orElse(""));
            return detail(administrator, find(username), outcome instanceof ConsentRecords.Revoked
                    ? Map.of("notice", "The consent was revoked, with the application's tokens for this person.")
                    : Map.of("problem", "There was no such consent left to revoke."), 200,
                            TablePositions.of(pageOf(username), form));
        });
    }

    /** Ends the person's browser session {@code sid}, or every one of them when {@code sid} is {@code all}. */
    @POST
    @Path("{username}/sessions/end")
    @Consumes(MediaType.WILDCARD)
    public Response endSession(@PathParam("username") String username, InputStream body,
                               @Context HttpHeaders headers, @Context HttpServletRequest request) {
        return access.form(headers, body, pageOf(username), (administrator, form) -> {
            Account account = find(username).account();
            String sid = form.get("sid").orElse("");
            String notice;
            if (sid.equals("all")) {
                int ended = sessions.endAll(administrator.actor(request), account.id(), account.username());
                notice = ended == 1 ? "1 session was ended." : ended + " sessions were ended.";
            } else if (sessions.end(administrator.actor(request), account.id(), account.username(), sid)) {
                notice = "The session was ended.";
            } else {
                return detail(administrator, find(username), Map.of("problem", "That session had already ended."),
                        200);
            }
            return detail(administrator, find(username), Map.of("notice", notice), 200);
        });
    }

    /** Revokes one of the person's tokens by its public id. */
    @POST
    @Path("{username}/tokens/revoke")
    @Consumes(MediaType.WILDCARD)
    public Response revokeToken(@PathParam("username") String username, InputStream body,
                                @Context HttpHeaders headers, @Context HttpServletRequest request) {
        return access.form(headers, body, pageOf(username), (administrator, form) -> {
            AccountCommands.StoredAccount stored = find(username);
            String id = form.get("id").orElse("");
            String subject = stored.account().subject();
            boolean theirs = tokens.find(id).filter(token -> token.state() == TokenState.ACTIVE
                    && (token.actsAs().filter(person -> person.subject().equals(subject)).isPresent()
                    || token.issuedBy().filter(person -> person.subject().equals(subject)).isPresent())).isPresent();
            if (!theirs) {
                return detail(administrator, stored, Map.of("problem", "This person holds no such token."), 404,
                        TablePositions.of(pageOf(username), form));
            }
            IssuedReferenceTokens.Outcome outcome = tokens.revoke(administrator.actor(request), id);
            return detail(administrator, find(username), outcome instanceof IssuedReferenceTokens.Revoked
                    ? Map.of("notice", "The token was revoked.")
                    : Map.of("problem", "Several tokens share this id; none was revoked."), 200,
                            TablePositions.of(pageOf(username), form));
        });
    }

    /** Revokes every refresh token family of the person. */
    @POST
    @Path("{username}/refresh-tokens/revoke")
    @Consumes(MediaType.WILDCARD)
    public Response revokeRefreshTokens(@PathParam("username") String username, InputStream body,
                                        @Context HttpHeaders headers, @Context HttpServletRequest request) {
        return access.form(headers, body, pageOf(username), (administrator, form) -> {
            AccountCommands.StoredAccount stored = find(username);
            RefreshTokenFamilies.Outcome outcome = families.revokeAllOfAccount(administrator.actor(request),
                    stored.account().subject());
            int revoked = outcome instanceof RefreshTokenFamilies.Revoked r ? r.families() : 0;
            return detail(administrator, find(username), Map.of("notice",
                    revoked == 1 ? "1 sign-in grant was revoked." : revoked + " sign-in grants were revoked."), 200,
                            TablePositions.of(pageOf(username), form));
        });
    }

    /** The path of a person's page, their username percent-encoded as one segment. */
    static String pageOf(String username) {
        return PATH + "/" + URLEncoder.encode(username, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The page after a command: its notice when done, else why not (409 with the current state for a stale form). */
    private Response answered(ConsoleAccess.Administrator administrator, String username,
                              AccountCommands.Outcome outcome, String notice) {
        if (outcome instanceof AccountCommands.Done) {
            return detail(administrator, find(username), Map.of("notice", notice), 200);
        }
        if (outcome instanceof AccountCommands.NotFound) {
            throw notFound();
        }
        if (outcome instanceof AccountCommands.VersionConflict) {
            return detail(administrator, find(username), Map.of("problem",
                    "Someone changed this person meanwhile; here they are as they are now. Try again."), 409);
        }
        if (outcome instanceof AccountCommands.Invalid invalid) {
            return detail(administrator, find(username), Map.of("problem", String.join(" ",
                    invalid.violations().stream().map(v -> v.field() + " " + v.message()).toList())), 409);
        }
        return detail(administrator, find(username), Map.of(), 200);
    }

    private AccountCommands.StoredAccount find(String username) {
        // A path that no account may be named by is simply not found (and never reaches the database).
        if (AccountPolicy.usernameProblem(username.trim()).isPresent()) {
            throw notFound();
        }
        return commands.find(username).orElseThrow(PeoplePage::notFound);
    }

    private static OAuthException notFound() {
        return OAuthException.of(ErrorCode.NOT_FOUND, "there is no such person",
                "the console was asked for an account that does not exist");
    }

    private static boolean flag(FormParameters form, String name) {
        String value = form.get(name).orElse("");
        if (!value.equals("true") && !value.equals("false")) {
            throw OAuthException.invalidRequest(name + " must be true or false");
        }
        return Boolean.parseBoolean(value);
    }


    private Response detail(ConsoleAccess.Administrator administrator, AccountCommands.StoredAccount stored,
                            Map<String, Object> extra, int status) {
        return detail(administrator, stored, extra, status,
                TablePositions.first(pageOf(stored.account().username())));
    }

    /** The page with their consents, tokens and refresh token families each from its position, a page at a time. */
    private Response detail(ConsoleAccess.Administrator administrator, AccountCommands.StoredAccount stored,
                            Map<String, Object> extra, int status, TablePositions positions) {
        Map<String, Object> model = new HashMap<>(extra);
        model.put("positionFields", positions.fields());
        Account account = stored.account();
        model.put("accountName", LoginPage.nameOf(administrator.account()));
        model.put("csrf", administrator.csrf());
        model.put("person", stored);
        model.put("self", administrator.account().username().equals(account.username()));
        model.putIfAbsent("profile", PersonForm.of(stored));
        model.putIfAbsent("errors", Map.of());
        model.put("claims", claims(account));
        Optional<String> subject = Optional.of(account.subject());
        int limit = positions.limit();
        model.put("consents", positions.table("consents", offset -> consents.slice(new ConsentRecords.Filter(
                subject, Optional.empty()), offset, limit)));
        model.put("sessions", sessions.live(account.id()));
        model.put("tokens", positions.table("tokens", offset -> tokens.slice(new IssuedReferenceTokens.Filter(
                subject, Optional.empty(), Optional.empty(), Optional.of(TokenState.ACTIVE)), offset, limit)));
        model.put("families", positions.table("families", offset -> families.slice(new RefreshTokenFamilies.Filter(
                subject, Optional.empty(), Optional.of(TokenState.ACTIVE)), offset, limit)));
        return ConsoleAccess.page("admin/person", model, status);
    }

    /** The person's standard claims beyond name and email, claim name to value, in OIDC Core §5.1's order. */
    static Map<String, String> claims(Account account) {
        var c = account.claims();
        Map<String, String> shown = new java.util.LinkedHashMap<>();
        for (StandardClaims.TextClaim claim : StandardClaims.TextClaim.values()) {
            claim.of(c).ifPresent(v -> shown.put(claim.wireName(),
                    claim == StandardClaims.TextClaim.PHONE_NUMBER && c.phoneNumberVerified() ? v + " (verified)" : v));
        }
        var a = c.address();
        if (!a.isEmpty()) {
            shown.put("address", String.join(", ", java.util.stream.Stream.of(a.formatted(), a.streetAddress(),
                    a.locality(), a.region(), a.postalCode(), a.country()).flatMap(Optional::stream).toList()));
        }
        return shown;
    }
}
