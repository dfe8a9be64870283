package io.latchkey.web.admin;

import io.latchkey.account.AccountCommands;
import io.latchkey.client.FormParameters;
import io.latchkey.store.Page;
import io.latchkey.store.PageRequest;
import io.latchkey.token.IssuedReferenceTokens;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code /admin/tokens}: everyone's personal and service access tokens ({@link TokenFilter}: person, application,
 * expiry), newest first, {@link #PAGE_SIZE} a page with a cursor; and revoke one ({@code POST
 * /admin/tokens/{id}/revoke}, {@link IssuedReferenceTokens#revoke} as the admin API's), back to the same filters.
 */
@Singleton
@Path("admin/tokens")
@Produces(MediaType.TEXT_HTML)
public final class TokensPage {
    static final String PATH = "/admin/tokens";
    static final int PAGE_SIZE = 50;
    private static final Pattern PUBLIC_ID = Pattern.compile("[A-Za-z0-9_-]{8}");

    private final ConsoleAccess access;
    private final IssuedReferenceTokens tokens;
    private final AccountCommands accounts;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public TokensPage(ConsoleAccess access, IssuedReferenceTokens tokens, AccountCommands accounts) {
        this.access = access;
        this.tokens = tokens;
        this.accounts = accounts;
    }

    @GET
    public Response list(@QueryParam("person") String person, @QueryParam("application") String application,
                         @QueryParam("expiry") String expiry, @QueryParam("after") String after,
                         @Context HttpHeaders headers) {
        TokenFilter filter = TokenFilter.of(person, application, expiry, after);
        return access.page(headers, PATH, administrator -> page(administrator, filter, Map.of(), 200));
    }

    @POST
    @Path("{id}/revoke")
    @Consumes(MediaType.WILDCARD)
    public Response revoke(@PathParam("id") String id, InputStream body, @Context HttpHeaders headers,
                           @Context HttpServletRequest request) {
        return access.form(headers, body, PATH, (administrator, form) -> revoke(administrator, id, form, request));
    }

    private Response revoke(ConsoleAccess.Administrator administrator, String id, FormParameters form,
                            HttpServletRequest request) {
        TokenFilter filter = TokenFilter.of(form.get("person").orElse(null), form.get("application").orElse(null),
                form.get("expiry").orElse(null), null);
        if (!PUBLIC_ID.matcher(id).matches()) {
            return page(administrator, filter, Map.of("problem", "There is no token with that id."), 404);
        }
        IssuedReferenceTokens.Outcome outcome = tokens.revoke(administrator.actor(request), id);
        if (outcome instanceof IssuedReferenceTokens.Revoked revoked) {
            return page(administrator, filter, Map.of("notice", revoked.justNow()
                    ? "The token " + id + " was revoked." : "The token " + id + " was revoked already."), 200);
        }
        if (outcome instanceof IssuedReferenceTokens.Ambiguous) {
            return page(administrator, filter, Map.of("problem", "Several tokens share the id " + id
                    + "; none was revoked. Ask the token's owner to revoke it."), 409);
        }
        return page(administrator, filter, Map.of("problem", "There is no token with that id."), 404);
    }

    private Response page(ConsoleAccess.Administrator administrator, TokenFilter filter, Map<String, Object> extra,
                          int status) {
        Map<String, Object> model = new HashMap<>(extra);
        model.put("accountName", LoginPage.nameOf(administrator.account()));
        model.put("csrf", administrator.csrf());
        model.put("filter", filter);
        Optional<String> subject = filter.person().isEmpty() ? Optional.empty()
                : accounts.find(filter.person()).map(stored -> stored.account().subject());
        if (!filter.person().isEmpty() && subject.isEmpty()) {
            model.put("tokens", List.of());
            model.put("unknownPerson", true);
            return ConsoleAccess.page("admin/tokens", model, status);
        }
        Page<IssuedReferenceTokens.TokenRecord> page = tokens.list(filter.toListing(subject),
                new PageRequest(filter.after(), PAGE_SIZE));
        Instant now = clock.instant();
        model.put("tokens", page.items().stream().filter(t -> filter.shows(t.expiresAt(), now)).toList());
        page.nextAfterKey().ifPresent(next -> model.put("next", next));
        return ConsoleAccess.page("admin/tokens", model, status);
    }
}
