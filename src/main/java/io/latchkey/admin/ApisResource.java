package io.latchkey.admin;

import io.latchkey.consent.ScopeCommands;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code GET /api/admin/apis}: the APIs (audiences) with their scopes, sorted by audience, the scopes of no API
 * first. An API is not defined on its own: it is the {@code audience} its scopes name, changed through
 * {@code /api/admin/scopes}.
 */
@AdminApi
@Path("api/admin/apis")
@Produces(MediaType.APPLICATION_JSON)
public final class ApisResource {
    @Inject
    private ScopeCommands commands;
    @Context
    private UriInfo uriInfo;

    @GET
    @Operation(summary = "List the APIs (audiences) with their scopes", responses = @ApiResponse(
            responseCode = "200", description = "Every API, one page, the scopes of no API first"))
    public Listing<ApiRepresentation> list() {
        AdminRequest.noQuery(uriInfo);
        return new Listing<>(commands.apis().stream().map(ApiRepresentation::of).toList(), null);
    }




}
