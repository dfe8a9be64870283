package io.latchkey.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** CSP Level 3: no script and no framing, and form-action naming exactly the origins a form may end at. */
class ContentSecurityPolicyTest {
    private static final String SCRIPT_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

    /** The directives, each trimmed, in order. */
    private static List<String> directives(String policy) {
        return Arrays.stream(policy.split(";")).map(String::trim).toList();
    }

    private static Optional<String> directive(String policy, String name) {
        return directives(policy).stream().filter(d -> d.equals(name) || d.startsWith(name + " ")).findFirst();
    }

    @Test
    void pagesPostOnlyToThisServerAndRunNoScript() {
        String policy = ContentSecurityPolicy.pages();
        assertEquals(Optional.of("form-action 'self'"), directive(policy, "form-action"));
        assertEquals(Optional.empty(), directive(policy, "script-src"));
        assertEquals(Optional.of("default-src 'none'"), directive(policy, "default-src"));
        assertEquals(Optional.of("frame-ancestors 'none'"), directive(policy, "frame-ancestors"));
        assertEquals(Optional.of("base-uri 'none'"), directive(policy, "base-uri"));
        assertEquals(Optional.of("style-src 'self'"), directive(policy, "style-src"));
    }

    @Test
    void aPageWithItsOwnScriptFileRunsOnlyThisServersScriptsAndIsOtherwiseAsStrict() {
        String policy = ContentSecurityPolicy.pagesWithOwnScripts();
        assertEquals(Optional.of("script-src 'self'"), directive(policy, "script-src"), "no inline script, no eval");
        assertEquals(directives(ContentSecurityPolicy.pages()),
                directives(policy).stream().filter(d -> !d.startsWith("script-src")).toList());
    }

    @Test
    void aPageRedirectingToAnApplicationAddsThatOriginWithItsPortAndNothingElse() {
        String policy = ContentSecurityPolicy.pagesRedirectingTo(Optional.of("https://app.example.com:8443/cb?x"));
        assertEquals(Optional.of("form-action 'self' https://app.example.com:8443"), directive(policy, "form-action"));
        assertEquals(Optional.empty(), directive(policy, "script-src"));
        assertFalse(policy.contains("/cb"), policy);
    }

    @Test
    void aPageRedirectingToAnOriginWithoutPortNamesTheBareOrigin() {
        String policy = ContentSecurityPolicy.pagesRedirectingTo(Optional.of("https://app.example.com/callback#f"));
        assertEquals(Optional.of("form-action 'self' https://app.example.com"), directive(policy, "form-action"));
    }

    @Test
    void aPrivateUseSchemeRedirectIsNamedByItsSchemeAlone() {
        String policy = ContentSecurityPolicy.pagesRedirectingTo(Optional.of("com.example.app:/cb"));
        assertEquals(Optional.of("form-action 'self' com.example.app:"), directive(policy, "form-action"));
    }

    @Test
    void aPageWithoutRedirectTargetIsAnOrdinaryPage() {
        assertEquals(ContentSecurityPolicy.pages(), ContentSecurityPolicy.pagesRedirectingTo(Optional.empty()));
    }

    @Test
    void theFormPostPageAllowsOnlyItsHashedScriptAndPostsOnlyToTheActionsOrigin() {
        String policy = ContentSecurityPolicy.formPost(SCRIPT_HASH, "https://app.example.com:8443/cb?state=x");
        assertEquals(Optional.of("script-src " + SCRIPT_HASH), directive(policy, "script-src"));
        assertEquals(Optional.of("form-action https://app.example.com:8443"), directive(policy, "form-action"));
        assertFalse(policy.contains("'unsafe-inline'"), policy);
        assertFalse(policy.contains("state=x"), policy);
        assertEquals(Optional.of("frame-ancestors 'none'"), directive(policy, "frame-ancestors"));
        assertEquals(1, directives(policy).stream().filter(d -> d.startsWith("form-action")).count());
    }

    @Test
    void originKeepsTheSchemeAndAuthorityOfAnAbsoluteUri() {
        assertEquals("https://app.example.com:8443",
                ContentSecurityPolicy.origin("https://app.example.com:8443/a/b?c#d"));
        assertEquals("http://127.0.0.1:51004", ContentSecurityPolicy.origin("http://127.0.0.1:51004/cb"));
        assertEquals("http://[::1]:8080", ContentSecurityPolicy.origin("http://[::1]:8080/cb"));
        assertEquals("com.example.app:", ContentSecurityPolicy.origin("com.example.app:/oauth/cb"));
        assertTrue(ContentSecurityPolicy.pages().startsWith("default-src 'none'"));
    }
}
