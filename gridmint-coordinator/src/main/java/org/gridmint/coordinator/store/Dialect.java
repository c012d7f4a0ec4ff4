package org.gridmint.coordinator.store;

import java.sql.SQLException;

/** The two databases the store runs on, and what differs between them outside the SQL itself. */
enum Dialect {
    SQLITE("sqlite", "jdbc:sqlite:"),
    POSTGRESQL("postgresql", "jdbc:postgresql:");

    private final String label;
    private final String urlPrefix;

    Dialect(String label, String urlPrefix) {
        this.label = label;
        this.urlPrefix = urlPrefix;
    }

    String label() {
        return label;
    }

    static Dialect of(String jdbcUrl) {
        if (jdbcUrl != null) {
            for (Dialect d : values()) if (jdbcUrl.startsWith(d.urlPrefix)) return d;
        }
        throw new IllegalArgumentException("unsupported JDBC URL '" + jdbcUrl + "': expected jdbc:sqlite:<file> or jdbc:postgresql://<host>/<db>");
    }

    /**
     * Whether running the whole transaction again may succeed: PostgreSQL aborts one side of a deadlock
     * (40P01) or of a serialization conflict (40001). SQLite never needs it because it has one writer.
     */
    boolean isRetryable(Throwable failure) {
        if (this != POSTGRESQL) return false;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e) {
                for (SQLException s = e; s != null; s = s.getNextException()) {
                    if ("40001".equals(s.getSQLState()) || "40P01".equals(s.getSQLState())) return true;
                }
            }
        }
        return false;
    }
}
