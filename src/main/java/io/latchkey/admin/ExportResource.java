package io.latchkey.admin;

import io.latchkey.boot.ConfigurationExport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code GET /api/admin/export}: the whole configuration as an import document ({@code LATCHKEY_IMPORT}), without
 * secrets or hashes, never cached (it names every account).
 */
@AdminApi
@Path("api/admin/export")
@Produces(MediaType.APPLICATION_JSON)
public final class ExportResource {
    @Inject
    private ConfigurationExport export;
    @Context
    private UriInfo uriInfo;

    @GET
    @Operation(summary = "Export the whole configuration as an import document, without secrets or hashes",
            responses = @ApiResponse(responseCode = "200", description = "The import document (never cached)",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(types = "object",
                            description = "An import document, the format LATCHKEY_IMPORT reads"))))
    public Response export() {
        AdminRequest.noQuery(uriInfo);
        return Response.ok(export.json(), MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8"))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }




}
