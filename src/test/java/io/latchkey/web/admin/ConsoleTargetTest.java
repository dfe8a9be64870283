package io.latchkey.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsoleTargetTest {
    @Test
    void consolePagesAreKept() {
        for (String page : new String[] {"/admin", "/admin/applications", "/admin/applications/orders-web",
                "/admin/applications/it-service%3Aodd%40id"}) {
            assertEquals(Optional.of(page), ConsoleTarget.of(page), page);
        }
    }

    @Test
    void anythingElseIsRefusedAndFallsBackToTheOverview() {
        for (String page : new String[] {"//evil.example", "/admin/../account", "/admin/./x", "/admin//evil",
                "/admin/applications?x=1", "/admin/a#b", "/admin\\evil", "/administrator", "https://evil/admin",
                "/admin/", "/admin/applications/a b", "/login", ""}) {
            assertTrue(ConsoleTarget.of(page).isEmpty(), page);
            assertEquals("/admin", ConsoleTarget.orOverview(page), page);
        }
        assertTrue(ConsoleTarget.of(null).isEmpty());
    }

    @Test
    void anApplicationsPageEncodesItsClientIdAsOneSegmentThatIsATarget() {
        String page = ApplicationsPage.pageOf("it-service:odd@id /x");
        assertEquals("/admin/applications/it-service%3Aodd%40id%20%2Fx", page);
        assertEquals(Optional.of(page), ConsoleTarget.of(page));
    }
}
