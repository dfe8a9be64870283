package io.latchkey.authorize;

import static io.latchkey.testing.TestRequests.authorization;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.latchkey.error.ErrorCode;
import io.latchkey.testing.InMemoryClientDirectory;
import io.latchkey.testing.TestClients;
import io.latchkey.token.AccessTokenClaims;
import io.latchkey.token.ClaimsRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OIDC Core §3.1.2.1 and §5.5 at the authorization endpoint: display, the locales, acr_values and the claims
 * parameter, checked after the redirect is verified, so every refusal goes back to the client.
 */
class AuthenticationOptionsTest {
    private final AuthorizationValidator validator = new AuthorizationValidator(new InMemoryClientDirectory(
            TestClients.webApp("web").build()));

    private static RequestParameters valid() {
        return authorization("web", TestClients.WEB_REDIRECT);
    }

    private AuthorizationValidator.Validation check(RequestParameters parameters) {
        return validator.check(parameters, validator.verifyClientAndRedirect(parameters));
    }

    private AuthorizationRequest accepted(RequestParameters parameters) {
        return assertInstanceOf(AuthorizationValidator.Valid.class, check(parameters)).request();
    }

    private AuthorizationValidator.Refused refused(RequestParameters parameters) {
        return assertInstanceOf(AuthorizationValidator.Refused.class, check(parameters));
    }

    @ParameterizedTest
    @ValueSource(strings = {"page", "popup", "touch", "wap"})
    void everyDisplayOfTheSpecificationIsAccepted(String display) {
        accepted(valid().with("display", display));
    }

    @Test
    void anUnknownDisplayIsAnInvalidRequestSentToTheClient() {
        AuthorizationValidator.Refused refused = refused(valid().with("display", "hologram"));
        assertEquals(ErrorCode.INVALID_REQUEST, refused.error().code());
        assertEquals("display must be one of page, popup, touch, wap", refused.error().description());
    }

    @Test
    void localesAndVoluntaryAcrValuesAreAcceptedAndKeptForAfterTheSignIn() {
        AuthorizationRequest request = accepted(valid().with("ui_locales", "fr-CA fr en").with("claims_locales", "de")
                .with("acr_values", "1 2"));
        assertEquals(Map.of("ui_locales", "fr-CA fr en", "claims_locales", "de", "acr_values", "1 2"),
                Map.of("ui_locales", request.parameters().single("ui_locales").orElseThrow(),
                        "claims_locales", request.parameters().single("claims_locales").orElseThrow(),
                        "acr_values", request.parameters().single("acr_values").orElseThrow()));
    }

    @Test
    void theClaimsParameterIsParsedAndKeptWithTheRequest() {
        AuthorizationRequest request = accepted(valid().with("claims", "{\"userinfo\":{\"name\":{\"essential\":true}}}"));
        assertEquals(Map.of("name", new ClaimsRequest.Requested(true, List.of())), request.claims().userinfo());
    }

    @Test
    void theClaimsParameterCountsOnlyInOpenIdConnectRequests() {
        AuthorizationRequest request = accepted(valid().with("scope", "profile")
                .with("claims", "{\"userinfo\":{\"name\":null}}"));
        assertEquals(ClaimsRequest.NONE, request.claims());
    }

    @Test
    void aClaimsParameterThatIsNotJsonIsAnInvalidRequestSentToTheClient() {
        AuthorizationValidator.Refused refused = refused(valid().with("claims", "{name"));
        assertEquals(ErrorCode.INVALID_REQUEST, refused.error().code());
        assertEquals("claims is not valid JSON", refused.error().description());
        assertEquals(ResponseMode.QUERY, refused.redirect().mode());
    }

    @Test
    void anEssentialAcrLatchkeyCannotMeetIsAFailedAuthentication() {
        AuthorizationValidator.Refused refused = refused(valid().with("claims",
                "{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"urn:mace:incommon:iap:silver\"]}}}"));
        assertEquals(ErrorCode.ACCESS_DENIED, refused.error().code());
    }

    @Test
    void anEssentialAcrLatchkeyMeetsOrAVoluntaryOneIsAccepted() {
        accepted(valid().with("claims", "{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"silver\",\""
                + AccessTokenClaims.PASSWORD_ACR + "\"]}}}"));
        accepted(valid().with("claims", "{\"id_token\":{\"acr\":{\"values\":[\"silver\"]}}}"));
        accepted(valid().with("claims", "{\"id_token\":{\"acr\":{\"essential\":true}}}"));
    }
}
