package io.latchkey.admin;

import io.latchkey.posture.PostureReview;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code GET /api/admin/posture}: the posture review run now — counts by severity and every finding with its
 * evidence and the admin API call that fixes it. Read-only: {@code latchkey:admin.read} is enough.
 */
@AdminApi
@Path("api/admin/posture")
@Produces(MediaType.APPLICATION_JSON)
public final class PostureResource {
    @Inject
    private PostureReview review;
    @Context
    private UriInfo uriInfo;

    @GET
    @Operation(summary = "Review the server's posture: risky or unused applications, secrets and administrators",
            responses = @ApiResponse(responseCode = "200", description = "The findings, most urgent first, and their "
                    + "counts by severity", content = @Content(schema = @Schema(implementation = PostureRepresentation.class))))
    public PostureRepresentation review() {
        AdminRequest.noQuery(uriInfo);
        return PostureRepresentation.of(review.review());
    }
}
