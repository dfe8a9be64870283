package io.latchkey.web.admin;

import io.latchkey.client.ClientType;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * {@code /admin/new-application?type=...}: the form for a new application of one type (web unless another is
 * named). It lives outside {@code /admin/applications/...}, whose next segment is always a client_id (an
 * application may be called {@code new}); the form posts to {@link ApplicationsPage#create}.
 */
@Singleton
@Path("admin/new-application")
@Produces(MediaType.TEXT_HTML)
public final class ApplicationCreationPage {
    static final String PATH = "/admin/new-application";

    private final ConsoleAccess access;

    @Inject
    public ApplicationCreationPage(ConsoleAccess access) {
        this.access = access;
    }

    @GET
    public Response form(@QueryParam("type") String type, @Context HttpHeaders headers) {
        ClientType chosen = ClientType.fromWireName(type == null ? "web" : type).orElse(ClientType.WEB);
        return access.page(headers, PATH,
                administrator -> ApplicationsPage.form(administrator, ApplicationForm.blank(chosen), Map.of(), 200));
    }
}
