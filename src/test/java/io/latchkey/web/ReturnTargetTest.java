package io.latchkey.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ReturnTargetTest {
    @ParameterizedTest
    @ValueSource(strings = {"/", "/account/applications", "/account/tokens", "/admin/people", "/admin/scopes",
            "/admin/apis", "/admin/tokens", "/admin/keys", "/admin/audit", "/admin/posture", "/admin/new-application"})
    void latchkeysOwnPagesAreKept(String page) {
        assertEquals(Optional.of(page), ReturnTarget.of(page));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "//evil.example", "//evil.example/account/tokens", "/\\evil.example", "\\\\evil.example",
            "https://evil.example/account/tokens", "http://localhost/account/tokens", "javascript:alert(1)",
            "%2F%2Fevil.example", "/%2Fevil.example", "/%5Cevil.example", "%2Faccount%2Ftokens",
            "/account/tokens/../../evil", "/account/./tokens", "/account//tokens", "/account/tokens/",
            "/account/tokens?x=//evil.example", "/account/tokens#//evil.example", "/account/tokens%00",
            " /account/tokens", "/account/tokens ", "/account/tokens\r\nLocation: //evil.example", "/ACCOUNT/TOKENS",
            "account/tokens", "/admin/api/applications", "/login", "/oauth/logout", "/\t/evil.example"})
    void anythingElseIsRefused(String requested) {
        assertEquals(Optional.empty(), ReturnTarget.of(requested));
    }
}
