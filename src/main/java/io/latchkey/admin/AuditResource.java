package io.latchkey.admin;

import io.latchkey.audit.AuditHistory;
import io.latchkey.audit.AuditQuery;
import io.latchkey.error.Violation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /api/admin/audit}: the stored audit trail, newest first, with cursor pagination. Filters:
 * {@code actor} ({@code account:<subject>}, {@code application:<client_id>}, {@code import}, {@code system},
 * {@code anonymous}), {@code target} (exact, e.g. {@code application:web}), {@code action} (exact, or every action
 * under a prefix ending in a dot, e.g. {@code application.}), {@code from} (inclusive) and {@code to} (exclusive),
 * RFC 3339 date-times with an offset.
 */
@AdminApi
@Path("api/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {
    static final String LISTING = "audit";
    private static final Set<String> FILTERS = Set.of("actor", "target", "action", "from", "to");

    @Inject
    private AuditHistory history;
    @Context
    private UriInfo uriInfo;

    @GET
    @Paginated
    @Operation(summary = "Search the audit trail, newest first", responses = @ApiResponse(responseCode = "200",
            description = "One page of audit events and, unless it is the last, the cursor of the next"))
    @Parameter(in = ParameterIn.QUERY, name = "actor", description = "Only the events of this actor: "
            + "account:<subject>, application:<client_id>, import, system or anonymous",
            schema = @Schema(minLength = 1, maxLength = 200))
    @Parameter(in = ParameterIn.QUERY, name = "target", description = "Only the events on this target (exact, e.g. "
            + "application:web)", schema = @Schema(minLength = 1, maxLength = 200))
    @Parameter(in = ParameterIn.QUERY, name = "action", description = "Only this action (exact), or every action "
            + "under a prefix ending in a dot (e.g. application.)", schema = @Schema(minLength = 1, maxLength = 200))
    @Parameter(in = ParameterIn.QUERY, name = "from", description = "Only events at or after this instant (RFC 3339, "
            + "with an offset)", schema = @Schema(type = "string", format = "date-time"))
    @Parameter(in = ParameterIn.QUERY, name = "to", description = "Only events before this instant (RFC 3339, with "
            + "an offset)", schema = @Schema(type = "string", format = "date-time"))
    public Listing<AuditEventRepresentation> find() {
        PageParameters query = PageParameters.of(uriInfo.getQueryParameters(), FILTERS);
        AuditQuery audit = new AuditQuery(FilterValues.name(query, "actor"), FilterValues.name(query, "target"),
                FilterValues.name(query, "action"), FilterValues.time(query, "from"), FilterValues.time(query, "to"),
                query.page(LISTING));
        List<Violation> violations = audit.violations();
        if (!violations.isEmpty()) {
            throw AdminProblem.invalid(violations);
        }
        return Listing.of(history.find(audit).map(AuditEventRepresentation::of), LISTING);
    }
}
