package io.latchkey.admin;

import io.latchkey.audit.Actor;
import io.latchkey.token.IssuedReferenceTokens;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
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
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code /api/admin/tokens}: everyone's personal and service access tokens (and, with {@code kind=at}, the
 * opaque access tokens of grants), listed (filters {@code account}, a subject: the tokens acting as that person
 * or issued by them; {@code application}, a client_id; {@code kind}, {@code pat}, {@code sat} or {@code at};
 * {@code state}, {@code active}, {@code revoked} or {@code expired}; newest first, cursor pagination), and one
 * revoked by its public id with {@code POST /api/admin/tokens/{id}/revoke}. A revoked token stays listed, so
 * revoking is an action on it rather than a {@code DELETE}: 200 with the token as it stands now (revoking again
 * answers the same token with {@code revoked_now: false}); 404 for no such id; 409 when several tokens share the id
 * (nothing revoked).
 */
@AdminApi
@Path("api/admin/tokens")
@Produces(MediaType.APPLICATION_JSON)
public final class TokensResource {
    static final String LISTING = "tokens";
    private static final Set<String> FILTERS = Set.of("account", "application", "kind", "state");
    /** The shape of a public id; anything else (a token's value pasted by mistake) is neither echoed nor audited. */
    private static final Pattern PUBLIC_ID = Pattern.compile("[A-Za-z0-9_-]{8}");

    @Inject
    private IssuedReferenceTokens tokens;
    @Context
    private ContainerRequestContext request;
    @Context
    private UriInfo uriInfo;

    @GET
    @Paginated
    @Operation(summary = "List personal and service access tokens (and opaque access tokens), newest first",
            responses = @ApiResponse(responseCode = "200",
                    description = "One page of tokens and, unless it is the last, the cursor of the next"))
    @Parameter(in = ParameterIn.QUERY, name = "account",
            description = "Only the tokens acting as this person or issued by them (a subject)",
            schema = @Schema(minLength = 1, maxLength = 200))
    @Parameter(in = ParameterIn.QUERY, name = "application", description = "Only the tokens of this application "
            + "(a client_id)", schema = @Schema(minLength = 1, maxLength = 200))
    @Parameter(in = ParameterIn.QUERY, name = "kind", description = "Only personal (pat), service (sat) or opaque "
            + "grant (at) access tokens", schema = @Schema(allowableValues = {"pat", "sat", "at"}))
    @Parameter(in = ParameterIn.QUERY, name = "state", description = "Only the tokens in this state",
            schema = @Schema(allowableValues = {"active", "revoked", "expired"}))
    public Listing<TokenRepresentation> list() {
        PageParameters query = PageParameters.of(uriInfo.getQueryParameters(), FILTERS);
        IssuedReferenceTokens.Filter filter = new IssuedReferenceTokens.Filter(FilterValues.name(query, "account"),
                FilterValues.name(query, "application"), FilterValues.tokenKind(query, "kind"),
                FilterValues.tokenState(query, "state"));
        return Listing.of(tokens.list(filter, FilterValues.page(query, LISTING, IssuedReferenceTokens::isPageKey))
                .map(TokenRepresentation::of), LISTING);
    }

    @POST
    @Path("{id}/revoke")
    @Operation(summary = "Revoke a token by its public id", responses = {
        @ApiResponse(responseCode = "200", description = "The token as it stands now (revoked_now false when it "
                + "was revoked already)",
                content = @Content(schema = @Schema(implementation = TokenRepresentation.class))),
        @ApiResponse(responseCode = "409", ref = "conflict")})
    public TokenRepresentation revoke(@PathParam("id") String id) {
        AdminRequest.noQuery(uriInfo);
        if (!PUBLIC_ID.matcher(id).matches()) {
            throw new AdminProblem(ProblemType.NOT_FOUND, "there is no token with this id: ids are the 8 characters "
                    + "the listing shows, never the token itself");
        }
        IssuedReferenceTokens.Outcome outcome = tokens.revoke(actor(), id);
        if (outcome instanceof IssuedReferenceTokens.Revoked revoked) {
            return TokenRepresentation.of(revoked);
        }
        if (outcome instanceof IssuedReferenceTokens.Ambiguous) {
            throw new AdminProblem(ProblemType.CONFLICT, "several tokens share the id " + id
                    + "; none was revoked (revoke the one you hold at /oauth/revoke, or ask its owner to)");
        }
        throw new AdminProblem(ProblemType.NOT_FOUND, "there is no token " + id);
    }

    private Actor actor() {
        return AdminRequest.changer(request);
    }
}
