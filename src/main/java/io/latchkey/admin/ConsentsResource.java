package io.latchkey.admin;

import io.latchkey.audit.Actor;
import io.latchkey.consent.ConsentRecords;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;

/**
 * {@code /api/admin/consents}: everyone's consents, listed (filters {@code account}, a subject, and
 * {@code application}, a client_id; newest first, cursor pagination), and one person's consent to one application
 * revoked with {@code DELETE /api/admin/consents/{subject}/{client_id}}: the consent goes, and with it that
 * application's refresh token families and opaque access tokens for that person (204; 404 when there is nothing
 * left to take back).
 */
@AdminApi
@Path("api/admin/consents")
@Produces(MediaType.APPLICATION_JSON)
public final class ConsentsResource {
    static final String LISTING = "consents";
    private static final Set<String> FILTERS = Set.of("account", "application");

    @Inject
    private ConsentRecords consents;
    @Context
    private ContainerRequestContext request;
    @Context
    private UriInfo uriInfo;

    @GET
    @Paginated
    @Operation(summary = "List consents, newest first", responses = @ApiResponse(responseCode = "200",
            description = "One page of consents and, unless it is the last, the cursor of the next"))
    @Parameter(in = ParameterIn.QUERY, name = "account", description = "Only the consents of this person (a subject)",
            schema = @Schema(minLength = 1, maxLength = 200))
    @Parameter(in = ParameterIn.QUERY, name = "application",
            description = "Only the consents to this application (a client_id)",
            schema = @Schema(minLength = 1, maxLength = 200))
    public Listing<ConsentRepresentation> list() {
        PageParameters query = PageParameters.of(uriInfo.getQueryParameters(), FILTERS);
        ConsentRecords.Filter filter = new ConsentRecords.Filter(FilterValues.name(query, "account"),
                FilterValues.name(query, "application"));
        return Listing.of(consents.list(filter, FilterValues.page(query, LISTING, ConsentRecords::isPageKey))
                .map(ConsentRepresentation::of), LISTING);
    }

    @DELETE
    @Path("{subject}/{client_id}")
    @Operation(summary = "Revoke a person's consent to an application, with that application's refresh token "
            + "families and opaque access tokens for that person",
            responses = @ApiResponse(responseCode = "204", description = "Revoked"))
    public Response revoke(@PathParam("subject") String subject, @PathParam("client_id") String clientId) {
        AdminRequest.noQuery(uriInfo);
        ConsentRecords.Outcome outcome = consents.revoke(actor(), subject, clientId);
        if (outcome instanceof ConsentRecords.NotFound notFound) {
            throw new AdminProblem(ProblemType.NOT_FOUND, "there is no " + notFound.what());
        }
        return Response.noContent().build();
    }

    private Actor actor() {
        return AdminRequest.changer(request);
    }
}
