package io.latchkey.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.client.FormParameters;
import io.latchkey.store.Slice;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TablePositionsTest {
    private static final String PAGE = "/admin/people/alice";
    /** 312 rows, 0 to 311; the offsets asked for, in order. */
    private final List<Integer> asked = new ArrayList<>();

    private Slice<Integer> rows(int offset, int limit, int total) {
        asked.add(offset);
        return new Slice<>(IntStream.range(offset, Math.min(total, offset + limit)).boxed().toList(), offset, total);
    }

    private static TablePositions of(String... pairs) {
        MultivaluedHashMap<String, String> query = new MultivaluedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            query.add(pairs[i], pairs[i + 1]);
        }
        return TablePositions.of(PAGE, query);
    }

    @Test
    void theFirstRowsLinkOnlyToOlderOnesAndSayWhereTheyAre() {
        TablePositions positions = of();
        TablePositions.Table<Integer> table = positions.table("consents", offset -> rows(offset, 50, 312));
        assertEquals(List.of(0), asked);
        assertEquals(50, table.items().size());
        assertEquals(1, table.first());
        assertEquals(50, table.last());
        assertEquals(312, table.total());
        assertEquals(Optional.empty(), table.newer());
        assertEquals(Optional.of(PAGE + "?consents_offset=50#consents-heading"), table.older());
        assertTrue(table.paged());
    }

    @Test
    void aTablesLinksKeepTheOtherTablesPositionsAndTheLimit() {
        TablePositions positions = of("tokens_offset", "20", "consents_offset", "10", "limit", "10",
                "families_offset", "junk", "other", "dropped");
        TablePositions.Table<Integer> tokens = positions.table("tokens", offset -> rows(offset, 10, 35));
        assertEquals(List.of(20), asked);
        assertEquals(21, tokens.first());
        assertEquals(30, tokens.last());
        assertEquals(Optional.of(PAGE + "?consents_offset=10&tokens_offset=10&limit=10#tokens-heading"),
                tokens.newer());
        assertEquals(Optional.of(PAGE + "?consents_offset=10&tokens_offset=30&limit=10#tokens-heading"),
                tokens.older());
        TablePositions.Table<Integer> consents = positions.table("consents", offset -> rows(offset, 10, 35));
        assertEquals(Optional.of(PAGE + "?tokens_offset=20&limit=10#consents-heading"), consents.newer(),
                "the first rows need no position");
        assertEquals(0, positions.offset("families"), "not a number: no position");
    }

    @Test
    void theLastRowsLinkOnlyToNewerOnesAndAPositionPastTheEndShowsTheLastRows() {
        TablePositions.Table<Integer> last = of("families_offset", "300").table("families",
                offset -> rows(offset, 50, 312));
        assertEquals(301, last.first());
        assertEquals(312, last.last());
        assertEquals(Optional.of(PAGE + "?families_offset=250#families-heading"), last.newer());
        assertEquals(Optional.empty(), last.older());

        asked.clear();
        TablePositions.Table<Integer> gone = of("families_offset", "900").table("families",
                offset -> rows(offset, 50, 312));
        assertEquals(List.of(900, 300), asked, "asked again where the last rows start");
        assertEquals(301, gone.first());
        assertEquals(Optional.empty(), gone.older());
    }

    @Test
    void aTableThatShowsEverythingHasNoLinksAndAnEmptyOneShowsNothing() {
        TablePositions.Table<Integer> all = of().table("tokens", offset -> rows(offset, 50, 3));
        assertFalse(all.paged());
        assertEquals(3, all.last());
        TablePositions.Table<Integer> none = of("tokens_offset", "50").table("tokens",
                offset -> rows(offset, 50, 0));
        assertTrue(none.isEmpty());
        assertEquals(0, none.first());
        assertEquals(0, none.last());
        assertEquals(List.of(0, 50, 0), asked, "asked again from the first row");
        assertFalse(none.paged(), "nothing to page to");

        asked.clear();
        TablePositions.Table<Integer> noneOneARow = of("tokens_offset", "3", "limit", "1").table("tokens",
                offset -> rows(offset, 1, 0));
        assertEquals(List.of(3, 0), asked, "from the first row, never from -1");
        assertTrue(noneOneARow.isEmpty());
    }

    @Test
    void aLimitOutsideOneTo200IsTheDefault() {
        assertEquals(50, of("limit", "0").limit());
        assertEquals(50, of("limit", "201").limit());
        assertEquals(50, of("limit", "-5").limit());
        assertEquals(200, of("limit", "200").limit());
        assertEquals(0, of("consents_offset", "9999999999").offset("consents"));
    }

    @Test
    void aFormOfThePageCarriesItsPositionsBackAndTheAnswerShowsEveryTableWhereItWas() {
        TablePositions page = of("tokens_offset", "20", "consents_offset", "10", "limit", "10",
                "families_offset", "junk");
        assertEquals(Map.of("consents_offset", "10", "tokens_offset", "20", "limit", "10"), page.fields());

        TablePositions answer = TablePositions.of(PAGE, FormParameters.of(Map.of("csrf", "x", "token_id", "AbCd1234",
                "consents_offset", "10", "tokens_offset", "20", "limit", "10")));

        assertEquals(20, answer.offset("tokens"));
        assertEquals(10, answer.offset("consents"));
        assertEquals(0, answer.offset("families"));
        assertEquals(10, answer.limit());
        assertEquals(page.link("tokens", 30), answer.link("tokens", 30));
    }

    @Test
    void theFirstPositionsAddNoFieldAndAFormWithoutThemStartsEveryTableAtItsFirstRow() {
        assertEquals(Map.of(), TablePositions.first(PAGE).fields());
        assertEquals(Map.of(), of("limit", "50", "consents_offset", "0").fields());
        TablePositions answer = TablePositions.of(PAGE, FormParameters.of(Map.of("csrf", "x", "limit", "999",
                "tokens_offset", "-5")));
        assertEquals(0, answer.offset("tokens"));
        assertEquals(50, answer.limit());
    }
}
