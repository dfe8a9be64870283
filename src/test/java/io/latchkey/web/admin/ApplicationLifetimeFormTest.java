package io.latchkey.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.client.AccessTokenPolicy;
import io.latchkey.client.ApplicationDefinition;
import io.latchkey.client.ApplicationView;
import io.latchkey.client.ClientType;
import io.latchkey.client.FormParameters;
import io.latchkey.client.PkcePolicy;
import io.latchkey.client.ResponseType;
import io.latchkey.client.TokenLifetimes;
import io.latchkey.config.ServerTokenLifetimes;
import io.latchkey.error.Violation;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The console form's token lifetimes: seconds as typed, blank for the server's setting, per type. */
class ApplicationLifetimeFormTest {
    private static ApplicationDefinition stored(ClientType type, TokenLifetimes lifetimes) {
        return new ApplicationDefinition("orders", "Orders", type,
                type.interactive() ? List.of("https://orders.example/cb") : List.of(), List.of(), List.of(),
                Set.of("openid"), Set.of("openid"), Optional.empty(), true, AccessTokenPolicy.NONE, false, false, false,
                90, false, Set.of(ResponseType.CODE), false, PkcePolicy.REQUIRED, false,
                io.latchkey.client.ClientSigning.DEFAULT, lifetimes);
    }

    private static Map<String, String> fields(ApplicationDefinition current) {
        Map<String, String> fields = new HashMap<>();
        fields.put("version", "4");
        fields.put("name", current.name());
        fields.put("redirect_uris", String.join("\n", current.redirectUris()));
        fields.put("scopes", "openid");
        fields.put("access_tokens", "None");
        fields.put("max_token_lifetime_days", "90");
        fields.put("response_type_code", "yes");
        fields.put("enabled", "yes");
        return fields;
    }

    private static ApplicationEditForm.Reading posted(ApplicationDefinition current, Map<String, String> fields) {
        return ApplicationEditForm.parse(current.type(), "orders", FormParameters.of(fields)).definition(current);
    }

    @Test
    void theStoredLifetimesFillTheFormBlankWhereTheServersApply() {
        ApplicationDefinition current = stored(ClientType.WEB, TokenLifetimes.ofSeconds(120L, null, 7200L));
        ApplicationEditForm form = ApplicationEditForm.of(new ApplicationView(current, 4, Instant.EPOCH, Instant.EPOCH,
                List.of()));
        assertEquals("120", form.accessTokenLifetime());
        assertEquals("", form.refreshTokenIdleLifetime());
        assertEquals("7200", form.refreshTokenMaxLifetime());
        assertEquals(current, ((ApplicationEditForm.Read) form.definition(current)).definition());
    }

    @Test
    void typedSecondsBecomeTheLifetimesAndBlankTheServersSetting() {
        ApplicationDefinition current = stored(ClientType.WEB, TokenLifetimes.ofSeconds(120L, 600L, 7200L));
        Map<String, String> fields = fields(current);
        fields.put("access_token_lifetime", " 300 ");
        fields.put("refresh_token_idle_lifetime", "");
        fields.put("refresh_token_max_lifetime", "86400");
        ApplicationEditForm.Read read = assertInstanceOf(ApplicationEditForm.Read.class, posted(current, fields));
        assertEquals(TokenLifetimes.ofSeconds(300L, null, 86_400L), read.definition().lifetimes());
    }

    @Test
    void anM2mFormHasNoRefreshLifetimesAndKeepsWhatIsStored() {
        ApplicationDefinition current = stored(ClientType.M2M, TokenLifetimes.ofSeconds(120L, null, null));
        ApplicationEditForm form = ApplicationEditForm.parse(ClientType.M2M, "orders", FormParameters.of(Map.of()));
        assertTrue(form.offers("access_token_lifetime"));
        assertFalse(form.offers("refresh_token_idle_lifetime"));
        assertFalse(form.offers("refresh_token_max_lifetime"));
        Map<String, String> fields = fields(current);
        fields.put("access_token_lifetime", "600");
        fields.put("refresh_token_max_lifetime", "3600");
        ApplicationEditForm.Read read = assertInstanceOf(ApplicationEditForm.Read.class, posted(current, fields));
        assertEquals(TokenLifetimes.ofSeconds(600L, null, null), read.definition().lifetimes(),
                "a field the type may not have is not read");
    }

    @Test
    void aLifetimeThatIsNotSecondsIsMarkedAndTheTypedValueKept() {
        ApplicationDefinition current = stored(ClientType.WEB, TokenLifetimes.SERVER_DEFAULTS);
        Map<String, String> fields = fields(current);
        fields.put("access_token_lifetime", "1h");
        ApplicationEditForm typed = ApplicationEditForm.parse(ClientType.WEB, "orders", FormParameters.of(fields));
        ApplicationEditForm.Unreadable unreadable = assertInstanceOf(ApplicationEditForm.Unreadable.class,
                typed.definition(current));
        assertEquals(Map.of("access_token_lifetime", "must be a whole number of seconds, or blank for the server's "
                + "setting"), unreadable.errors());
        assertEquals("1h", typed.accessTokenLifetime());
    }

    @Test
    void aBrokenRuleMarksItsLifetimeField() {
        ApplicationEditForm form = ApplicationEditForm.parse(ClientType.WEB, "orders", FormParameters.of(Map.of()));
        assertEquals(Map.of("refresh_token_idle_lifetime", "must not be longer than refresh_token_max_lifetime, "
                + "3600 seconds"), form.fieldErrors(List.of(new Violation("refresh_token_idle_lifetime",
                "must not be longer than refresh_token_max_lifetime, 3600 seconds"))));
    }

    @Test
    void theHintsNameTheServersSettingReadably() {
        assertEquals(Map.of("access_token_lifetime", "In seconds; blank: the server's setting, 1 hour.",
                "refresh_token_idle_lifetime", "In seconds; blank: the server's setting, 14 days.",
                "refresh_token_max_lifetime", "In seconds; blank: the server's setting, 30 days."),
                ApplicationEditForm.lifetimeHints(ServerTokenLifetimes.DEFAULTS));
        assertEquals("90 seconds", ApplicationEditForm.readable(Duration.ofSeconds(90)));
        assertEquals("5 minutes", ApplicationEditForm.readable(Duration.ofMinutes(5)));
        assertEquals("1 day", ApplicationEditForm.readable(Duration.ofDays(1)));
    }
}
