package io.latchkey.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.audit.Actor;
import io.latchkey.client.ApplicationCatalog;
import io.latchkey.client.ApplicationCommands;
import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.ApplicationView;
import io.latchkey.client.ClientType;
import io.latchkey.error.Violation;
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
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/admin/applications}: list (filters {@code type}, {@code enabled}, {@code q} — a substring of the
 * client_id or name — and cursor pagination in client_id order), read, create, merge-patch, enable, disable and
 * delete applications, and list, rotate and retire their secrets. Every change goes through
 * {@link ApplicationCommands} as the caller the token names; changes of an application need {@code If-Match}.
 */
@AdminApi
@Path("api/admin/applications")
@Produces(MediaType.APPLICATION_JSON)
public final class ApplicationsResource {
    static final String LISTING = "applications";
    private static final Set<String> FILTERS = Set.of("type", "enabled", "q");

    @Inject
    private ApplicationCatalog catalog;
    @Inject
    private ApplicationCommands commands;
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
    @Operation(summary = "List applications in client_id order", responses = @ApiResponse(responseCode = "200",
            description = "One page of applications and, unless it is the last, the cursor of the next"))
    @Parameter(in = ParameterIn.QUERY, name = "type", description = "Only applications of this type",
            schema = @Schema(allowableValues = {"web", "spa", "native", "m2m"}))
    @Parameter(in = ParameterIn.QUERY, name = "enabled", description = "Only enabled (true) or disabled (false) ones",
            schema = @Schema(type = "boolean"))
    @Parameter(in = ParameterIn.QUERY, name = "q", description = "Only those whose client_id or name contains this",
            schema = @Schema(minLength = 1, maxLength = 200))
    public Listing<ApplicationRepresentation> list() {
        PageParameters query = PageParameters.of(uriInfo.getQueryParameters(), FILTERS);
        PageRequest page = query.page(LISTING);
        Optional<ClientType> type = query.value("type").map(name -> ClientType.fromWireName(name)
                .filter(t -> t.wireName().equals(name))
                .orElseThrow(() -> AdminProblem.invalid("type", "must be one of web, spa, native, m2m")));
        Optional<String> containing = query.value("q");
        if (containing.isPresent() && (containing.get().isEmpty() || containing.get().length() > 200)) {
            throw AdminProblem.invalid("q", "must be 1 to 200 characters");
        }
        return Listing.of(catalog.list(new ApplicationCatalog.Filter(type, query.booleanValue("enabled"), containing),
                page).map(view -> ApplicationRepresentation.of(view, commands.serverLifetimes())), LISTING);
    }

