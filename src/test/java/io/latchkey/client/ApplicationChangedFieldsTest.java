package io.latchkey.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The names an application update records as changed: one per field that differs, sets compared as sets. */
class ApplicationChangedFieldsTest {
    private static ApplicationDefinition web(String name, List<String> redirectUris, Set<String> scopes,
                                             boolean enabled, int maxDays, Set<ResponseType> responseTypes) {
        return new ApplicationDefinition("web", name, ClientType.WEB, redirectUris, List.of(), scopes, scopes,
                Optional.empty(), enabled, AccessTokenPolicy.AUTHENTICATED_USERS, false, false, false, maxDays, false,
                responseTypes, false, PkcePolicy.REQUIRED, false);
    }

    private static final ApplicationDefinition BEFORE = web("Web", List.of("https://a.example/cb",
            "https://b.example/cb"), new LinkedHashSet<>(List.of("openid", "profile")), true, 90,
            Set.of(ResponseType.CODE));

    @Test
    void anEqualDefinitionChangesNothingWhateverTheOrderOfItsSets() {
        ApplicationDefinition same = web("Web", BEFORE.redirectUris(), new LinkedHashSet<>(List.of("profile",
                "openid")), true, 90, Set.of(ResponseType.CODE));

        assertEquals(List.of(), ApplicationCommands.changedFields(BEFORE, same));
    }

    @Test
    void namesChangedWebOrigins() {
        ApplicationDefinition spa = new ApplicationDefinition("spa", "Spa", ClientType.SPA,
                List.of("https://spa.example/cb"), List.of(), Set.of("openid"), Set.of("openid"), Optional.empty(), true,
                AccessTokenPolicy.NONE, false, false, false, 90, false, Set.of(ResponseType.CODE), false,
                PkcePolicy.REQUIRED, false);
        ApplicationDefinition elsewhere = new ApplicationDefinition("spa", "Spa", ClientType.SPA,
                List.of("https://spa.example/cb"), List.of(), List.of("https://pages.example"), Set.of("openid"),
                Set.of("openid"), Optional.empty(), true, AccessTokenPolicy.NONE, false, false, false, 90, false,
                Set.of(ResponseType.CODE), false, PkcePolicy.REQUIRED, false, ClientSigning.DEFAULT);

        assertEquals(List.of("web_origins"), ApplicationCommands.changedFields(spa, elsewhere));
    }

    @Test
    void namesEveryChangedFieldInTheOrderOfTheDefinition() {
        ApplicationDefinition after = web("Renamed", List.of("https://b.example/cb", "https://a.example/cb"),
                Set.of("openid"), false, 30, Set.of(ResponseType.CODE, ResponseType.parse("code id_token")
                        .orElseThrow()));

        assertEquals(List.of("name", "redirect_uris", "scopes", "default_scopes", "enabled",
                "max_token_lifetime_days", "response_types"), ApplicationCommands.changedFields(BEFORE, after));
    }
}
