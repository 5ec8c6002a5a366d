package dev.ptrace.analyze.analysis.chains;

import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.Schema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** An in-memory database with the tool's tables, filled with rows a test writes by hand. */
public final class HandRows implements AutoCloseable {
    private final Database db = Database.inMemory();

    private HandRows() {
    }

    /** The tables created, then each of {@code inserts} run in order. */
    public static HandRows of(String... inserts) throws SQLException {
        HandRows rows = new HandRows();
        Schema.ensure(rows.connection());
        try (Statement st = rows.connection().createStatement()) {
            for (String insert : inserts) {
                st.execute(insert);
            }
        }
        return rows;
    }

    public Connection connection() {
        return db.connection();
    }

    @Override
    public void close() {
        db.close();
    }
}
