package dev.ptrace.analyze.analysis.findings;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A finding's figures read from a query row whose columns are named as the figures. */
final class FindingFigures {
    private FindingFigures() {
    }

    /** The columns {@code names} of the current row, by name, in that order. */
    static Map<String, Long> of(ResultSet rs, List<String> names) throws SQLException {
        Map<String, Long> figures = new LinkedHashMap<>();
        for (String name : names) {
            figures.put(name, rs.getLong(name));
        }
        return figures;
    }
}
