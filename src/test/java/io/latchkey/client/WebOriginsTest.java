package io.latchkey.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latchkey.testing.TestClients;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class WebOriginsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", value = {
            "https://spa.example.com/cb, https://spa.example.com",
            "HTTPS://SPA.Example.COM/cb?x=1, https://spa.example.com",
            "https://spa.example.com:443/cb, https://spa.example.com",
            "https://spa.example.com:8443/cb, https://spa.example.com:8443",
            "http://127.0.0.1:80/cb, http://127.0.0.1",
            "http://127.0.0.1:19126/spa/callback.html, http://127.0.0.1:19126",
            "http://[::1]:8080/cb, http://[::1]:8080",
            "io.latchkey.example:/callback, none",
            "https://user@spa.example.com/cb, none",
            "null, none",
            "/relative, none"})
    void serializesTheOriginAsABrowserSendsIt(String url, String origin) {
        assertEquals(Optional.ofNullable(origin), WebOrigins.originOf(url));
    }

    @Test
    void defaultsToTheOriginsOfTheRedirectUris() {
        Client spa = TestClients.spa("spa").withRedirectUris("https://spa.example.com/cb", "https://spa.example.com/other",
                "https://app.example.com:8443/cb").build();
        assertEquals(Set.of("https://spa.example.com", "https://app.example.com:8443"), WebOrigins.of(spa));
    }

    @Test
    void explicitWebOriginsReplaceTheRedirectUrisOrigins() {
        Client spa = TestClients.spa("spa").withWebOrigins("https://pages.example.com").build();
        assertEquals(Set.of("https://pages.example.com"), WebOrigins.of(spa));
    }

    @Test
    void nativeApplicationsGetTheirWebRedirectUrisOriginsOnly() {
        Client app = TestClients.nativeApp("app").withRedirectUris("http://127.0.0.1:8765/cb", "com.example.app:/cb")
                .build();
        assertEquals(Set.of("http://127.0.0.1:8765"), WebOrigins.of(app));
    }

    @Test
    void confidentialApplicationsHaveNone() {
        assertEquals(Set.of(), WebOrigins.of(TestClients.webApp("web").build()));
        assertEquals(Set.of(), WebOrigins.of(TestClients.m2m("batch").build()));
    }
}
