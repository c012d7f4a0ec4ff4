package org.gridmint.coordinator.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gridmint.core.ids.AttemptId;
import org.gridmint.core.ids.JobId;
import org.gridmint.core.ids.ProviderId;
import org.gridmint.core.money.Credits;

/**
 * Thin JDBC helpers over one connection: binds domain values the way the schema stores them (instants as
 * epoch millis, enums by name, booleans as 0/1, ids as their string form) and turns SQLExceptions into
 * {@link StoreException}s that name the statement.
 */
final class Sql {
    /** Reads one row; may throw SQLException, which {@link Sql} wraps. */
    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Consumes one row. */
    @FunctionalInterface
    interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Binds one row of a batch. */
    @FunctionalInterface
    interface Binder<T> {
        Object[] params(T item);
    }

    private static final int BATCH = 1_000;

    private final Connection connection;

    Sql(Connection connection) {
        this.connection = connection;
    }

    <T> List<T> list(String sql, Row<T> row, Object... params) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) out.add(row.map(rs));
                return out;
            }
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    void each(String sql, RowConsumer row, Object... params) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) row.accept(rs);
            }
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    <T> Optional<T> one(String sql, Row<T> row, Object... params) {
        List<T> rows = list(sql, row, params);
        if (rows.size() > 1) throw new StoreException("expected at most one row, got " + rows.size() + ": " + sql, null);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    int update(String sql, Object... params) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    /** Runs {@code sql} once per item, in JDBC batches so that a job of 100,000 tasks is one round trip per thousand. */
    <T> void batch(String sql, List<T> items, Binder<T> binder) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int pending = 0;
            for (T item : items) {
                bind(ps, binder.params(item));
                ps.addBatch();
                if (++pending == BATCH) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) ps.executeBatch();
        } catch (SQLException e) {
            throw failed(sql, e);
        }
    }

    static void requireLimit(int limit) {
        if (limit < 0) throw new IllegalArgumentException("limit must be >= 0, was " + limit);
    }

    static StoreException failed(String sql, SQLException e) {
        String first = sql.strip().lines().findFirst().orElse(sql);
        return new StoreException("SQL failed (" + e.getSQLState() + "): " + e.getMessage() + " in: " + first, e);
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            int at = i + 1;
            switch (p) {
                case null -> ps.setNull(at, Types.NULL);
                case String s -> ps.setString(at, s);
                case Integer n -> ps.setInt(at, n);
                case Long n -> ps.setLong(at, n);
                case Boolean b -> ps.setInt(at, b ? 1 : 0);
                case Instant t -> ps.setLong(at, t.toEpochMilli());
                case Enum<?> e -> ps.setString(at, e.name());
                case JobId id -> ps.setString(at, id.value());
                case ProviderId id -> ps.setString(at, id.value());
                case AttemptId id -> ps.setString(at, id.value());
                case Credits c -> ps.setLong(at, c.micros());
                case org.gridmint.core.economics.Tokens t -> ps.setLong(at, t.micros());
                default -> throw new IllegalArgumentException("cannot bind " + p.getClass().getName() + " at parameter " + at);
            }
        }
    }

    // --- column readers that keep SQL NULL as Java null

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    static Long longValue(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static <E extends Enum<E>> E enumValue(ResultSet rs, String column, Class<E> type) throws SQLException {
        String v = rs.getString(column);
        return v == null ? null : Enum.valueOf(type, v);
    }
}
