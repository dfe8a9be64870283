package io.latchkey.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link AdminApiCoverageIT}'s comparison, without a server: what counts as an exercised operation. */
class AdminApiCoverageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode document(String paths) throws Exception {
        return JSON.readTree("{\"openapi\":\"3.1.0\",\"paths\":" + paths + "}");
    }

    private static AdminRequestLog.Entry entry(String line) {
        return AdminRequestLog.Entry.parse(line);
    }

    @Test
    void anOperationAddedWithoutASuccessfulCallIsMissing() throws Exception {
        JsonNode document = document("""
                {"/api/admin/things": {"get": {}, "post": {}},
                 "/api/admin/things/{id}": {"parameters": [], "delete": {}}}""");
        List<AdminRequestLog.Entry> requests = List.of(entry("GET /api/admin/things 200"),
                entry("POST /api/admin/things 400"), entry("DELETE /api/admin/things/a%2Fb 204"));
        assertEquals(List.of("POST /api/admin/things"), AdminApiCoverageIT.missing(document, requests),
                "a refused call exercises nothing; 'parameters' is not an operation");
    }

    @Test
    void aTemplateVariableIsOneSegment() throws Exception {
        JsonNode document = document("{\"/api/admin/things/{id}/parts\": {\"get\": {}}}");
        assertEquals(List.of("GET /api/admin/things/{id}/parts"), AdminApiCoverageIT.missing(document,
                List.of(entry("GET /api/admin/things/a/b/parts 200"), entry("GET /api/admin/things//parts 200"),
                        entry("POST /api/admin/things/a/parts 200"))));
        assertEquals(List.of(), AdminApiCoverageIT.missing(document, List.of(entry("GET /api/admin/things/a/parts 200"))));
    }

    @Test
    void aDocumentWithoutOperationsFails() throws Exception {
        assertThrows(AssertionError.class, () -> AdminApiCoverageIT.missing(document("{}"), List.of()));
    }
}
