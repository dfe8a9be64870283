package io.latchkey.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.ClientType;
import io.latchkey.error.Violation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApplicationFormTest {
    @Test
    void aWebFormBecomesADefinitionWithOneUriALineAndScopesBySpaces() {
        ApplicationDefinition definition = new ApplicationForm(ClientType.WEB, " orders-web ", "", 
                "https://orders.example/cb\r\n\r\n  https://orders.example/cb2 \n", "https://orders.example/bye",
                "openid  profile orders:read", "", true).definition();
        assertEquals("orders-web", definition.clientId());
        assertEquals("orders-web", definition.name(), "the client_id names an application without a name");
        assertEquals(List.of("https://orders.example/cb", "https://orders.example/cb2"), definition.redirectUris());
        assertEquals(List.of("https://orders.example/bye"), definition.postLogoutRedirectUris());
        assertEquals(List.of("openid", "profile", "orders:read"), List.copyOf(definition.scopes()));
        assertEquals(definition.scopes(), definition.defaultScopes(), "empty default scopes: all of them");
        assertFalse(definition.refreshTokens(), "a web form offers no refresh-token opt-in");
        assertTrue(definition.enabled());
    }

    @Test
    void anM2mFormDropsRedirectUrisWhateverWasSentAndSpaOptsInToRefreshTokens() {
        ApplicationDefinition m2m = new ApplicationForm(ClientType.M2M, "bot", "Bot", "https://x/cb", "https://x/bye",
                "orders:read", "orders:read", false).definition();
        assertEquals(List.of(), m2m.redirectUris());
        assertEquals(List.of(), m2m.postLogoutRedirectUris());
        ApplicationDefinition spa = new ApplicationForm(ClientType.SPA, "spa", "Spa", "https://x/cb", "",
                "openid profile", "openid", true).definition();
        assertTrue(spa.refreshTokens());
        assertEquals(Set.of("openid"), spa.defaultScopes());
    }

    @Test
    void violationsMarkTheirFieldAndOthersTheWholeForm() {
        Map<String, String> errors = ApplicationForm.fieldErrors(List.of(new Violation("redirect_uris[1]", "must be https"),
                new Violation("redirect_uris", "a web application needs at least one"),
                new Violation("client_id", "is required"), new Violation("pkce", "must be required")));
        assertEquals("must be https; a web application needs at least one", errors.get("redirect_uris"));
        assertEquals("is required", errors.get("client_id"));
        assertEquals("pkce must be required", errors.get(""));
        assertEquals(3, errors.size());
    }
}
