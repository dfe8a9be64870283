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
import java.util.ArrayList;
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
                page).map(ApplicationRepresentation::of), LISTING);
    }

    @GET
    @Path("{client_id}")
    public Response get(@PathParam("client_id") String clientId) {
        noQuery();
        ApplicationView view = find(clientId);
        return Response.ok(ApplicationRepresentation.of(view)).tag(tag(view.version())).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(byte[] body) {
        noQuery();
        requireMediaType(MediaType.APPLICATION_JSON_TYPE);
        JsonNode node = StrictJson.readObject(body);
        refuseForbiddenFields(node);
        ApplicationDefinition definition = StrictJson.bind(node, ApplicationInput.class).definition();
        ApplicationCommands.Done done = done(commands.create(actor(), definition));
        ApplicationView view = find(done.clientId());
        ApplicationRepresentation representation = ApplicationRepresentation.of(view);
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
    public Response patch(@PathParam("client_id") String clientId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                          byte[] body) {
        noQuery();
        long read = EntityTags.requiredVersion(ifMatch);
        requireMediaType(MediaType.valueOf(MergePatch.MEDIA_TYPE));
        JsonNode patch = StrictJson.readObject(body);
        refuseForbiddenFields(patch);
        ApplicationView view = find(clientId);
        if (view.version() != read) {
            throw EntityTags.stale();
        }
        ObjectNode current = (ObjectNode) StrictJson.tree(ApplicationRepresentation.of(view));
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
    public Response enable(@PathParam("client_id") String clientId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return setEnabled(clientId, ifMatch, true);
    }

    @POST
    @Path("{client_id}/disable")
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
    public Response delete(@PathParam("client_id") String clientId, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        noQuery();
        long read = EntityTags.requiredVersion(ifMatch);
        done(commands.delete(actor(), clientId, read));
        return Response.noContent().build();
    }

    @GET
    @Path("{client_id}/secrets")
    public Response secrets(@PathParam("client_id") String clientId) {
        noQuery();
        ApplicationView view = find(clientId);
        List<SecretRepresentation> secrets = view.secrets().stream().map(SecretRepresentation::of).toList();
        return Response.ok(new Listing<>(secrets, null)).tag(tag(view.version())).build();
    }

    @POST
    @Path("{client_id}/secrets")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response rotate(@PathParam("client_id") String clientId, byte[] body) {
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
    public Response retire(@PathParam("client_id") String clientId, @PathParam("id") String id) {
        noQuery();
        if (!id.matches("[0-9]{1,18}")) {
            throw new AdminProblem(ProblemType.NOT_FOUND, "there is no secret " + id + " of application " + clientId);
        }
        ApplicationCommands.Done done = done(commands.retireSecret(actor(), clientId, Long.parseLong(id)));
        return Response.noContent().tag(tag(done.version())).build();
    }

    private Response changed(ApplicationCommands.Done done) {
        ApplicationView view = find(done.clientId());
        ApplicationRepresentation representation = ApplicationRepresentation.of(view);
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
        AdminCaller caller = AdminCaller.of(request);
        if (caller.readOnly()) {
            throw new AdminProblem(ProblemType.FORBIDDEN, "the token only reads");
        }
        return caller.actor();
    }

    private static jakarta.ws.rs.core.EntityTag tag(long version) {
        return new jakarta.ws.rs.core.EntityTag(String.valueOf(version));
    }

    /** These resources take no query parameters: one is refused rather than ignored. */
    private void noQuery() {
        List<String> names = new ArrayList<>(uriInfo.getQueryParameters().keySet());
        if (!names.isEmpty()) {
            throw AdminProblem.invalid(names.stream().sorted().findFirst().orElseThrow(), "is not a parameter of this resource");
        }
    }

    private void requireMediaType(MediaType expected) {
        MediaType sent = headers.getMediaType();
        if (sent == null || !sent.getType().equalsIgnoreCase(expected.getType())
                || !sent.getSubtype().equalsIgnoreCase(expected.getSubtype())) {
            throw new AdminProblem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "send the body as " + expected);
        }
        String charset = sent.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
            throw new AdminProblem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "JSON is UTF-8 (RFC 8259 §8.1)");
        }
    }

    private static void refuseForbiddenFields(JsonNode body) {
        List<Violation> violations = ApplicationInput.forbiddenFields(body);
        if (!violations.isEmpty()) {
            throw AdminProblem.invalid(violations);
        }
    }

}
