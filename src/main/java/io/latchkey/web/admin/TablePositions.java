package io.latchkey.web.admin;

import io.latchkey.client.FormParameters;
import io.latchkey.store.PageRequest;
import io.latchkey.store.Slice;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Where each table of a console page that lists everything (an application's, a person's: their consents, live
 * tokens and refresh token families) starts: {@code <table>_offset} in the query string, how many rows come before
 * the first one shown (0 when absent or not a number), and {@code limit} rows a table (1 to
 * {@value PageRequest#MAX_LIMIT}, {@value PageRequest#DEFAULT_LIMIT} when absent). The links to a table's newer and
 * older rows keep the other tables' positions and the limit, so they work without JavaScript; the page's revoke
 * forms carry the same positions back as hidden fields ({@link #fields()}), so their answer shows every table where
 * it was.
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
        return of(path, name -> Optional.ofNullable(query.getFirst(name)));
    }

    /** The positions a form of the page carried back in its hidden {@link #fields()}; as lenient as the query's. */
    static TablePositions of(String path, FormParameters form) {
        return of(path, form::get);
    }

    private static TablePositions of(String path, Function<String, Optional<String>> parameter) {
        Map<String, Integer> offsets = new LinkedHashMap<>();
        for (String table : TABLES) {
            String value = parameter.apply(table + "_offset").orElse(null);
            if (value != null && value.matches("[0-9]{1,9}") && Integer.parseInt(value) > 0) {
                offsets.put(table, Integer.parseInt(value));
            }
        }
        String limit = parameter.apply("limit").orElse(null);
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
        Map<String, Integer> moved = new LinkedHashMap<>(offsets);
        moved.put(table, offset);
        String encoded = fields(moved).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return path + (encoded.isEmpty() ? "" : "?" + encoded) + "#" + table + "-heading";
    }

    /**
     * The positions as parameters ({@code consents_offset}, …, {@code limit}), only those not at their defaults: the
     * query of a link, and the hidden fields of the page's forms.
     */
    Map<String, String> fields() {
        return fields(offsets);
    }

    private Map<String, String> fields(Map<String, Integer> at) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String table : TABLES) {
            int offset = at.getOrDefault(table, 0);
            if (offset > 0) {
                fields.put(table + "_offset", Integer.toString(offset));
            }
        }
        if (limit != PageRequest.DEFAULT_LIMIT) {
            fields.put("limit", Integer.toString(limit));
        }
        return fields;
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
