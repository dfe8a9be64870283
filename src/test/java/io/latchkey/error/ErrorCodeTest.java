package io.latchkey.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorCodeTest {
    static Stream<Arguments> codes() {
        return Stream.of(
                Arguments.of(ErrorCode.INVALID_REQUEST, "invalid_request", 400),
                Arguments.of(ErrorCode.INVALID_CLIENT, "invalid_client", 401),
                Arguments.of(ErrorCode.INVALID_GRANT, "invalid_grant", 400),
                Arguments.of(ErrorCode.UNAUTHORIZED_CLIENT, "unauthorized_client", 400),
                Arguments.of(ErrorCode.UNSUPPORTED_GRANT_TYPE, "unsupported_grant_type", 400),
                Arguments.of(ErrorCode.INVALID_SCOPE, "invalid_scope", 400),
                Arguments.of(ErrorCode.ACCESS_DENIED, "access_denied", 403),
                Arguments.of(ErrorCode.INVALID_TOKEN, "invalid_token", 401),
                Arguments.of(ErrorCode.INSUFFICIENT_SCOPE, "insufficient_scope", 403),
                Arguments.of(ErrorCode.UNSUPPORTED_RESPONSE_TYPE, "unsupported_response_type", 400),
                Arguments.of(ErrorCode.LOGIN_REQUIRED, "login_required", 400),
                Arguments.of(ErrorCode.CONSENT_REQUIRED, "consent_required", 400),
                Arguments.of(ErrorCode.REQUEST_NOT_SUPPORTED, "request_not_supported", 400),
                Arguments.of(ErrorCode.INVALID_REQUEST_OBJECT, "invalid_request_object", 400),
                Arguments.of(ErrorCode.REQUEST_URI_NOT_SUPPORTED, "request_uri_not_supported", 400),
                Arguments.of(ErrorCode.REGISTRATION_NOT_SUPPORTED, "registration_not_supported", 400),
                Arguments.of(ErrorCode.FORGED_FORM, "invalid_request", 403),
                Arguments.of(ErrorCode.TOO_MANY_ATTEMPTS, "invalid_request", 429),
                Arguments.of(ErrorCode.CLIENT_AUTHENTICATION_THROTTLED, "invalid_client", 429),
                Arguments.of(ErrorCode.NOT_FOUND, "invalid_request", 404),
                Arguments.of(ErrorCode.METHOD_NOT_ALLOWED, "invalid_request", 405),
                Arguments.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "invalid_request", 415),
                Arguments.of(ErrorCode.SERVER_ERROR, "server_error", 500));
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("codes")
    void sendsEachCodeWithItsRfcNameAndStatus(ErrorCode code, String wireName, int status) {
        assertEquals(wireName, code.wireName());
        assertEquals(status, code.status());
    }

    @Test
    void tableCoversEveryCode() {
        assertEquals(EnumSet.allOf(ErrorCode.class),
                codes().map(a -> (ErrorCode) a.get()[0]).collect(Collectors.toCollection(() -> EnumSet.noneOf(ErrorCode.class))));
    }
}
