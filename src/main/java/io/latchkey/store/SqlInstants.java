package io.latchkey.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Instants in the plain-SQL paths of this package, as the entities map them: {@code TIMESTAMP WITH TIME ZONE}
 * columns read and written as {@link OffsetDateTime} in UTC (what H2 and PostgreSQL's drivers both take and give).
 */
final class SqlInstants {
    private SqlInstants() {
    }

    /** The instant in {@code column} of the current row, or {@code null} for SQL NULL. */
    static Instant get(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Binds {@code value} (SQL NULL for {@code null}) to parameter {@code index}. */
    static void set(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }
}
