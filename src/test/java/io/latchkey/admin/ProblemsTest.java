package io.latchkey.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.error.ErrorCode;
import io.latchkey.error.OAuthException;
import io.latchkey.error.Violation;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of failure under /api/admin becomes one RFC 9457 document with its fixed type. */
class ProblemsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode body(Response response) throws Exception {
        return JSON.readTree((byte[]) response.getEntity());
    }

    @Test
    void anInvalidRequestNamesEveryViolation() throws Exception {
        Response response = Problems.of(AdminProblem.invalid(List.of(new Violation("name", "must be 1 to 200 characters"),
                new Violation("redirect_uris[1]", "must be https"))), null);
        assertEquals(400, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        assertEquals("no-store", response.getHeaderString("Cache-Control"));
        assertEquals(JSON.readTree("""
                {"type": "urn:latchkey:problem:invalid-request", "title": "The request is invalid", "status": 400,
                 "detail": "2 fields are invalid",
                 "violations": [{"field": "name", "message": "must be 1 to 200 characters"},
                                {"field": "redirect_uris[1]", "message": "must be https"}]}"""), body(response));
    }

    static Stream<Arguments> jaxRsRefusals() {
        return Stream.of(
                Arguments.of(new NotFoundException(), 404, "urn:latchkey:problem:not-found"),
                Arguments.of(new NotAllowedException("GET", new String[] {"PATCH"}), 405, "urn:latchkey:problem:method-not-allowed"),
                Arguments.of(new NotSupportedException(), 415, "urn:latchkey:problem:unsupported-media-type"),
                Arguments.of(new WebApplicationException(406), 406, "urn:latchkey:problem:not-acceptable"),
                Arguments.of(new WebApplicationException(400), 400, "urn:latchkey:problem:invalid-request"),
                Arguments.of(new WebApplicationException(503), 500, "urn:latchkey:problem:server-error"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("jaxRsRefusals")
    void mapsJaxRsRefusals(WebApplicationException exception, int status, String type) throws Exception {
        Response response = Problems.of(exception, null);
        assertEquals(status, response.getStatus());
        assertEquals(type, body(response).path("type").asText());
        assertEquals(status, body(response).path("status").asInt());
    }

    @Test
    void aWrongMethodKeepsTheAllowHeader() {
        Response response = Problems.of(new NotAllowedException("GET", new String[] {"PATCH"}), null);
        assertEquals(Set.of("GET", "PATCH"), new HashSet<>(Arrays.asList(response.getHeaderString("Allow").split(",\\s*"))));
    }

    @Test
    void aThrottledTokenLookUpIs429WithRetryAfter() throws Exception {
        Response response = Problems.of(OAuthException.of(ErrorCode.TOO_MANY_ATTEMPTS, "too many attempts")
                .withRetryAfter(Duration.ofSeconds(30)), null);
        assertEquals(429, response.getStatus());
        assertEquals("urn:latchkey:problem:too-many-requests", body(response).path("type").asText());
        assertEquals("30", response.getHeaderString("Retry-After"));
    }

    @Test
    void somethingUnexpectedIs500WithoutItsMessageOrStackTrace() throws Exception {
        Response response = Problems.unexpected(new IllegalStateException("secret internals at Foo.java:12"), null);
        assertEquals(500, response.getStatus());
        JsonNode body = body(response);
        assertEquals("urn:latchkey:problem:server-error", body.path("type").asText());
        assertFalse(body.toString().contains("internals"), body::toString);
    }

    @Test
    void aFailedConnectionIsTheClientsDoing() throws Exception {
        Response response = Problems.unexpected(new RuntimeException(new java.io.EOFException("cut")), null);
        assertEquals(400, response.getStatus());
        assertEquals("urn:latchkey:problem:invalid-request", body(response).path("type").asText());
    }

    @Test
    void aFiltersRefusalKeepsItsStatus() {
        assertEquals(ProblemType.REQUEST_TIMEOUT, Problems.refusal(408, "too slow").type());
        assertEquals(ProblemType.INVALID_REQUEST, Problems.refusal(400, "too large").type());
    }

    @Test
    void everyTypeHasAStableUrnAndItsStatusMapsBackToIt() {
        for (ProblemType type : ProblemType.values()) {
            assertEquals("urn:latchkey:problem:", type.uri().substring(0, 21));
            if (type != ProblemType.MALFORMED_JSON) {
                assertEquals(type, ProblemType.forStatus(type.status()));
            }
        }
    }
}
