package io.latchkey.web.admin;

import io.latchkey.client.FormParameters;
import io.latchkey.key.KeyRing;
import io.latchkey.key.KeyRotation;
import io.latchkey.web.LoginPage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/keys}: the signing key ring (each published key's state — next, current, retiring — algorithm and
 * dates), "rotate now" and "revoke now", both after a recent sign-in and revoking only with its confirmation box
 * ticked; each audited by the key ring exactly as the admin API's ({@code signing_key.rotated},
 * {@code signing_key.revoked}).
 */
@Singleton
@Path("admin/keys")
@Produces(MediaType.TEXT_HTML)
public final class SigningKeysPage {
    static final String PATH = "/admin/keys";

    private final ConsoleAccess access;
    private final KeyRing keys;

    @Inject
    public SigningKeysPage(ConsoleAccess access, KeyRing keys) {
        this.access = access;
        this.keys = keys;
    }

    @GET
    public Response keys(@Context HttpHeaders headers) {
        return access.page(headers, PATH, administrator -> page(administrator, Map.of(), 200));
    }

    @POST
    @Path("rotate")
    @Consumes(MediaType.WILDCARD)
    public Response rotate(InputStream body, @Context HttpHeaders headers, @Context HttpServletRequest request) {
        return access.dangerousForm(headers, body, PATH, (administrator, form) -> {
            List<KeyRotation.ScheduledRotation> rotations = keys.rotateNow(administrator.actor(request));
            return page(administrator, Map.of("notice", "Rotation scheduled: the next key signs once it has been "
                    + "published for the JWKS cache lifetime.", "rotations", rotations), 200);
        });
    }

    private static final Confirmation REVOCATION =
            new Confirmation("the key is to be revoked: nothing it signed will verify any more");

    @POST
    @Path("{kid}/revoke")
    @Consumes(MediaType.WILDCARD)
    public Response revoke(@PathParam("kid") String kid, InputStream body, @Context HttpHeaders headers,
                           @Context HttpServletRequest request) {
        return access.dangerousForm(headers, body, PATH,
                (administrator, form) -> revoke(administrator, kid, form, request));
    }

    private Response revoke(ConsoleAccess.Administrator administrator, String kid, FormParameters form,
                            HttpServletRequest request) {
        return REVOCATION.then(form, (extra, status) -> page(administrator, extra, status), () -> {
            if (keys.revoke(administrator.actor(request), kid) == KeyRotation.Revocation.NOT_FOUND) {
                return page(administrator, Map.of("problem", "No published signing key has that kid."), 404);
            }
            return page(administrator, Map.of("notice", "The key " + kid + " was revoked: it left JWKS at once."),
                    200);
        });
    }

    private Response page(ConsoleAccess.Administrator administrator, Map<String, Object> extra, int status) {
        Map<String, Object> model = new HashMap<>(extra);
        model.put("accountName", LoginPage.nameOf(administrator.account()));
        model.put("csrf", administrator.csrf());
        model.put("keys", keys.states());
        return ConsoleAccess.page("admin/keys", model, status);
    }
}
