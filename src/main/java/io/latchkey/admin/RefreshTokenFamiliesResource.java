package io.latchkey.admin;

import io.latchkey.audit.Actor;
import io.latchkey.error.Violation;
import io.latchkey.security.TextCharacters;
import io.latchkey.token.RefreshTokenFamilies;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/admin/refresh-token-families}: everyone's refresh token families (one per sign-in grant), listed
 * (filters {@code account}, a subject; {@code application}, a client_id; {@code state}, {@code active},
 * {@code revoked} or {@code expired}; newest first, cursor pagination), and every family of one person or of one
 * application revoked with {@code POST /api/admin/refresh-token-families/revoke} and a JSON body naming exactly
 * one of {@code account} or {@code application}: 200 with the counts revoked (0 when none were live), 404 for an
 * unknown person or application.
 */
@AdminApi
@Path("api/admin/refresh-token-families")
@Produces(MediaType.APPLICATION_JSON)
public final class RefreshTokenFamiliesResource {
    static final String LISTING = "refresh-token-families";
    private static final Set<String> FILTERS = Set.of("account", "application", "state");

    @Inject
    private RefreshTokenFamilies families;
    @Context
    private ContainerRequestContext request;
    @Context
    private HttpHeaders headers;
    @Context
    private UriInfo uriInfo;

    @GET
    @Paginated
    @Operation(summary = "List refresh token families, newest first", responses = @ApiResponse(
            responseCode = "200",
            description = "One page of families and, unless it is the last, the cursor of the next"))
    @Parameter(in = ParameterIn.QUERY, name = "account", description = "Only the families of this person (a subject)",
            schema = @Schema(minLength = 1, maxLength = 200))
    @Parameter(in = ParameterIn.QUERY, name = "application",
            description = "Only the families of this application (a client_id)",
            schema = @Schema(minLength = 1, maxLength = 200))
    @Parameter(in = ParameterIn.QUERY, name = "state", description = "Only the families in this state",
            schema = @Schema(allowableValues = {"active", "revoked", "expired"}))
    public Listing<RefreshTokenFamilyRepresentation> list() {
        PageParameters query = PageParameters.of(uriInfo.getQueryParameters(), FILTERS);
        RefreshTokenFamilies.Filter filter = new RefreshTokenFamilies.Filter(FilterValues.name(query, "account"),
                FilterValues.name(query, "application"), FilterValues.tokenState(query, "state"));
        return Listing.of(families.list(filter, FilterValues.page(query, LISTING, RefreshTokenFamilies::isPageKey))
                .map(RefreshTokenFamilyRepresentation::of), LISTING);
    }

    @POST
    @Path("revoke")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Revoke every refresh token family of one person or of one application",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RefreshTokenRevocation.class))),
            responses = @ApiResponse(responseCode = "200", description = "The counts revoked (0 when none were live)",
                    content = @Content(schema = @Schema(implementation = RefreshTokensRevoked.class))))
    public RefreshTokensRevoked revoke(@Parameter(hidden = true) byte[] body) {
        AdminRequest.noQuery(uriInfo);
        MediaType sent = headers.getMediaType();
        if (sent == null || !sent.isCompatible(MediaType.APPLICATION_JSON_TYPE) || sent.isWildcardType()
                || sent.isWildcardSubtype() || !utf8(sent)) {
            throw new AdminProblem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json");
        }
        RefreshTokenRevocation revocation = StrictJson.bind(StrictJson.readObject(body),
                RefreshTokenRevocation.class);
        Actor actor = actor();
        RefreshTokenFamilies.Outcome outcome;
        if (revocation.account() != null && revocation.application() == null) {
            outcome = families.revokeAllOfAccount(actor, checked("account", revocation.account()));
        } else if (revocation.application() != null && revocation.account() == null) {
            outcome = families.revokeAllOfApplication(actor, checked("application", revocation.application()));
        } else {
            throw AdminProblem.invalid(List.of(new Violation("account", "give exactly one of account and application"),
                    new Violation("application", "give exactly one of account and application")));
        }
        if (outcome instanceof RefreshTokenFamilies.Revoked revoked) {
            return RefreshTokensRevoked.of(revoked);
        }
        throw new AdminProblem(ProblemType.NOT_FOUND,
                "there is no " + ((RefreshTokenFamilies.NotFound) outcome).what());
    }

    private static String checked(String field, String name) {
        if (name.isEmpty() || name.length() > FilterValues.MAX_NAME_LENGTH
                || !TextCharacters.isOneLine(name)) {
            throw AdminProblem.invalid(field, "must be 1 to " + FilterValues.MAX_NAME_LENGTH
                    + " characters without control characters");
        }
        return name;
    }

    private static boolean utf8(MediaType type) {
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        return charset == null || charset.equalsIgnoreCase("utf-8");
    }

    private Actor actor() {
        return AdminRequest.changer(request);
    }
}
