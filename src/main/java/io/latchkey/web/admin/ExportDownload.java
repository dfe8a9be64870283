package io.latchkey.web.admin;

import io.latchkey.boot.ConfigurationExport;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /admin/export}: the whole configuration as an import document, what {@code GET /api/admin/export}
 * answers ({@link ConfigurationExport}: no secrets or hashes), as a file to save, for administrators only. It names
 * every account, so it is never cached. A signed-out visitor signs in and comes back to the scopes page, where the
 * link is.
 */
@Singleton
@Path("admin/export")
public final class ExportDownload {
    static final String FILE_NAME = "latchkey-export.json";

    private final ConsoleAccess access;
    private final ConfigurationExport export;

    @Inject
    public ExportDownload(ConsoleAccess access, ConfigurationExport export) {
        this.access = access;
        this.export = export;
    }

    @GET
    public Response download(@Context HttpHeaders headers) {
        return access.page(headers, ScopesPage.PATH, administrator -> Response.ok(export.json(),
                        MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8"))
                .header("Content-Disposition", "attachment; filename=\"" + FILE_NAME + "\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .build());
    }
}