    @GET
    @Path("{client_id}")
    @EntityTagged
    @Operation(summary = "Read an application", responses = @ApiResponse(responseCode = "200",
            description = "The application (never its secret)",
            content = @Content(schema = @Schema(implementation = ApplicationRepresentation.class))))
    public Response get(@PathParam("client_id") String clientId) {
        noQuery();
        ApplicationView view = find(clientId);
        return Response.ok(ApplicationRepresentation.of(view, commands.serverLifetimes())).tag(tag(view.version())).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @EntityTagged
    @Operation(summary = "Create an application; a confidential one's generated secret is in this answer only",
            requestBody = @RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = ApplicationInput.class))),
            responses = {
                @ApiResponse(responseCode = "201", description = "Created, with the secret of a confidential one",
                        headers = @Header(name = HttpHeaders.LOCATION, description = "The application's address",
                                schema = @Schema(type = "string", format = "uri")),
                        content = @Content(schema = @Schema(implementation = ApplicationRepresentation.class))),
                @ApiResponse(responseCode = "409", ref = "conflict")})
    public Response create(@Parameter(hidden = true) byte[] body) {
        noQuery();
        requireMediaType(MediaType.APPLICATION_JSON_TYPE);
        JsonNode node = StrictJson.readObject(body);
        refuseForbiddenFields(node);
        ApplicationDefinition definition = StrictJson.bind(node, ApplicationInput.class).definition();
        ApplicationCommands.Done done = done(commands.create(actor(), definition));
        ApplicationView view = find(done.clientId());
        ApplicationRepresentation representation = ApplicationRepresentation.of(view, commands.serverLifetimes());
        if (done.secret().isPresent()) {
            representation = representation.withSecret(done.secret().get().reveal());
        }
        return Response.created(urls.page("/api/admin/applications/" + done.clientId()))
                .tag(tag(view.version()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(representation).build();
    }

    @PATCH
    @Path("{client_id}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @EntityTagged
    @Operation(summary = "Change an application with a JSON merge patch (RFC 7396) of its representation",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MergePatch.MEDIA_TYPE,
                    schema = @Schema(types = "object", description = "The fields to change; null removes one"))),
            responses = @ApiResponse(responseCode = "200", description = "The changed application",
                    content = @Content(schema = @Schema(implementation = ApplicationRepresentation.class))))
    public Response patch(@PathParam("client_id") String clientId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          @Parameter(hidden = true) byte[] body) {
        noQuery();
        long read = EntityTags.requiredVersion(ifMatch);
        requireMediaType(MediaType.valueOf(MergePatch.MEDIA_TYPE));
        JsonNode patch = StrictJson.readObject(body);
        refuseForbiddenFields(patch);
        ApplicationView view = find(clientId);
        if (view.version() != read) {
            throw EntityTags.stale();
        }
        ObjectNode current = (ObjectNode) StrictJson.tree(ApplicationRepresentation.of(view, commands.serverLifetimes()));
        current.remove(ApplicationInput.READ_ONLY);
        current.remove("secret");
        JsonNode merged = MergePatch.apply(current, patch);
        if (!merged.path("client_id").isTextual() || !clientId.equals(merged.path("client_id").asText())) {
            throw AdminProblem.invalid("client_id", "cannot be changed (create a new application instead)");
        }
        ApplicationDefinition definition = StrictJson.bind(merged, ApplicationInput.class).definition();
        ApplicationCommands.Done done = done(commands.update(actor(), definition, read));
        return changed(done);
    }

    @POST
    @Path("{client_id}/enable")
    @EntityTagged
    @Operation(summary = "Enable an application", responses = @ApiResponse(responseCode = "200",
            description = "The application",
            content = @Content(schema = @Schema(implementation = ApplicationRepresentation.class))))
    public Response enable(@PathParam("client_id") String clientId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return setEnabled(clientId, ifMatch, true);
    }

    @POST
    @Path("{client_id}/disable")
    @EntityTagged
    @Operation(summary = "Disable an application", responses = @ApiResponse(responseCode = "200",
            description = "The application",
            content = @Content(schema = @Schema(implementation = ApplicationRepresentation.class))))
    public Response disable(@PathParam("client_id") String clientId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return setEnabled(clientId, ifMatch, false);
    }

    private Response setEnabled(String clientId, String ifMatch, boolean enabled) {
        noQuery();
        long read = EntityTags.requiredVersion(ifMatch);
        return changed(done(commands.setEnabled(actor(), clientId, enabled, read)));
    }

    @DELETE
    @Path("{client_id}")
    @Operation(summary = "Delete an application",
            responses = @ApiResponse(responseCode = "204", description = "Deleted"))
    public Response delete(@PathParam("client_id") String clientId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        noQuery();
        long read = EntityTags.requiredVersion(ifMatch);
        done(commands.delete(actor(), clientId, read));
        return Response.noContent().build();
    }

    @GET
    @Path("{client_id}/secrets")
    @EntityTagged
    @Operation(summary = "List an application's secrets (never their values)", responses = @ApiResponse(
            responseCode = "200", description = "Every secret of the application, one page",
            content = @Content(schema = @Schema(implementation = SecretListing.class))))
    public Response secrets(@PathParam("client_id") String clientId) {
        noQuery();
        ApplicationView view = find(clientId);
        List<SecretRepresentation> secrets = view.secrets().stream().map(SecretRepresentation::of).toList();
        return Response.ok(new Listing<>(secrets, null)).tag(tag(view.version())).build();
    }

    @POST
    @Path("{client_id}/secrets")
    @Consumes(MediaType.APPLICATION_JSON)
    @EntityTagged
    @Operation(summary = "Rotate: generate a new secret, shown in this answer only; the previous ones keep working "
            + "for the overlap", requestBody = @RequestBody(required = false,
                    content = @Content(schema = @Schema(implementation = SecretRotation.class))),
            responses = @ApiResponse(responseCode = "201", description = "The new secret, with its value",
                    headers = @Header(name = HttpHeaders.LOCATION, description = "The secret's address",
                            schema = @Schema(type = "string", format = "uri")),
                    content = @Content(schema = @Schema(implementation = SecretRepresentation.class))))
    public Response rotate(@PathParam("client_id") String clientId, @Parameter(hidden = true) byte[] body) {
        noQuery();
        Duration overlap = ApplicationCommands.DEFAULT_OVERLAP;
        if (body != null && body.length > 0) {
            requireMediaType(MediaType.APPLICATION_JSON_TYPE);
            SecretRotation rotation = StrictJson.bind(StrictJson.readObject(body), SecretRotation.class);
            if (rotation.overlapSeconds() != null) {
                long seconds = rotation.overlapSeconds();
                if (seconds < 0 || seconds > ApplicationCommands.MAX_OVERLAP.toSeconds()) {
                    throw AdminProblem.invalid("overlap_seconds",
                            "must be between 0 and " + ApplicationCommands.MAX_OVERLAP.toSeconds());
                }
                overlap = Duration.ofSeconds(seconds);
            }
        }
        ApplicationCommands.Done done = done(commands.rotateSecret(actor(), clientId, overlap));
        ApplicationView view = find(clientId);
        ApplicationView.SecretView created = view.secrets().stream().filter(ApplicationView.SecretView::current)
                .max(Comparator.comparing(ApplicationView.SecretView::id)).orElseThrow();
        return Response.created(urls.page("/api/admin/applications/" + clientId + "/secrets/" + created.id()))
                .tag(tag(done.version()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(SecretRepresentation.of(created).withSecret(done.secret().orElseThrow().reveal()))
                .build();
    }

    @DELETE
    @Path("{client_id}/secrets/{id}")
    @EntityTagged
    @Operation(summary = "Retire a secret now", responses = @ApiResponse(responseCode = "204", description = "Retired"))
    public Response retire(@PathParam("client_id") String clientId, @PathParam("id") String id) {
        noQuery();
        if (!id.matches("[0-9]{1,18}")) {
            throw new AdminProblem(ProblemType.NOT_FOUND, "there is no secret " + id + " of application " + clientId);
        }
        ApplicationCommands.Done done = done(commands.retireSecret(actor(), clientId, Long.parseLong(id)));
        return Response.noContent().tag(tag(done.version())).build();
    }

    /** The body of the secrets listing, for the OpenAPI document (a generic {@link Listing} has no schema name). */
    @Schema(name = "SecretListing")
    private record SecretListing(@com.fasterxml.jackson.annotation.JsonProperty("items") List<SecretRepresentation> items) {
    }

    private Response changed(ApplicationCommands.Done done) {
        ApplicationView view = find(done.clientId());
        ApplicationRepresentation representation = ApplicationRepresentation.of(view, commands.serverLifetimes());
        Response.ResponseBuilder response = Response.ok().tag(tag(view.version()));
        if (done.secret().isPresent()) {
            representation = representation.withSecret(done.secret().get().reveal());
            response.header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        return response.entity(representation).build();
    }

    private ApplicationView find(String clientId) {
        return catalog.find(clientId).orElseThrow(() ->
                new AdminProblem(ProblemType.NOT_FOUND, "there is no application " + clientId));
    }

    /** The command's {@link ApplicationCommands.Done}, or its refusal as a problem. */
    private static ApplicationCommands.Done done(ApplicationCommands.Outcome outcome) {
        if (outcome instanceof ApplicationCommands.Done done) {
            return done;
        }
        if (outcome instanceof ApplicationCommands.Invalid invalid) {
            throw AdminProblem.invalid(invalid.violations());
        }
        if (outcome instanceof ApplicationCommands.NotFound notFound) {
            throw new AdminProblem(ProblemType.NOT_FOUND, "there is no " + notFound.what());
        }
        if (outcome instanceof ApplicationCommands.VersionConflict) {
            throw EntityTags.stale();
        }
        ApplicationCommands.AlreadyExists exists = (ApplicationCommands.AlreadyExists) outcome;
        throw new AdminProblem(ProblemType.CONFLICT, "the client_id " + exists.clientId() + " is taken");
    }

    private Actor actor() {
        return AdminRequest.changer(request);
    }

    private static jakarta.ws.rs.core.EntityTag tag(long version) {
        return AdminRequest.tag(version);
    }

    /** These resources take no query parameters: one is refused rather than ignored. */
    private void noQuery() {
        AdminRequest.noQuery(uriInfo);
    }

    private void requireMediaType(MediaType expected) {
        AdminRequest.requireMediaType(headers, expected);
    }

    private static void refuseForbiddenFields(JsonNode body) {
        List<Violation> violations = ApplicationInput.forbiddenFields(body);
        if (!violations.isEmpty()) {
            throw AdminProblem.invalid(violations);
        }
    }

}
