package io.latchkey.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.latchkey.key.KeyRing;
import io.latchkey.key.KeyRotation;
import io.latchkey.key.KeySchedule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/admin/keys}: the published signing keys with their state ({@code next}, {@code current},
 * {@code retiring}) and times; "rotate now" ({@code POST /api/admin/keys/rotate}: each algorithm's next key signs as
 * soon as it has been in JWKS for the cache lifetime) and "revoke now" ({@code POST /api/admin/keys/{kid}/revoke}:
 * the key leaves JWKS at once and nothing it signed verifies any more). Both are audited by the key ring.
 */
@AdminApi
@Path("api/admin/keys")
@Produces(MediaType.APPLICATION_JSON)
public final class SigningKeysResource {
    @Inject
    private KeyRing keys;
    @Context
    private UriInfo uriInfo;
    @Context
    private ContainerRequestContext request;

    /** A published key as the API shows it (never its private half). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeyRepresentation(
            @JsonProperty("kid") String kid,
            @JsonProperty("alg") String alg,
            @JsonProperty("state") String state,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("signing_since") String signingSince,
            @JsonProperty("rotation_requested_at") String rotationRequestedAt,
            @JsonProperty("leaves_jwks_after") String leavesJwksAfter) {

        static KeyRepresentation of(KeySchedule.Row row) {
            return new KeyRepresentation(row.kid(), row.algorithm().name(), row.state(), row.createdAt().toString(),
                    text(row.activatedAt()), text(row.rotationRequestedAt()), text(row.retireAfter()));
        }

        private static String text(Optional<Instant> instant) {
            return instant.map(Instant::toString).orElse(null);
        }
    }

    /** The published keys, oldest first. */
    public record KeyListing(@JsonProperty("items") List<KeyRepresentation> items) {
    }

    /** When a rotation asked for takes effect, per algorithm. */
    public record ScheduledRotation(@JsonProperty("alg") String alg, @JsonProperty("current_kid") String currentKid,
                                    @JsonProperty("next_kid") String nextKid,
                                    @JsonProperty("next_signs_from") String nextSignsFrom) {
    }

    /** The rotations "rotate now" scheduled. */
    public record RotationListing(@JsonProperty("items") List<ScheduledRotation> items) {
    }

    @GET
    @Operation(summary = "List the published signing keys with their state and times", responses = @ApiResponse(
            responseCode = "200", description = "The published keys, oldest first",
            content = @Content(schema = @Schema(implementation = KeyListing.class))))
    public KeyListing list() {
        AdminRequest.noQuery(uriInfo);
        return new KeyListing(keys.states().stream().map(KeyRepresentation::of).toList());
    }

    @POST
    @Path("rotate")
    @Operation(summary = "Rotate now: each algorithm's next key signs once it has been in JWKS for the cache lifetime",
            responses = @ApiResponse(responseCode = "200", description = "The rotations scheduled, per algorithm",
                    content = @Content(schema = @Schema(implementation = RotationListing.class))))
    public RotationListing rotate() {
        AdminRequest.noQuery(uriInfo);
        return new RotationListing(keys.rotateNow(AdminRequest.changer(request)).stream()
                .map(r -> new ScheduledRotation(r.algorithm().name(), r.currentKid(), r.nextKid(),
                        r.nextSignsFrom().toString()))
                .toList());
    }

    @POST
    @Path("{kid}/revoke")
    @Operation(summary = "Revoke a key now: it leaves JWKS at once and nothing it signed verifies any more",
            responses = @ApiResponse(responseCode = "200", description = "The published keys that remain",
                    content = @Content(schema = @Schema(implementation = KeyListing.class))))
    public KeyListing revoke(@PathParam("kid") String kid) {
        AdminRequest.noQuery(uriInfo);
        if (keys.revoke(AdminRequest.changer(request), kid) == KeyRotation.Revocation.NOT_FOUND) {
            throw new AdminProblem(ProblemType.NOT_FOUND, "no published signing key has this kid");
        }
        return list();
    }
}
