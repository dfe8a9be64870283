package io.latchkey.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.posture.Finding;
import io.latchkey.posture.Severity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostureRemedyTest {
    private static Finding about(String clientId, Finding.Fix fix) {
        return new Finding("rule", Severity.MEDIUM, Finding.Subject.application(clientId), "summary", List.of(), fix);
    }

    private static Optional<PostureRemedy.Action> actionOf(String clientId, Finding.Fix fix) {
        return PostureRemedy.of(about(clientId, fix)).action();
    }

    @Test
    void theAdminApiCallsTheConsoleMayMakeAreOneClick() {
        assertEquals(Optional.of(PostureRemedy.Action.PATCH), actionOf("web", Finding.Fix.patchApplication("web", 3,
                Map.of("refresh_tokens", false), "Stop issuing refresh tokens")));
        assertEquals(Optional.of(PostureRemedy.Action.DISABLE), actionOf("web", new Finding.Fix("POST",
                "/api/admin/applications/web/disable", Optional.of(3L), Optional.empty(), "Disable")));
        assertEquals(Optional.of(PostureRemedy.Action.RETIRE_SECRET), actionOf("web", new Finding.Fix("DELETE",
                "/api/admin/applications/web/secrets/17", Optional.empty(), Optional.empty(), "Retire")));
        assertEquals(Optional.of(17L), PostureRemedy.secretId("/api/admin/applications/web/secrets/17"));
        assertEquals(Optional.of(PostureRemedy.Action.REVOKE_TOKENS), actionOf("web", new Finding.Fix("POST",
                "/api/admin/refresh-token-families/revoke", Optional.empty(), Optional.of(Map.of("application",
                "web")), "Revoke its refresh token families")));
        assertEquals(Optional.of(PostureRemedy.Action.REVOKE_TOKENS), actionOf("web", new Finding.Fix("GET",
                "/api/admin/tokens?application=web", Optional.empty(), Optional.empty(), "Revoke each")));
    }

    @Test
    void rotationAndAnotherApplicationsPathAreNotOneClickButThePageIsOffered() {
        PostureRemedy rotate = PostureRemedy.of(about("web", new Finding.Fix("POST",
                "/api/admin/applications/web/secrets", Optional.empty(), Optional.empty(), "Rotate the secret")));
        assertEquals(Optional.empty(), rotate.action(), "a rotation needs a recent sign-in and shows the value once");
        assertEquals("/admin/applications/web", rotate.page());
        assertEquals("Rotate the secret", rotate.label());
        assertEquals(Optional.empty(), actionOf("web", new Finding.Fix("DELETE",
                "/api/admin/applications/other/secrets/17", Optional.empty(), Optional.empty(), "Retire")));
        assertEquals(Optional.empty(), actionOf("web", new Finding.Fix("GET",
                "/api/admin/tokens?application=other", Optional.empty(), Optional.empty(), "Revoke each")));
        assertEquals("/admin/applications/a%20b", PostureRemedy.of(about("a b", new Finding.Fix("POST",
                "/x", Optional.empty(), Optional.empty(), "x"))).page());
    }

    @Test
    void aPersonsFindingSendsToThePeoplePage() {
        PostureRemedy admin = PostureRemedy.of(new Finding("administrator_idle", Severity.MEDIUM,
                Finding.Subject.account("ada lovelace"), "idle", List.of(), new Finding.Fix("DELETE",
                "/api/admin/accounts/ada lovelace/admin", Optional.of(4L), Optional.empty(), "Take away admin")));
        assertEquals(Optional.empty(), admin.action());
        assertEquals("/admin/people?q=ada+lovelace", admin.page());
    }

    @Test
    void findingsAreGroupedBySeverityMostUrgentFirstEmptyGroupsIncluded() {
        Finding low = new Finding("unused_application", Severity.LOW, Finding.Subject.application("a"), "s",
                List.of(), new Finding.Fix("POST", "/api/admin/applications/a/disable", Optional.of(2L),
                Optional.empty(), "Disable"));
        List<PosturePage.Group> groups = PosturePage.grouped(List.of(low));
        assertEquals(List.of("high", "medium", "low", "info"), groups.stream().map(PosturePage.Group::severity).toList());
        assertEquals(List.of(0, 0, 1, 0), groups.stream().map(g -> g.entries().size()).toList());
        assertEquals("2", groups.get(2).entries().get(0).version());
    }
}
