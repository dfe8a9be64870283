package io.latchkey.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.client.ApplicationCatalog;
import io.latchkey.client.ClientType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApplicationsPageTest {
    @Test
    void theListsFiltersBecomeTheCatalogsFilter() {
        assertEquals(new ApplicationCatalog.Filter(Optional.of(ClientType.WEB), Optional.of(false), Optional.of("orders")),
                new ApplicationsPage.ListFilter("  orders ", "web", "disabled").toCatalog());
        assertEquals(new ApplicationCatalog.Filter(Optional.of(ClientType.M2M), Optional.of(true), Optional.empty()),
                new ApplicationsPage.ListFilter("", "m2m", "enabled").toCatalog());
    }

    @Test
    void valuesOutsideTheChoicesAreNoFilter() {
        assertEquals(ApplicationCatalog.Filter.ALL, new ApplicationsPage.ListFilter("   ", "robot", "maybe").toCatalog());
        assertEquals(ApplicationCatalog.Filter.ALL, new ApplicationsPage.ListFilter("x".repeat(201), "", "").toCatalog());
    }
}
