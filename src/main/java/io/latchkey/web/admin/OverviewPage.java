package io.latchkey.web.admin;

import io.latchkey.account.AccountCommands;
import io.latchkey.account.SignInEvents;
import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.AuditHistory;
import io.latchkey.audit.AuditQuery;
import io.latchkey.audit.RecordedEvent;
import io.latchkey.client.ApplicationCatalog;
import io.latchkey.client.ApplicationView;
import io.latchkey.client.ClientType;
import io.latchkey.posture.PostureReview;
import io.latchkey.posture.Severity;
import io.latchkey.store.Page;
import io.latchkey.store.PageRequest;
import io.latchkey.store.TokenState;
import io.latchkey.token.IssuedReferenceTokens;
import io.latchkey.token.ReferenceToken;
import io.latchkey.web.LoginPage;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /admin}: the console's overview — how many applications of each type, enabled and disabled; how many people
 * and administrators; the live personal and service access tokens; the posture findings by severity (linking to
 * the posture page); sign-ins and failed sign-ins of the last 24 hours (the audit trail's
 * {@link SignInEvents#SIGN_IN} events); the latest audit events.
 */
@Singleton
@Path("admin")
@Produces(MediaType.TEXT_HTML)
public final class OverviewPage {
    private final ConsoleAccess access;
    static final int RECENT_EVENTS = 10;
    private final ApplicationCatalog catalog;
    private final AuditHistory history;
    private final AccountCommands accounts;
    private final IssuedReferenceTokens tokens;
    private final PostureReview review;

    @Inject
    public OverviewPage(ConsoleAccess access, ApplicationCatalog catalog, AuditHistory history,
                        AccountCommands accounts, IssuedReferenceTokens tokens, PostureReview review) {
        this.access = access;
        this.catalog = catalog;
        this.history = history;
        this.accounts = accounts;
        this.tokens = tokens;
        this.review = review;
    }

    @GET
    public Response overview(@Context HttpHeaders headers) {
        return access.page(headers, ConsoleTarget.OVERVIEW, this::overview);
    }

    private Response overview(ConsoleAccess.Administrator administrator) {
        Map<String, Object> model = new HashMap<>();
        model.put("accountName", LoginPage.nameOf(administrator.account()));
        model.put("counts", ApplicationCounts.of(all()));
        model.put("signIns", SignInCounts.of(signInsSince(Instant.now().minus(Duration.ofHours(24)))));
        model.put("events", history.find(AuditQuery.all(RECENT_EVENTS)).items());
        model.put("people", count(AccountCommands.Filter.ALL));
        model.put("administrators", count(new AccountCommands.Filter(Optional.of(true), Optional.empty(),
                Optional.empty())));
        model.put("livePats", liveTokens(ReferenceToken.Kind.PAT));
        model.put("liveSats", liveTokens(ReferenceToken.Kind.SAT));
        model.put("findings", FindingCounts.of(review.review().counts()));
        return ConsoleAccess.page("admin/overview", model, 200);
    }

    private List<ApplicationView> all() {
        List<ApplicationView> all = new ArrayList<>();
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<ApplicationView> page = catalog.list(ApplicationCatalog.Filter.ALL, request);
            all.addAll(page.items());
            if (page.nextAfterKey().isEmpty()) {
                return all;
            }
            request = new PageRequest(Optional.of(page.nextAfterKey().get()), PageRequest.MAX_LIMIT);
        }
    }

    private long count(AccountCommands.Filter filter) {
        long count = 0;
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<AccountCommands.StoredAccount> page = accounts.list(filter, request);
            count += page.items().size();
            if (page.nextAfterKey().isEmpty()) {
                return count;
            }
            request = new PageRequest(page.nextAfterKey(), PageRequest.MAX_LIMIT);
        }
    }

    private long liveTokens(ReferenceToken.Kind kind) {
        IssuedReferenceTokens.Filter filter = new IssuedReferenceTokens.Filter(Optional.empty(), Optional.empty(),
                Optional.of(kind), Optional.of(TokenState.ACTIVE));
        long count = 0;
        PageRequest request = PageRequest.first(PageRequest.MAX_LIMIT);
        while (true) {
            Page<IssuedReferenceTokens.TokenRecord> page = tokens.list(filter, request);
            count += page.items().size();
            if (page.nextAfterKey().isEmpty()) {
                return count;
            }
            request = new PageRequest(page.nextAfterKey(), PageRequest.MAX_LIMIT);
        }
    }

    /** The posture findings of one severity. */
    record FindingCount(String severity, int count) {
    }

    /** The posture review's counts, one row per severity, most urgent first, zeros included. */
    record FindingCounts(List<FindingCount> bySeverity, int total) {
        static FindingCounts of(Map<Severity, Integer> counts) {
            List<FindingCount> rows = new ArrayList<>();
            for (Severity severity : Severity.values()) {
                rows.add(new FindingCount(severity.wireName(), counts.getOrDefault(severity, 0)));
            }
            return new FindingCounts(rows, rows.stream().mapToInt(FindingCount::count).sum());
        }
    }

    private List<AuditEvent> signInsSince(Instant from) {
        List<AuditEvent> events = new ArrayList<>();
        AuditQuery query = AuditQuery.all(PageRequest.MAX_LIMIT).withAction(SignInEvents.SIGN_IN)
                .between(Optional.of(from), Optional.empty());
        while (true) {
            Page<RecordedEvent> page = history.find(query);
            page.items().forEach(recorded -> events.add(recorded.event()));
            if (page.nextAfterKey().isEmpty()) {
                return events;
            }
            query = query.after(page.nextAfterKey().get());
        }
    }

    /** Sign-ins that succeeded and failed among {@code sign_in} audit events. */
    record SignInCounts(long succeeded, long failed) {
        static SignInCounts of(List<AuditEvent> events) {
            List<AuditEvent> signIns = events.stream().filter(e -> SignInEvents.SIGN_IN.equals(e.action())).toList();
            long succeeded = signIns.stream().filter(e -> e.outcome() == AuditEvent.Outcome.SUCCESS).count();
            return new SignInCounts(succeeded, signIns.size() - succeeded);
        }
    }

    /** Applications of one type: how many are enabled and disabled. */
    record TypeCount(String type, long enabled, long disabled) {
    }

    /** The overview's application counts, one row per type in the order of {@link ClientType}. */
    record ApplicationCounts(List<TypeCount> byType, long enabled, long disabled) {
        static ApplicationCounts of(List<ApplicationView> applications) {
            List<TypeCount> rows = new ArrayList<>();
            for (ClientType type : ClientType.values()) {
                long enabled = applications.stream().filter(a -> a.definition().type() == type)
                        .filter(a -> a.definition().enabled()).count();
                long disabled = applications.stream().filter(a -> a.definition().type() == type)
                        .filter(a -> !a.definition().enabled()).count();
                rows.add(new TypeCount(type.wireName(), enabled, disabled));
            }
            return new ApplicationCounts(rows, rows.stream().mapToLong(TypeCount::enabled).sum(),
                    rows.stream().mapToLong(TypeCount::disabled).sum());
        }
    }
}
