package io.latchkey.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.latchkey.error.Violation;
import io.latchkey.store.Cursor;
import io.latchkey.store.PageRequest;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageParametersTest {

    private static MultivaluedMap<String, String> query(String... namesAndValues) {
        MultivaluedMap<String, String> query = new MultivaluedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            query.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return query;
    }

    private static Violation refusal(MultivaluedMap<String, String> query) {
        AdminProblem problem = assertThrows(AdminProblem.class,
                () -> PageParameters.of(query, Set.of("type")).page("applications"));
        assertEquals(ProblemType.INVALID_REQUEST, problem.type());
        return problem.violations().get(0);
    }

    @Test
    void defaultsToTheFirstPageOfFifty() {
        assertEquals(new PageRequest(Optional.empty(), 50), PageParameters.of(query(), Set.of()).page("applications"));
    }

    @Test
    void readsLimitAndCursor() {
        String cursor = Cursor.encode("applications", "it-web");
        assertEquals(new PageRequest(Optional.of("it-web"), 200),
                PageParameters.of(query("limit", "200", "cursor", cursor), Set.of()).page("applications"));
    }

    @ParameterizedTest
    @CsvSource({"0", "201", "-1", "1.5", "ten", "0050", "''"})
    void refusesALimitOutOfRange(String limit) {
        assertEquals(new Violation("limit", "must be a whole number from 1 to 200"), refusal(query("limit", limit)));
    }

    @Test
    void refusesACursorOfAnotherListingOrNone() {
        Violation expected = new Violation("cursor", "is not a cursor of this listing; use next_cursor as given");
        assertEquals(expected, refusal(query("cursor", Cursor.encode("accounts", "alice"))));
        assertEquals(expected, refusal(query("cursor", "%%%")));
        assertEquals(expected, refusal(query("cursor", "")));
    }

    @Test
    void refusesUnknownAndRepeatedParameters() {
        assertEquals(new Violation("kind", "is not a parameter of this listing"), refusal(query("kind", "m2m")));
        assertEquals(new Violation("limit", "must be given at most once"), refusal(query("limit", "1", "limit", "2")));
        assertEquals(List.of(), PageParameters.of(query("type", "m2m"), Set.of("type")).page("applications")
                .afterKey().stream().toList());
    }
}
