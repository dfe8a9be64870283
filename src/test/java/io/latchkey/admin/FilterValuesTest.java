package io.latchkey.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.latchkey.error.Violation;
import io.latchkey.store.Cursor;
import io.latchkey.store.PageRequest;
import io.latchkey.store.TokenState;
import io.latchkey.token.IssuedReferenceTokens;
import io.latchkey.token.ReferenceToken;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilterValuesTest {
    private static final Set<String> FILTERS = Set.of("account", "kind", "state", "from");

    private static PageParameters query(String... namesAndValues) {
        MultivaluedMap<String, String> query = new MultivaluedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            query.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return PageParameters.of(query, FILTERS);
    }

    private static Violation refusal(Function<PageParameters, ?> read, String... namesAndValues) {
        PageParameters query = query(namesAndValues);
        AdminProblem problem = assertThrows(AdminProblem.class, () -> read.apply(query));
        assertEquals(ProblemType.INVALID_REQUEST, problem.type());
        assertEquals(1, problem.violations().size());
        return problem.violations().get(0);
    }

    @Test
    void absentFiltersSelectNothingInParticular() {
        PageParameters none = query();
        assertEquals(Optional.empty(), FilterValues.name(none, "account"));
        assertEquals(Optional.empty(), FilterValues.tokenKind(none, "kind"));
        assertEquals(Optional.empty(), FilterValues.tokenState(none, "state"));
        assertEquals(Optional.empty(), FilterValues.time(none, "from"));
    }

    @ParameterizedTest
    @CsvSource({"pat, PAT", "sat, SAT", "at, AT"})
    void tokenKindsByTheirWireNames(String wire, ReferenceToken.Kind kind) {
        assertEquals(Optional.of(kind), FilterValues.tokenKind(query("kind", wire), "kind"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PAT", "Pat", "personal", "", "pat ", "rt", "lk_pat_"})
    void anyOtherKindIsRefusedNamingTheField(String wire) {
        Violation violation = refusal(q -> FilterValues.tokenKind(q, "kind"), "kind", wire);
        assertEquals(new Violation("kind", "must be one of pat, sat, at"), violation);
    }

    @ParameterizedTest
    @CsvSource({"active, ACTIVE", "revoked, REVOKED", "expired, EXPIRED"})
    void statesByTheirWireNames(String wire, TokenState state) {
        assertEquals(Optional.of(state), FilterValues.tokenState(query("state", wire), "state"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ACTIVE", "live", "", "revoked,active", "all"})
    void anyOtherStateIsRefusedNamingTheField(String wire) {
        Violation violation = refusal(q -> FilterValues.tokenState(q, "state"), "state", wire);
        assertEquals(new Violation("state", "must be one of active, revoked, expired"), violation);
    }

    @ParameterizedTest
    @CsvSource({
            "2026-12-06T09:30:00Z, 2026-12-06T09:30:00Z",
            "2026-12-06t09:30:00z, 2026-12-06T09:30:00Z",
            "2026-12-06T10:30:00+01:00, 2026-12-06T09:30:00Z",
            "2026-12-06T09:30:00.123456789-00:00, 2026-12-06T09:30:00.123456789Z",
            "2024-02-29T00:00:00Z, 2024-02-29T00:00:00Z"})
    void rfc3339DateTimes(String text, String instant) {
        assertEquals(Optional.of(Instant.parse(instant)), FilterValues.time(query("from", text), "from"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-06", "2026-12-06T09:30Z", "2026-12-06T09:30:00", "2026-12-06 09:30:00Z",
            "2026-13-01T00:00:00Z", "2025-02-29T00:00:00Z", "2026-12-06T24:00:00Z", "2026-12-06T09:30:00+0100",
            "1765013400", "yesterday", "", "2026-12-06T09:30:00.Z", "+2026-12-06T09:30:00Z"})
    void anythingElseIsNoTime(String text) {
        Violation violation = refusal(q -> FilterValues.time(q, "from"), "from", text);
        assertEquals("from", violation.field());
    }

    @Test
    void namesAreOneToTwoHundredCharactersWithoutControlCharacters() {
        assertEquals(Optional.of("x".repeat(200)), FilterValues.name(query("account", "x".repeat(200)), "account"));
        assertEquals(Optional.of("ün ï"), FilterValues.name(query("account", "ün ï"), "account"));
        for (String bad : List.of("", "x".repeat(201), "a\nb", "a\u0000b", "\t", "a\u0085b", "a\ud800b")) {
            assertEquals("account", refusal(q -> FilterValues.name(q, "account"), "account", bad).field());
        }
    }

    @Test
    void aCursorOfTheListingWithAKeyTheListingNeverHandsOutIsRefused() {
        String forged = Cursor.encode("tokens", "not-a-token-key");
        Violation violation = refusal(q -> FilterValues.page(q, "tokens", IssuedReferenceTokens::isPageKey),
                "cursor", forged);
        assertEquals("cursor", violation.field());
        String real = Cursor.encode("tokens", "2026-12-06T09:30:00Z/abcdEFGH");
        assertEquals(new PageRequest(Optional.of("2026-12-06T09:30:00Z/abcdEFGH"), 50),
                FilterValues.page(query("cursor", real), "tokens", IssuedReferenceTokens::isPageKey));
        assertEquals("cursor", refusal(q -> FilterValues.page(q, "tokens", IssuedReferenceTokens::isPageKey),
                "cursor", Cursor.encode("consents", "12")).field(), "a cursor of another listing");
    }

    @Test
    void aResourceWithoutParametersNamesTheFirstOneSent() {
        MultivaluedMap<String, String> query = new MultivaluedHashMap<>();
        query.add("zeta", "1");
        query.add("alpha", "2");
        AdminProblem problem = assertThrows(AdminProblem.class, () -> AdminRequest.noQuery(query));
        assertEquals("alpha", problem.violations().get(0).field());
        AdminRequest.noQuery(new MultivaluedHashMap<>());
    }
}
