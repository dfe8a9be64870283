package io.latchkey.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** OIDC Core §5.5: the claims request parameter's shape, what is kept of it, and what is refused. */
class ClaimsRequestTest {

    @Test
    void readsBothMembersWithNullEssentialValueAndValues() {
        ClaimsRequest request = ClaimsRequest.parse("{\"userinfo\":{\"given_name\":{\"essential\":true},"
                + "\"nickname\":null,\"email\":{\"essential\":true}},\"id_token\":{\"auth_time\":{\"essential\":true},"
                + "\"acr\":{\"values\":[\"urn:mace:incommon:iap:silver\",\"x\"]},\"sub\":{\"value\":\"248289761001\"}}}");

        assertEquals(Map.of("given_name", new ClaimsRequest.Requested(true, List.of()),
                "nickname", ClaimsRequest.Requested.VOLUNTARY,
                "email", new ClaimsRequest.Requested(true, List.of())), request.userinfo());
        assertEquals(Map.of("auth_time", new ClaimsRequest.Requested(true, List.of()),
                "acr", new ClaimsRequest.Requested(false, List.of("urn:mace:incommon:iap:silver", "x")),
                "sub", new ClaimsRequest.Requested(false, List.of("248289761001"))), request.idToken());
    }

    @Test
    void ignoresMembersItDoesNotUnderstand() {
        ClaimsRequest request = ClaimsRequest.parse("{\"userinfo\":{\"name\":{\"essential\":false,\"x\":1}},"
                + "\"other\":[1,2],\"id_token\":null}");

        assertEquals(Map.of("name", ClaimsRequest.Requested.VOLUNTARY), request.userinfo());
        assertEquals(Map.of(), request.idToken());
    }

    @Test
    void keepsWhatTheClientSentForTheGrantAndReadsItBack() {
        String sent = "{\"userinfo\":{\"name\":null}}";
        ClaimsRequest request = ClaimsRequest.parse(sent);

        assertEquals(Optional.of(sent), request.storable());
        assertEquals(request, ClaimsRequest.stored(request.storable()));
        assertEquals(ClaimsRequest.NONE, ClaimsRequest.stored(Optional.empty()));
        assertEquals(Optional.empty(), ClaimsRequest.NONE.storable());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{\"userinfo\":", "[]", "\"userinfo\"", "null", "{\"userinfo\":[]}",
            "{\"id_token\":\"name\"}", "{\"userinfo\":{\"name\":true}}", "{\"userinfo\":{\"name\":{\"essential\":\"yes\"}}}",
            "{\"id_token\":{\"acr\":{\"values\":\"x\"}}}", "{\"userinfo\":{},\"userinfo\":{}}"})
    void refusesWhatIsNotAClaimsRequestAsInvalidRequest(String value) {
        OAuthException refused = assertThrows(OAuthException.class, () -> ClaimsRequest.parse(value));
        assertEquals(ErrorCode.INVALID_REQUEST, refused.error().code());
    }

    @Test
    void refusesOneLongerThanItsColumn() {
        String value = "{\"userinfo\":{\"" + "n".repeat(ClaimsRequest.MAX_LENGTH) + "\":null}}";
        OAuthException refused = assertThrows(OAuthException.class, () -> ClaimsRequest.parse(value));
        assertEquals(ErrorCode.INVALID_REQUEST, refused.error().code());
    }
}
