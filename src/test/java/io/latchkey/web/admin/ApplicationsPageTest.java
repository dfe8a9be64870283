package io.latchkey.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.client.ApplicationCatalog;
import io.latchkey.client.ClientType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.latchkey.posture.Finding;
import io.latchkey.posture.Severity;
import io.latchkey.store.PageRequest;
import org.junit.jupiter.api.Test;

class ApplicationsPageTest {
    @Test
    void theListsFiltersBecomeTheCatalogsFilter() {
        assertEquals(new ApplicationCatalog.Filter(Optional.of(ClientType.WEB), Optional.of(false), Optional.of("orders")),
                ApplicationsPage.ListFilter.of("  orders ", "web", "disabled", null, null).toCatalog());
        assertEquals(new ApplicationCatalog.Filter(Optional.of(ClientType.M2M), Optional.of(true), Optional.empty()),
                ApplicationsPage.ListFilter.of("", "m2m", "enabled", null, null).toCatalog());
    }

    @Test
    void valuesOutsideTheChoicesAreNoFilter() {
        assertEquals(ApplicationCatalog.Filter.ALL, ApplicationsPage.ListFilter.of("   ", "robot", "maybe", null, null).toCatalog());
        assertEquals(ApplicationCatalog.Filter.ALL, ApplicationsPage.ListFilter.of("x".repeat(201), null, null, null, null).toCatalog());
    }

    @Test
    void aPageStartsAfterAClientIdAndTheNextPageLinkKeepsTheFilters() {
        ApplicationsPage.ListFilter filter = ApplicationsPage.ListFilter.of("shop & co", "web", "", "orders-a", "2");
        assertEquals(new PageRequest(Optional.of("orders-a"), 2), filter.page());
        assertEquals("/admin/applications?q=shop+%26+co&type=web&limit=2&after=orders-b", filter.next("orders-b"));
        assertEquals("/admin/applications?after=x", ApplicationsPage.ListFilter.of(null, null, null, null, null)
                .next("x"), "the default size is not repeated");
    }

    @Test
    void aBadPageKeyOrSizeIsTheFirstPageOfTheDefaultSize() {
        ApplicationsPage.ListFilter filter = ApplicationsPage.ListFilter.of("", "", "", "a b/../c", "5000");
        assertEquals(PageRequest.first(ApplicationsPage.PAGE_SIZE), filter.page());
        assertEquals(PageRequest.first(ApplicationsPage.PAGE_SIZE),
                ApplicationsPage.ListFilter.of("", "", "", "", "0").page());
    }

    @Test
    void findingsAreCountedPerApplicationAndNeverForPeople() {
        Finding.Fix fix = new Finding.Fix("PATCH", "/x", Optional.empty(), Optional.empty(), "fix it");
        List<Finding> findings = List.of(
                new Finding("unused", Severity.LOW, Finding.Subject.application("a"), "s", List.of(), fix),
                new Finding("old-secret", Severity.MEDIUM, Finding.Subject.application("a"), "s", List.of(), fix),
                new Finding("idle", Severity.LOW, Finding.Subject.account("a"), "s", List.of(), fix),
                new Finding("unused", Severity.LOW, Finding.Subject.application("b"), "s", List.of(), fix));
        assertEquals(Map.of("a", 2L, "b", 1L), ApplicationsPage.findingsByApplication(findings));
    }
}
