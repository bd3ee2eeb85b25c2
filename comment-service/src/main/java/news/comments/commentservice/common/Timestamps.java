package news.comments.commentservice.common;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** PostgreSQL keeps microseconds and speaks OffsetDateTime; the code speaks Instant. */
public final class Timestamps {

    private Timestamps() {}

    /** Cut to what the database stores, so a value read back equals the value written. */
    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static OffsetDateTime toDb(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /**
     * An instant as text for PostgreSQL (in an array, say), with the value the JDBC driver would send for
     * {@link #toDb}: rounded half up to the microsecond, so both ways compare alike.
     */
    public static String toDbText(Instant instant) {
        return instant == null
                ? null
                : instant.plusNanos(500).truncatedTo(ChronoUnit.MICROS).toString();
    }

    public static Instant fromDb(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
