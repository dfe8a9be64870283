package io.latchkey.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.account.AccountCommands;
import io.latchkey.account.AccountPolicy;
import io.latchkey.store.PageRequest;
import io.latchkey.web.IssuerUrls;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/admin/accounts}: list (filters {@code admin}, {@code enabled}, {@code q} — a substring of the
 * username, name or email — and cursor pagination in username order), read, create and merge-patch the profile
 * ({@code name}, {@code email}, {@code email_verified}); {@code POST …/enable} and {@code …/disable},
 * {@code POST …/admin} (grant) and {@code DELETE …/admin} (revoke), and {@code DELETE …} (the account and
 * everything the person holds; not one's own, nor the last enabled administrator: 409), each from the version in
 * {@code If-Match};
 * {@code POST …/password} (204; the password is never echoed) and {@code POST …/unlock} (clears the sign-in
 * throttle; 204), which depend on no other field and take no version; {@code POST …/password-reset} (201: a
 * one-time reset code for the person to redeem on {@code /account/reset}, shown in this answer only). Every change goes through
 * {@link AccountCommands} as the caller the token names.
 */
@AdminApi
@Path("api/admin/accounts")
@Produces(MediaType.APPLICATION_JSON)
public final class AccountsResource {
    static final String LISTING = "accounts";
    private static final Set<String> FILTERS = Set.of("admin", "enabled", "q");
    /** Fields of an account that a profile patch cannot change, and where they are changed instead. */
    private static final Map<String, String> NOT_IN_A_PATCH = Map.of(
            "username", "cannot be changed",
            "admin", "is changed through POST or DELETE /api/admin/accounts/{username}/admin",
            "enabled", "is changed through POST /api/admin/accounts/{username}/enable or /disable",
            "password", "is set through POST /api/admin/accounts/{username}/password");

    @Inject
    private AccountCommands commands;
    @Inject
    private IssuerUrls urls;
    @Context
    private ContainerRequestContext request;
    @Context
    private HttpHeaders headers;
    @Context
    private UriInfo uriInfo;

    @GET
    @Paginated
    @Operation(summary = "List accounts in username order", responses = @ApiResponse(responseCode = "200",
            description = "One page of accounts and, unless it is the last, the cursor of the next"))
    @Parameter(in = ParameterIn.QUERY, name = "admin", description = "Only administrators (true) or the others (false)",
            schema = @Schema(type = "boolean"))
    @Parameter(in = ParameterIn.QUERY, name = "enabled", description = "Only enabled (true) or disabled (false) ones",
            schema = @Schema(type = "boolean"))
    @Parameter(in = ParameterIn.QUERY, name = "q", description = "Only those whose username or name contains this",
            schema = @Schema(minLength = 1, maxLength = 200))
    public Listing<AccountRepresentation> list() {
        PageParameters query = PageParameters.of(uriInfo.getQueryParameters(), FILTERS);
        PageRequest page = query.page(LISTING);
        Optional<String> containing = query.value("q");
        if (containing.isPresent() && (containing.get().isEmpty() || containing.get().length() > 200)) {
            throw AdminProblem.invalid("q", "must be 1 to 200 characters");
        }
        return Listing.of(commands.list(new AccountCommands.Filter(query.booleanValue("admin"),
                query.booleanValue("enabled"), containing), page).map(AccountRepresentation::of), LISTING);
    }

    @GET
    @Path("{username}")
    @EntityTagged
    @Operation(summary = "Read an account", responses = @ApiResponse(responseCode = "200",
            description = "The account (never its password)", content = @Content(schema = @Schema(implementation = AccountRepresentation.class))))
    public Response get(@PathParam("username") String username) {
        AdminRequest.noQuery(uriInfo);
        return current(username);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @EntityTagged
    @Operation(summary = "Create an account",
            requestBody = @RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = AccountInput.class))),
            responses = {
                @ApiResponse(responseCode = "201", description = "Created",
                        headers = @Header(name = HttpHeaders.LOCATION, description = "The account's address",
                                schema = @Schema(type = "string", format = "uri")),
                        content = @Content(schema = @Schema(implementation = AccountRepresentation.class))),
                @ApiResponse(responseCode = "409", ref = "conflict")})
    public Response create(@Parameter(hidden = true) byte[] body) {
        AdminRequest.noQuery(uriInfo);
        AdminRequest.requireMediaType(headers, MediaType.APPLICATION_JSON_TYPE);
        JsonNode node = StrictJson.readObject(body);
        refuseReadOnly(node);
        AccountCommands.Done done = done(commands.create(AdminRequest.changer(request),
                StrictJson.bind(node, AccountInput.class).definition()));
        AccountCommands.StoredAccount stored = find(done.username());
        return Response.created(urls.page("/api/admin/accounts/" + done.username()))
                .tag(AdminRequest.tag(stored.version()))
                .entity(AccountRepresentation.of(stored)).build();
    }

    @PATCH
    @Path("{username}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @EntityTagged
    @Operation(summary = "Change an account's profile (name, email, email_verified and the OpenID Connect standard "
            + "claims: given_name ... locale, phone_number, phone_number_verified, address) with a JSON merge patch "
            + "(RFC 7396)", requestBody = @RequestBody(required = true, content = @Content(
                    mediaType = MergePatch.MEDIA_TYPE,
                    schema = @Schema(types = "object", description = "The fields to change; null removes one"))),
            responses = @ApiResponse(responseCode = "200", description = "The changed account", content = @Content(schema = @Schema(implementation = AccountRepresentation.class))))
    public Response patch(@PathParam("username") String username, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          @Parameter(hidden = true) byte[] body) {
        AdminRequest.noQuery(uriInfo);
        long read = EntityTags.requiredVersion(ifMatch);
        AdminRequest.requireMediaType(headers, MediaType.valueOf(MergePatch.MEDIA_TYPE));
        JsonNode patch = StrictJson.readObject(body);
        refuseReadOnly(patch);
        for (Map.Entry<String, String> field : NOT_IN_A_PATCH.entrySet()) {
            if (patch.has(field.getKey())) {
                throw AdminProblem.invalid(field.getKey(), field.getValue());
            }
        }
        AccountCommands.StoredAccount stored = find(username);
        if (stored.version() != read) {
            throw EntityTags.stale();
        }
        // The profile as the representation shows it: the fields a patch may change, absent claims left out.
        ObjectNode current = (ObjectNode) StrictJson.tree(AccountRepresentation.of(stored));
        current.remove(NOT_IN_A_PATCH.keySet());
        current.remove(AccountRepresentation.READ_ONLY);
        JsonNode merged = MergePatch.apply(current, patch);
        AccountCommands.Profile profile = StrictJson.bind(merged, ProfileInput.class).profile();
        done(commands.update(AdminRequest.changer(request), username, profile, read));
        return current(username);
    }

    @DELETE
    @Path("{username}")
    @Operation(summary = "Delete an account and everything the person holds (sessions, consents, refresh tokens, "
            + "personal access tokens and the service access tokens they made, codes, sign-in throttle); the audit "
            + "trail keeps its events. Not one's own account, nor the last enabled administrator (409)",
            responses = {@ApiResponse(responseCode = "204", description = "Deleted"),
                @ApiResponse(responseCode = "409", ref = "conflict")})
    public Response delete(@PathParam("username") String username, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        long read = versionOf(ifMatch);
        done(commands.delete(AdminRequest.changer(request), username, read));
        return Response.noContent().build();
    }

    @POST
    @Path("{username}/enable")
    @EntityTagged
    @Operation(summary = "Enable an account", responses = @ApiResponse(responseCode = "200", description = "The account",
            content = @Content(schema = @Schema(implementation = AccountRepresentation.class))))
    public Response enable(@PathParam("username") String username, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        long read = versionOf(ifMatch);
        done(commands.setEnabled(AdminRequest.changer(request), username, true, read));
        return current(username);
    }

    @POST
    @Path("{username}/disable")
    @EntityTagged
    @Operation(summary = "Disable an account", responses = @ApiResponse(responseCode = "200", description = "The account",
            content = @Content(schema = @Schema(implementation = AccountRepresentation.class))))
    public Response disable(@PathParam("username") String username, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        long read = versionOf(ifMatch);
        done(commands.setEnabled(AdminRequest.changer(request), username, false, read));
        return current(username);
    }

    @POST
    @Path("{username}/admin")
    @EntityTagged
    @Operation(summary = "Make an account an administrator", responses = @ApiResponse(responseCode = "200", description = "The account",
            content = @Content(schema = @Schema(implementation = AccountRepresentation.class))))
    public Response grantAdmin(@PathParam("username") String username,
                               @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        long read = versionOf(ifMatch);
        done(commands.setAdmin(AdminRequest.changer(request), username, true, read));
        return current(username);
    }

    @DELETE
    @Path("{username}/admin")
    @EntityTagged
    @Operation(summary = "Take an account's administrator role away", responses = @ApiResponse(responseCode = "200",
            description = "The account", content = @Content(schema = @Schema(implementation = AccountRepresentation.class))))
    public Response revokeAdmin(@PathParam("username") String username,
                                @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        long read = versionOf(ifMatch);
        done(commands.setAdmin(AdminRequest.changer(request), username, false, read));
        return current(username);
    }

    @POST
    @Path("{username}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @EntityTagged
    @Operation(summary = "Set an account's password",
            requestBody = @RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = PasswordInput.class))),
            responses = @ApiResponse(responseCode = "204", description = "Set"))
    public Response setPassword(@PathParam("username") String username, @Parameter(hidden = true) byte[] body) {
        AdminRequest.noQuery(uriInfo);
        AdminRequest.requireMediaType(headers, MediaType.APPLICATION_JSON_TYPE);
        PasswordInput input = StrictJson.bind(StrictJson.readObject(body), PasswordInput.class);
        AccountCommands.Done done = done(commands.setPassword(AdminRequest.changer(request), username,
                input.secret()));
        return Response.noContent().tag(AdminRequest.tag(done.version())).build();
    }

    @POST
    @Path("{username}/unlock")
    @EntityTagged
    @Operation(summary = "Unlock an account that failed sign-ins locked",
            responses = @ApiResponse(responseCode = "204", description = "Unlocked"))
    public Response unlock(@PathParam("username") String username) {
        AdminRequest.noQuery(uriInfo);
        AccountCommands.Done done = done(commands.unlock(AdminRequest.changer(request), username));
        return Response.noContent().tag(AdminRequest.tag(done.version())).build();
    }

    @POST
    @Path("{username}/password-reset")
    @Operation(summary = "Issue a one-time password-reset code (valid 24 h, replacing the account's previous one); "
            + "the code is in this answer only, the person redeems it on reset_page",
            responses = @ApiResponse(responseCode = "201", description = "The code, shown once",
                    content = @Content(schema = @Schema(implementation = ResetCodeRepresentation.class))))
    public Response issueResetCode(@PathParam("username") String username) {
        AdminRequest.noQuery(uriInfo);
        find(username);
        AccountCommands.Outcome outcome = commands.issueResetCode(AdminRequest.changer(request), username);
        if (!(outcome instanceof AccountCommands.ResetCodeIssued issued)) {
            done(outcome);
            throw new IllegalStateException("unexpected outcome " + outcome.getClass().getSimpleName());
        }
        return Response.status(Response.Status.CREATED)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(new ResetCodeRepresentation(issued.code().reveal(), issued.expiresAt().toString(),
                        urls.page("/account/reset").toString()))
                .build();
    }

    private long versionOf(String ifMatch) {
        AdminRequest.noQuery(uriInfo);
        return EntityTags.requiredVersion(ifMatch);
    }

    private Response current(String username) {
        AccountCommands.StoredAccount stored = find(username);
        return Response.ok(AccountRepresentation.of(stored)).tag(AdminRequest.tag(stored.version())).build();
    }

    private AccountCommands.StoredAccount find(String username) {
        // A path that no account may be named by is simply not found (and never reaches the database).
        if (AccountPolicy.usernameProblem(username.trim()).isPresent()) {
            throw new AdminProblem(ProblemType.NOT_FOUND, "there is no such account");
        }
        return commands.find(username).orElseThrow(() ->
                new AdminProblem(ProblemType.NOT_FOUND, "there is no account " + username.trim()));
    }

    /** The command's {@link AccountCommands.Done}, or its refusal as a problem. */
    private static AccountCommands.Done done(AccountCommands.Outcome outcome) {
        if (outcome instanceof AccountCommands.Done done) {
            return done;
        }
        if (outcome instanceof AccountCommands.Invalid invalid) {
            throw AdminProblem.invalid(invalid.violations());
        }
        if (outcome instanceof AccountCommands.NotFound notFound) {
            throw new AdminProblem(ProblemType.NOT_FOUND, "there is no account " + notFound.username());
        }
        if (outcome instanceof AccountCommands.VersionConflict) {
            throw EntityTags.stale();
        }
        if (outcome instanceof AccountCommands.Undeletable undeletable) {
            throw new AdminProblem(ProblemType.CONFLICT, "the account " + undeletable.username()
                    + " cannot be deleted: " + undeletable.reason());
        }
        if (!(outcome instanceof AccountCommands.AlreadyExists exists)) {
            throw new IllegalStateException("unexpected outcome " + outcome.getClass().getSimpleName());
        }
        throw new AdminProblem(ProblemType.CONFLICT, "the username " + exists.username() + " is taken");
    }

    private static void refuseReadOnly(JsonNode body) {
        for (String field : AccountRepresentation.READ_ONLY) {
            if (body.has(field)) {
                throw AdminProblem.invalid(field, "is read-only");
            }
        }
    }
}
