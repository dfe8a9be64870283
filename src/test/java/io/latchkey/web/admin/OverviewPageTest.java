package io.latchkey.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.account.SignInEvents;
import io.latchkey.audit.Actor;
import io.latchkey.audit.AuditEvent;
import io.latchkey.posture.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverviewPageTest {
    @Test
    void signInsCountSucceededAndFailedSignInEventsOnly() {
        Actor person = Actor.account("sub", "r1", "127.0.0.1");
        Actor anonymous = Actor.anonymous("r2", "127.0.0.1");
        List<AuditEvent> events = List.of(
                AuditEvent.success(person, SignInEvents.SIGN_IN, "account:sub", List.of(), "with a password"),
                AuditEvent.success(person, SignInEvents.SIGN_IN, "account:sub", List.of(), "with a password"),
                AuditEvent.failure(anonymous, SignInEvents.SIGN_IN, SignInEvents.SIGN_IN, "wrong password"),
                AuditEvent.failure(anonymous, SignInEvents.THROTTLED, SignInEvents.SIGN_IN, "too many"),
                AuditEvent.success(person, "application.update", "application:web", List.of("name"), ""));

        assertEquals(new OverviewPage.SignInCounts(2, 1), OverviewPage.SignInCounts.of(events));
        assertEquals(new OverviewPage.SignInCounts(0, 0), OverviewPage.SignInCounts.of(List.of()));
    }

    @Test
    void applicationCountsHaveOneRowPerTypeInTheTypesOrder() {
        OverviewPage.ApplicationCounts none = OverviewPage.ApplicationCounts.of(List.of());
        assertEquals(List.of("web", "spa", "native", "m2m"),
                none.byType().stream().map(OverviewPage.TypeCount::type).toList());
        assertEquals(0, none.enabled() + none.disabled());
    }

    @Test
    void findingCountsHaveEverySeverityMostUrgentFirst() {
        OverviewPage.FindingCounts counts = OverviewPage.FindingCounts.of(Map.of(Severity.LOW, 3, Severity.HIGH, 1));
        assertEquals(List.of(new OverviewPage.FindingCount("high", 1), new OverviewPage.FindingCount("medium", 0),
                new OverviewPage.FindingCount("low", 3), new OverviewPage.FindingCount("info", 0)), counts.bySeverity());
        assertEquals(4, counts.total());
    }
}
