package io.latchkey.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.posture.Severity;
import io.latchkey.store.OverviewCounts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OverviewPageTest {
    @Test
    void applicationCountsHaveOneRowPerTypeInTheTypesOrder() {
        OverviewPage.ApplicationCounts none = OverviewPage.ApplicationCounts.of(Map.of());
        assertEquals(List.of("web", "spa", "native", "m2m"),
                none.byType().stream().map(OverviewPage.TypeCount::type).toList());
        assertEquals(0, none.enabled() + none.disabled());
        OverviewPage.ApplicationCounts some = OverviewPage.ApplicationCounts.of(Map.of("m2m",
                new OverviewCounts.Split(2, 1), "spa", new OverviewCounts.Split(0, 4)));
        assertEquals(List.of(new OverviewPage.TypeCount("web", 0, 0), new OverviewPage.TypeCount("spa", 0, 4),
                new OverviewPage.TypeCount("native", 0, 0), new OverviewPage.TypeCount("m2m", 2, 1)), some.byType());
        assertEquals(2, some.enabled());
        assertEquals(5, some.disabled());
    }

    @Test
    void findingCountsHaveEverySeverityMostUrgentFirst() {
        OverviewPage.FindingCounts counts = OverviewPage.FindingCounts.of(Map.of(Severity.LOW, 3, Severity.HIGH, 1));
        assertEquals(List.of(new OverviewPage.FindingCount("high", 1), new OverviewPage.FindingCount("medium", 0),
                new OverviewPage.FindingCount("low", 3), new OverviewPage.FindingCount("info", 0)), counts.bySeverity());
        assertEquals(4, counts.total());
    }
}
