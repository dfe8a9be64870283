package io.latchkey.protocol;

import io.latchkey.client.FormParameters;
import io.latchkey.security.Secret;
import io.latchkey.token.UserInfoEndpoint;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET/POST /oauth/userinfo}. The token comes in the {@code Authorization: Bearer} header, or in a
 * form body (RFC 6750 §2.2); never in the query string (§2.3 is refused: URLs end up in logs and history).
 */
@Singleton
@CrossOrigin(CrossOriginPolicy.Endpoint.USERINFO)
@Path("oauth/userinfo")
@Produces(MediaType.APPLICATION_JSON)
public final class UserInfoResource {
    private final UserInfoEndpoint userInfo;

    @Inject
    public UserInfoResource(UserInfoEndpoint userInfo) {
        this.userInfo = userInfo;
    }

    @GET
    @NoStore
    public Response get(@Context HttpHeaders headers, @Context HttpServletRequest servlet) {
        Secret token = BearerToken.fromHeader(headers).orElseThrow(UserInfoEndpoint::tokenMissing);
        return Response.ok(userInfo.claims(token, servlet.getRemoteAddr())).build();
    }

    @POST
    @NoStore
    @Consumes(MediaType.WILDCARD)
    public Response post(InputStream body, @Context HttpHeaders headers, @Context HttpServletRequest servlet) {
        Optional<Secret> header = BearerToken.fromHeader(headers);
        String contentType = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        Optional<Secret> form = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(FormParameters.MEDIA_TYPE)
                ? FormParameters.parse(contentType, body).get("access_token").map(Secret::of)
                : Optional.empty();
        if (header.isPresent() && form.isPresent()) {
            throw UserInfoEndpoint.malformed("send the access token in one place only");
        }
        Secret token = header.or(() -> form).orElseThrow(UserInfoEndpoint::tokenMissing);
        return Response.ok(userInfo.claims(token, servlet.getRemoteAddr())).build();
    }

    /** The CORS preflight ({@link CrossOriginFilter} writes its headers). */
    @OPTIONS
    public Response preflight() {
        return Response.noContent().build();
    }
}
