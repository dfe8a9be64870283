package io.latchkey.admin;

import io.latchkey.web.IssuerUrls;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * {@code GET /api/admin/openapi.json}: the admin API's OpenAPI 3.1 document ({@link AdminApiDocument}), generated
 * once, on the first request, from the admin resources registered with Jersey. Like every admin resource it
 * answers admin tokens only ({@code latchkey:admin.read} suffices): the API's shape is not shown to strangers (as
 * {@link UnknownAdminPathResource} does not), and whoever may call the API may read its description.
 */
@AdminApi
@Singleton
@Path("api/admin/openapi.json")
@Produces(MediaType.APPLICATION_JSON)
public final class OpenApiResource {
    @Inject
    private IssuerUrls urls;
    @Context
    private Configuration configuration;
    @Context
    private UriInfo uriInfo;

    private byte[] document;

    @GET
    @Operation(summary = "This document: the admin API's OpenAPI 3.1 description",
            responses = @ApiResponse(responseCode = "200", description = "The OpenAPI document",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(types = "object", description = "An OpenAPI 3.1 document"))))
    public Response get() {
        List<String> names = uriInfo.getQueryParameters().keySet().stream().sorted().toList();
        if (!names.isEmpty()) {
            throw AdminProblem.invalid(names.get(0), "is not a parameter of this resource");
        }
        return Response.ok(document(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Once: swagger-core's model converters are process-wide and not meant for concurrent reads. */
    private synchronized byte[] document() {
        byte[] generated = document;
        if (generated == null) {
            String issuer = urls.page("/").toString();
            generated = AdminApiDocument.json(issuer.substring(0, issuer.length() - 1), configuration.getClasses());
            document = generated;
        }
        return generated;
    }
}
