package io.latchkey.web.admin;

import io.latchkey.account.SignInEvents;
import io.latchkey.audit.AuditEvent;
import io.latchkey.audit.AuditHistory;
import io.latchkey.audit.AuditQuery;
import io.latchkey.client.ClientType;
import io.latchkey.posture.PostureReview;
import io.latchkey.posture.Severity;
import io.latchkey.store.OverviewCounts;
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
import java.util.Locale;
import java.util.Map;

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
    private final OverviewCounts counts;
    private final AuditHistory history;
    private final PostureReview review;

    @Inject
    public OverviewPage(ConsoleAccess access, OverviewCounts counts, AuditHistory history, PostureReview review) {
        this.access = access;
        this.counts = counts;
        this.history = history;
        this.review = review;
    }

    @GET
    public Response overview(@Context HttpHeaders headers) {
        return access.page(headers, ConsoleTarget.OVERVIEW, this::overview);
    }

    private Response overview(ConsoleAccess.Administrator administrator) {
        Instant now = Instant.now();
        OverviewCounts.Figures figures = counts.read(now, now.minus(Duration.ofHours(24)), SignInEvents.SIGN_IN);
        Map<String, Object> model = new HashMap<>();
        model.put("accountName", LoginPage.nameOf(administrator.account()));
        model.put("counts", ApplicationCounts.of(figures.applications()));
        model.put("signIns", new SignInCounts(figures.signIns().getOrDefault(AuditEvent.Outcome.SUCCESS.wireName(), 0L),
                figures.signIns().getOrDefault(AuditEvent.Outcome.FAILURE.wireName(), 0L)));
        model.put("events", history.find(AuditQuery.all(RECENT_EVENTS)).items());
        model.put("people", figures.people());
        model.put("administrators", figures.administrators());
        model.put("livePats", figures.liveReferenceTokens().getOrDefault(kind(ReferenceToken.Kind.PAT), 0L));
        model.put("liveSats", figures.liveReferenceTokens().getOrDefault(kind(ReferenceToken.Kind.SAT), 0L));
        model.put("findings", FindingCounts.of(review.latest().counts()));
        return ConsoleAccess.page("admin/overview", model, 200);
    }

    /** A token kind as the store names it. */
    private static String kind(ReferenceToken.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
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

    /** Sign-ins that succeeded and failed among the last 24 hours' {@code sign_in} audit events. */
    record SignInCounts(long succeeded, long failed) {
    }

    /** Applications of one type: how many are enabled and disabled. */
    record TypeCount(String type, long enabled, long disabled) {
    }

    /** The overview's application counts, one row per type in the order of {@link ClientType}. */
    record ApplicationCounts(List<TypeCount> byType, long enabled, long disabled) {
        /** @param byType type wire name to how many are enabled and disabled; a type without any is all zeros */
        static ApplicationCounts of(Map<String, OverviewCounts.Split> byType) {
            List<TypeCount> rows = new ArrayList<>();
            for (ClientType type : ClientType.values()) {
                OverviewCounts.Split split = byType.getOrDefault(type.wireName(), new OverviewCounts.Split(0, 0));
                rows.add(new TypeCount(type.wireName(), split.enabled(), split.disabled()));
            }
            return new ApplicationCounts(rows, rows.stream().mapToLong(TypeCount::enabled).sum(),
                    rows.stream().mapToLong(TypeCount::disabled).sum());
        }
    }
}
