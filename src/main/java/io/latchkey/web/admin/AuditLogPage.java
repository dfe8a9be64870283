package io.latchkey.web.admin;

import io.latchkey.account.AccountCommands;
import io.latchkey.account.AccountService;
import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditHistory;
import io.latchkey.audit.RecordedEvent;
import io.latchkey.store.Page;
import io.latchkey.web.LoginPage;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/audit}: the audit trail, newest first, {@link #PAGE_SIZE} events a page with a cursor, filtered by
 * who, action, target and time ({@link AuditFilter}); each event with its actor (a person by username), outcome,
 * changed fields and detail. Filters that cannot be answered show the form again as typed, each wrong field marked
 * (400).
 */
@Singleton
@Path("admin/audit")
@Produces(MediaType.TEXT_HTML)
public final class AuditLogPage {
    static final String PATH = "/admin/audit";
    static final int PAGE_SIZE = 50;

    private final ConsoleAccess access;
    private final AuditHistory history;
    private final AccountCommands accounts;
    private final AccountService people;

    @Inject
    public AuditLogPage(ConsoleAccess access, AuditHistory history, AccountCommands accounts, AccountService people) {
        this.access = access;
        this.history = history;
        this.accounts = accounts;
        this.people = people;
    }

    /** One event as the log shows it: who by a readable name. */
    public record Row(RecordedEvent recorded, String who) {
    }

    @GET
    public Response log(@QueryParam("who") String who, @QueryParam("action") String action,
                        @QueryParam("target") String target, @QueryParam("from") String from,
                        @QueryParam("to") String to, @QueryParam("after") String after,
                        @Context HttpHeaders headers) {
        AuditFilter filter = AuditFilter.of(who, action, target, from, to, after);
        return access.page(headers, PATH, administrator -> page(administrator, filter));
    }

    private Response page(ConsoleAccess.Administrator administrator, AuditFilter filter) {
        Map<String, Object> model = new HashMap<>();
        model.put("accountName", LoginPage.nameOf(administrator.account()));
        model.put("filter", filter);
        AuditFilter.Parsed parsed = filter.toQuery(PAGE_SIZE,
                username -> accounts.find(username).map(stored -> stored.account().subject()));
        if (parsed instanceof AuditFilter.Invalid invalid) {
            model.put("errors", invalid.errors());
            model.put("rows", List.of());
            return ConsoleAccess.page("admin/audit", model, 400);
        }
        Page<RecordedEvent> page = history.find(((AuditFilter.Valid) parsed).query());
        Map<String, String> names = new HashMap<>();
        model.put("errors", Map.of());
        model.put("rows", page.items().stream().map(e -> new Row(e, who(e.event().actor(), names))).toList());
        page.nextAfterKey().ifPresent(next -> model.put("next", next));
        return ConsoleAccess.page("admin/audit", model, 200);
    }

    /** A person by username (their subject when the account is gone), anyone else by actor name. */
    private String who(Actor actor, Map<String, String> names) {
        if (actor.kind() != Actor.Kind.ACCOUNT) {
            return actor.name();
        }
        return names.computeIfAbsent(actor.id(), subject -> people.findBySubject(subject).map(a -> a.username())
                .orElse(actor.name()));
    }
}
