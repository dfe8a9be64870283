package io.latchkey.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.client.AccessTokenPolicy;
import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.ApplicationPolicy;
import io.latchkey.client.ApplicationView;
import io.latchkey.client.ClientType;
import io.latchkey.client.FormParameters;
import io.latchkey.client.PkcePolicy;
import io.latchkey.client.ResponseType;
import io.latchkey.error.Violation;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApplicationEditFormTest {
    private static final Set<String> KNOWN = Set.of("openid", "profile", "email", "offline_access", "orders:read");

    private static ApplicationDefinition stored(ClientType type, List<String> redirects, List<String> origins) {
        return new ApplicationDefinition("orders", "Orders", type, redirects, List.of(), origins,
                new java.util.LinkedHashSet<>(List.of("openid", "profile")), Set.of("openid"), Optional.empty(), true, AccessTokenPolicy.NONE, false,
                false, false, 90, false, Set.of(ResponseType.CODE), false, PkcePolicy.REQUIRED, false,
                io.latchkey.client.ClientSigning.DEFAULT);
    }

    private static ApplicationView view(ApplicationDefinition definition) {
        return new ApplicationView(definition, 4, Instant.EPOCH, Instant.EPOCH, List.of());
    }

    private static FormParameters posted(Map<String, String> fields) {
        return FormParameters.of(fields);
    }

    private static Map<String, String> webFields() {
        Map<String, String> fields = new HashMap<>();
        fields.put("version", "4");
        fields.put("name", " Orders shop ");
        fields.put("redirect_uris", "https://orders.example/cb\r\n\r\n https://orders.example/cb2 \n");
        fields.put("post_logout_redirect_uris", "https://orders.example/bye");
        fields.put("scopes", "openid  profile orders:read");
        fields.put("default_scopes", "");
        fields.put("access_tokens", "AuthenticatedUsers");
        fields.put("max_token_lifetime_days", " 30 ");
        fields.put("response_type_code", "yes");
        fields.put("response_type_code_id_token", "yes");
        fields.put("enabled", "yes");
        return fields;
    }

    @Test
    void theStoredApplicationFillsTheFormAndAnUnchangedFormDeclaresTheSameDefinition() {
        ApplicationDefinition current = stored(ClientType.WEB, List.of("https://a.example/cb", "https://b.example/cb"),
                List.of());
        ApplicationEditForm form = ApplicationEditForm.of(view(current));
        assertEquals("https://a.example/cb\nhttps://b.example/cb", form.redirectUris());
        assertEquals("openid profile", form.scopes());
        assertEquals("None", form.accessTokens());
        assertEquals("90", form.maxTokenLifetimeDays());
        assertEquals(4, form.version());
        assertTrue(form.allows(ResponseType.CODE));
        ApplicationEditForm.Read read = assertInstanceOf(ApplicationEditForm.Read.class, form.definition(current));
        assertEquals(current, read.definition());
    }

    @Test
    void aPostedWebFormBecomesTheDefinitionWithOneUriALineScopesBySpacesAndTheTickedBoxes() {
        ApplicationDefinition current = stored(ClientType.WEB, List.of("https://orders.example/cb"), List.of());
        ApplicationEditForm form = ApplicationEditForm.parse(ClientType.WEB, "orders", posted(webFields()));
        assertEquals(4, form.version());
        ApplicationDefinition changed = ((ApplicationEditForm.Read) form.definition(current)).definition();
        assertEquals("Orders shop", changed.name());
        assertEquals(List.of("https://orders.example/cb", "https://orders.example/cb2"), changed.redirectUris());
        assertEquals(List.of("https://orders.example/bye"), changed.postLogoutRedirectUris());
        assertEquals(List.of("openid", "profile", "orders:read"), List.copyOf(changed.scopes()));
        assertEquals(changed.scopes(), changed.defaultScopes(), "empty default scopes: all of them");
        assertEquals(AccessTokenPolicy.AUTHENTICATED_USERS, changed.accessTokens());
        assertEquals(30, changed.maxReferenceTokenDays());
        assertEquals(Set.of(ResponseType.CODE, ResponseType.CODE_ID_TOKEN), changed.responseTypes());
        assertTrue(changed.enabled());
        assertFalse(changed.passwordGrant(), "an unticked box is off");
        assertEquals(PkcePolicy.REQUIRED, changed.pkce());
        assertEquals(List.of(), ApplicationPolicy.check(changed, KNOWN, false));
    }

    @Test
    void anUntickedEnabledBoxDisables() {
        Map<String, String> fields = webFields();
        fields.remove("enabled");
        ApplicationDefinition current = stored(ClientType.WEB, List.of("https://orders.example/cb"), List.of());
        ApplicationDefinition changed = ((ApplicationEditForm.Read) ApplicationEditForm
                .parse(ClientType.WEB, "orders", posted(fields)).definition(current)).definition();
        assertFalse(changed.enabled());
    }

    @Test
    void fieldsTheTypeMayNotHaveKeepTheStoredValuesWhateverWasSent() {
        ApplicationDefinition m2m = stored(ClientType.M2M, List.of(), List.of());
        Map<String, String> fields = webFields();
        fields.put("scopes", "orders:read");
        fields.put("refresh_tokens", "yes");
        fields.put("password_grant", "yes");
        fields.put("pkce_optional", "yes");
        fields.put("web_origins", "https://evil.example");
        fields.put("response_type_id_token", "yes");
        ApplicationEditForm form = ApplicationEditForm.parse(ClientType.M2M, "orders", posted(fields));
        ApplicationDefinition changed = ((ApplicationEditForm.Read) form.definition(m2m)).definition();
        assertEquals(List.of(), changed.redirectUris(), "an m2m application has no redirect URIs");
        assertEquals(List.of(), changed.postLogoutRedirectUris());
        assertEquals(List.of(), changed.webOrigins());
        assertFalse(changed.refreshTokens());
        assertFalse(changed.passwordGrant());
        assertEquals(PkcePolicy.REQUIRED, changed.pkce());
        assertEquals(Set.of(ResponseType.CODE), changed.responseTypes());
        assertFalse(form.offers("redirect_uris"));
        assertTrue(form.offers("introspect_any"), "an m2m application is confidential");
        assertFalse(form.offers("refresh_tokens"));

        ApplicationEditForm spa = ApplicationEditForm.parse(ClientType.SPA, "orders", posted(fields));
        assertTrue(spa.offers("web_origins"));
        assertTrue(spa.offers("refresh_tokens"));
        assertFalse(spa.offers("introspect_any"), "a public application never introspects");
        assertFalse(spa.offers("response_types"), "only web applications choose response types");
        ApplicationDefinition spaChanged = ((ApplicationEditForm.Read) spa.definition(
                stored(ClientType.SPA, List.of("https://spa.example/cb"), List.of()))).definition();
        assertEquals(List.of("https://evil.example"), spaChanged.webOrigins());
        assertTrue(spaChanged.refreshTokens());
    }

    @Test
    void valuesThatCannotBeReadMarkTheirFieldsBeforeAnyCommand() {
        Map<String, String> fields = webFields();
        fields.put("access_tokens", "Everybody");
        fields.put("max_token_lifetime_days", "thirty");
        fields.remove("response_type_code");
        ApplicationEditForm form = ApplicationEditForm.parse(ClientType.WEB, "orders", posted(fields));
        ApplicationEditForm.Unreadable unreadable = assertInstanceOf(ApplicationEditForm.Unreadable.class,
                form.definition(stored(ClientType.WEB, List.of("https://orders.example/cb"), List.of())));
        assertEquals(Set.of("access_tokens", "max_token_lifetime_days", "response_types"),
                unreadable.errors().keySet());
        assertEquals("must be one of None, AuthenticatedUsers, AdministratorsOnly",
                unreadable.errors().get("access_tokens"));
        assertEquals("thirty", form.maxTokenLifetimeDays(), "what was typed is kept");
        assertEquals("Everybody", form.accessTokens());
        assertEquals(-1, ApplicationEditForm.parse(ClientType.WEB, "orders", posted(Map.of("version", "x"))).version());
    }

    @Test
    void thePolicysViolationsMarkTheFieldsTheFormOffersAndTheRestMarkTheWholeForm() {
        Map<String, String> fields = webFields();
        fields.put("redirect_uris", "https://orders.example/cb\nhttps://orders.example/cb#fragment");
        fields.put("default_scopes", "email");
        fields.put("max_token_lifetime_days", "0");
        ApplicationEditForm form = ApplicationEditForm.parse(ClientType.WEB, "orders", posted(fields));
        ApplicationDefinition changed = ((ApplicationEditForm.Read) form.definition(
                stored(ClientType.WEB, List.of("https://orders.example/cb"), List.of()))).definition();
        Map<String, String> errors = form.fieldErrors(ApplicationPolicy.check(changed, KNOWN, false));
        assertEquals(Set.of("redirect_uris", "default_scopes", "max_token_lifetime_days"), errors.keySet(),
                errors.toString());
        assertEquals("must be a subset of scopes", errors.get("default_scopes"));

        Map<String, String> whole = form.fieldErrors(List.of(new Violation("jwks_uri", "must be https"),
                new Violation("web_origins[0]", "is not an origin")));
        assertEquals(Map.of("", "jwks_uri must be https; web_origins[0] is not an origin"), whole,
                "a web form offers no web origins, so that violation marks the form");
    }

    @Test
    void aFormShownAgainAfterAConflictKeepsWhatWasTypedAtTheCurrentVersion() {
        ApplicationEditForm form = ApplicationEditForm.parse(ClientType.WEB, "orders", posted(webFields()));
        ApplicationEditForm again = form.atVersion(9);
        assertEquals(9, again.version());
        assertEquals(form.name(), again.name());
        assertEquals(form.redirectUris(), again.redirectUris());
        assertEquals(form.responseTypes(), again.responseTypes());
    }
}
