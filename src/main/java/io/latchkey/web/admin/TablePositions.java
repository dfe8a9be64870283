package io.latchkey.web.admin;

import io.latchkey.store.PageRequest;
import io.latchkey.store.Slice;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Where each table of a console page that lists everything (an application's, a person's: their consents, live
 * tokens and refresh token families) starts: {@code <table>_offset} in the query string, how many rows come before
 * the first one shown (0 when absent or not a number), and {@code limit} rows a table (1 to
 * {@value PageRequest#MAX_LIMIT}, {@value PageRequest#DEFAULT_LIMIT} when absent). The links to a table's newer and
 * older rows keep the other tables' positions and the limit, so they work without JavaScript.
 */
final class TablePositions {
    static final List<String> TABLES = List.of("consents", "tokens", "families");

    private final String path;
    private final Map<String, Integer> offsets;
    private final int limit;

    private TablePositions(String path, Map<String, Integer> offsets, int limit) {
        this.path = path;
        this.offsets = offsets;
        this.limit = limit;
    }

    /** Every table from its first row: the page as a form's answer shows it. */
    static TablePositions first(String path) {
        return new TablePositions(path, Map.of(), PageRequest.DEFAULT_LIMIT);
    }

    /** The positions a request's query string asks for; what is not a position is no position. */
    static TablePositions of(String path, MultivaluedMap<String, String> query) {
        Map<String, Integer> offsets = new LinkedHashMap<>();
        for (String table : TABLES) {
            String value = query.getFirst(table + "_offset");
            if (value != null && value.matches("[0-9]{1,9}") && Integer.parseInt(value) > 0) {
                offsets.put(table, Integer.parseInt(value));
            }
        }
        String limit = query.getFirst("limit");
        int size = limit != null && limit.matches("[0-9]{1,3}") ? Integer.parseInt(limit) : PageRequest.DEFAULT_LIMIT;
        return new TablePositions(path, offsets, size < 1 || size > PageRequest.MAX_LIMIT
                ? PageRequest.DEFAULT_LIMIT : size);
    }

    int offset(String table) {
        return offsets.getOrDefault(table, 0);
    }

    int limit() {
        return limit;
    }

    /**
     * The table as the page shows it: its rows, "showing 51–100 of 312" and the links to newer and older rows.
     * {@code slice} fetches the rows from an offset, at most {@link #limit()}; a position past the end (rows went
     * meanwhile) shows the last rows there are, or none from the first.
     */
    <T> Table<T> table(String table, IntFunction<Slice<T>> slice) {
        Slice<T> rows = slice.apply(offset(table));
        if (rows.items().isEmpty() && rows.offset() > 0) {
            rows = slice.apply(rows.total() == 0 ? 0 : (int) ((rows.total() - 1) / limit * limit));
        }
        long first = rows.items().isEmpty() ? 0 : rows.offset() + 1L;
        long last = rows.offset() + (long) rows.items().size();
        Optional<String> newer = rows.offset() > 0
                ? Optional.of(link(table, Math.max(0, rows.offset() - limit))) : Optional.empty();
        Optional<String> older = last < rows.total() ? Optional.of(link(table, (int) last)) : Optional.empty();
        return new Table<>(table, rows.items(), first, last, rows.total(), newer, older);
    }

    /** This page's address with {@code table} starting at {@code offset}, the other positions kept. */
    String link(String table, int offset) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String each : TABLES) {
            int at = each.equals(table) ? offset : offset(each);
            if (at > 0) {
                query.put(each + "_offset", Integer.toString(at));
            }
        }
        if (limit != PageRequest.DEFAULT_LIMIT) {
            query.put("limit", Integer.toString(limit));
        }
        String encoded = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return path + (encoded.isEmpty() ? "" : "?" + encoded) + "#" + table + "-heading";
    }

    /**
     * One table of a page: its rows, the position of the first and last shown (from 1; 0 and 0 when none), how many
     * there are in all, and the addresses of the newer and older rows when there are any.
     */
    public record Table<T>(String name, List<T> items, long first, long last, long total, Optional<String> newer,
                           Optional<String> older) {
        public Table {
            items = List.copyOf(items);
        }

        public boolean isEmpty() {
            return items.isEmpty();
        }

        /** Whether the table needs its paging links: it does not show every row. */
        public boolean paged() {
            return newer.isPresent() || older.isPresent();
        }
    }
}
