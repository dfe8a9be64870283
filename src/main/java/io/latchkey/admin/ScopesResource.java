package io.latchkey.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.consent.ScopeCommands;
import io.latchkey.store.Page;
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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/admin/scopes}: list (filter {@code audience}, cursor pagination in name order), read, create,
 * merge-patch (description and audience) and delete scopes, through {@link ScopeCommands} as the caller the token
 * names; a change of a scope needs {@code If-Match}. Latchkey's own scopes are listed but cannot be changed.
 */
@AdminApi
@Path("api/admin/scopes")
@Produces(MediaType.APPLICATION_JSON)
public final class ScopesResource {
    static final String LISTING = "scopes";
    private static final Set<String> FILTERS = Set.of("audience");

    @Inject
    private ScopeCommands commands;
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
    @Operation(summary = "List scopes in name order", responses = @ApiResponse(responseCode = "200",
            description = "One page of scopes and, unless it is the last, the cursor of the next"))
    @Parameter(in = ParameterIn.QUERY, name = "audience", description = "Only the scopes of this API (audience)",
            schema = @Schema(type = "string"))
    public Listing<ScopeRepresentation> list() {
        PageParameters query = PageParameters.of(uriInfo.getQueryParameters(), FILTERS);
        PageRequest page = query.page(LISTING);
        Optional<String> audience = query.value("audience");
        // Scopes are few: the page is cut from the whole list, in name order, after the cursor's name.
        List<ScopeCommands.StoredScope> fetched = commands.list().stream()
                .filter(s -> audience.isEmpty() || s.scope().audience().equals(audience))
                .filter(s -> page.afterKey().isEmpty() || s.scope().name().compareTo(page.afterKey().get()) > 0)
                .sorted(Comparator.comparing(s -> s.scope().name()))
                .limit(page.limit() + 1L)
                .toList();
        return Listing.of(Page.of(fetched, page, s -> s.scope().name()).map(ScopeRepresentation::of), LISTING);
    }

    @GET
    @Path("{name}")
    @EntityTagged
    @Operation(summary = "Read a scope", responses = @ApiResponse(responseCode = "200", description = "The scope",
            content = @Content(schema = @Schema(implementation = ScopeRepresentation.class))))
    public Response get(@PathParam("name") String name) {
        AdminRequest.noQuery(uriInfo);
        ScopeCommands.StoredScope stored = find(name);
        return Response.ok(ScopeRepresentation.of(stored)).tag(AdminRequest.tag(stored.version())).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @EntityTagged
    @Operation(summary = "Create a scope",
            requestBody = @RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = ScopeInput.class))),
            responses = {
                @ApiResponse(responseCode = "201", description = "Created",
                        headers = @Header(name = HttpHeaders.LOCATION, description = "The scope's address",
                                schema = @Schema(type = "string", format = "uri")),
                        content = @Content(schema = @Schema(implementation = ScopeRepresentation.class))),
                @ApiResponse(responseCode = "409", ref = "conflict")})
    public Response create(@Parameter(hidden = true) byte[] body) {
        AdminRequest.noQuery(uriInfo);
        AdminRequest.requireMediaType(headers, MediaType.APPLICATION_JSON_TYPE);
        JsonNode node = StrictJson.readObject(body);
        refuseReadOnly(node);
        ScopeCommands.Done done = done(commands.create(AdminRequest.changer(request),
                StrictJson.bind(node, ScopeInput.class).scope()));
        ScopeCommands.StoredScope stored = find(done.name());
        return Response.created(urls.page("/api/admin/scopes/" + pathSegment(done.name())))
                .tag(AdminRequest.tag(stored.version()))
                .entity(ScopeRepresentation.of(stored)).build();
    }

    @PATCH
    @Path("{name}")
    @Consumes(MergePatch.MEDIA_TYPE)
    @EntityTagged
    @Operation(summary = "Change a scope's description or audience with a JSON merge patch (RFC 7396) of its "
            + "representation", requestBody = @RequestBody(required = true, content = @Content(
                    mediaType = MergePatch.MEDIA_TYPE,
                    schema = @Schema(types = "object", description = "The fields to change; null removes one"))),
            responses = @ApiResponse(responseCode = "200", description = "The changed scope",
                    content = @Content(schema = @Schema(implementation = ScopeRepresentation.class))))
    public Response patch(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          @Parameter(hidden = true) byte[] body) {
        AdminRequest.noQuery(uriInfo);
        long read = EntityTags.requiredVersion(ifMatch);
        AdminRequest.requireMediaType(headers, MediaType.valueOf(MergePatch.MEDIA_TYPE));
        JsonNode patch = StrictJson.readObject(body);
        refuseReadOnly(patch);
        ScopeCommands.StoredScope stored = find(name);
        if (stored.version() != read) {
            throw EntityTags.stale();
        }
        ObjectNode current = (ObjectNode) StrictJson.tree(ScopeRepresentation.of(stored));
        current.remove(List.of("version", "created_at"));
        JsonNode merged = MergePatch.apply(current, patch);
        if (!merged.path("name").isTextual() || !name.equals(merged.path("name").asText())) {
            throw AdminProblem.invalid("name", "cannot be changed (create a new scope instead)");
        }
        ScopeCommands.Done done = done(commands.update(AdminRequest.changer(request),
                StrictJson.bind(merged, ScopeInput.class).scope(), read));
        ScopeCommands.StoredScope now = find(done.name());
        return Response.ok(ScopeRepresentation.of(now)).tag(AdminRequest.tag(now.version())).build();
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete a scope", responses = @ApiResponse(responseCode = "204", description = "Deleted"))
    public Response delete(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        AdminRequest.noQuery(uriInfo);
        long read = EntityTags.requiredVersion(ifMatch);
        done(commands.delete(AdminRequest.changer(request), name, read));
        return Response.noContent().build();
    }

    /**
     * {@code name} as one path segment (RFC 3986 §3.3): a scope token may hold {@code /}, {@code ?}, {@code #} or
     * {@code %}, which are percent-encoded; the rest of pchar stays.
     */
    static String pathSegment(String name) {
        StringBuilder segment = new StringBuilder();
        for (byte b : name.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
                segment.append(c);
            } else {
                segment.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return segment.toString();
    }

    private ScopeCommands.StoredScope find(String name) {
        return commands.find(name).orElseThrow(() -> new AdminProblem(ProblemType.NOT_FOUND, "there is no scope " + name));
    }

    /** The command's {@link ScopeCommands.Done}, or its refusal as a problem. */
    private static ScopeCommands.Done done(ScopeCommands.Outcome outcome) {
        if (outcome instanceof ScopeCommands.Done done) {
            return done;
        }
        if (outcome instanceof ScopeCommands.Invalid invalid) {
            throw AdminProblem.invalid(invalid.violations());
        }
        if (outcome instanceof ScopeCommands.NotFound notFound) {
            throw new AdminProblem(ProblemType.NOT_FOUND, "there is no scope " + notFound.name());
        }
        if (outcome instanceof ScopeCommands.VersionConflict) {
            throw EntityTags.stale();
        }
        ScopeCommands.AlreadyExists exists = (ScopeCommands.AlreadyExists) outcome;
        throw new AdminProblem(ProblemType.CONFLICT, "the scope " + exists.name() + " exists already");
    }

    private static void refuseReadOnly(JsonNode body) {
        for (String field : List.of("version", "created_at")) {
            if (body.has(field)) {
                throw AdminProblem.invalid(field, "is read-only");
            }
        }
    }
}
