package dev.ptrace.analyze.store;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rows added a value at a time, in the columns' order, into chunks of {@link RowChunk#CHUNK}
 * rows; a full chunk goes where the subclass keeps it (a spill, an insert). Generated row
 * writers ({@link RowOf}) call it; nothing else adds rows by position.
 */
public abstract class RowBuilder {
    final String name;
    final ColumnKind[] kinds;
    RowChunk current;
    private int column;
    private long rows;

    RowBuilder(String name, ColumnKind[] kinds) {
        this.name = name;
        this.kinds = kinds;
        this.current = new RowChunk(kinds);
    }

    /** The next column of the row being added: an INTEGER. */
    public RowBuilder i(int v) {
        current.longs[column++][current.size] = v;
        return this;
    }

    public RowBuilder l(long v) {
        current.longs[column++][current.size] = v;
        return this;
    }

    public RowBuilder b(boolean v) {
        current.longs[column++][current.size] = v ? 1 : 0;
        return this;
    }

    /** A VARCHAR, or NULL when {@code v} is null. */
    public RowBuilder s(String v) {
        if (v == null) {
            return nul();
        }
        current.texts[column++][current.size] = v;
        return this;
    }

    /** A MAP column, as a JSON object: numbers stay numbers, anything else becomes text. */
    public RowBuilder m(Map<?, ?> map) {
        if (map == null) {
            return nul();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        map.forEach((k, v) -> values.put(String.valueOf(k),
                v == null || v instanceof Long || v instanceof Integer ? v : v.toString()));
        return s(Json.MAPPER.writeValueAsString(values));
    }

    /** A boxed value or NULL. */
    public RowBuilder l(Long v) {
        return v == null ? nul() : l(v.longValue());
    }

    public RowBuilder i(Integer v) {
        return v == null ? nul() : i(v.intValue());
    }

    public RowBuilder b(Boolean v) {
        return v == null ? nul() : b(v.booleanValue());
    }

    public RowBuilder nul() {
        current.anyNull[column] = true;
        current.nulls[column++][current.size] = true;
        return this;
    }

    /** Ends the row being added. */
    public void end() {
        if (column != kinds.length) {
            throw new IllegalStateException(name + ": row of " + column + " values for "
                    + kinds.length + " columns");
        }
        column = 0;
        rows++;
        if (++current.size == RowChunk.CHUNK) {
            RowChunk next = full(current);
            next.clear();
            current = next;
        }
    }

    /** Rows added since the last {@link #restart()}. */
    public long rows() {
        return rows;
    }

    /** Counts from 0 again (the rows went into the database). */
    void restart() {
        rows = 0;
    }

    /** Takes a full chunk (or the last, partly filled); returns one to fill next. */
    abstract RowChunk full(RowChunk c);

    /** Hands over the partly filled chunk, when it has rows. */
    void flush() {
        if (current.size > 0) {
            RowChunk next = full(current);
            next.clear();
            current = next;
        }
    }

    /** Jackson, loaded with the first MAP column: every command closes a database here. */
    private static final class Json {
        static final JsonMapper MAPPER = JsonMapper.builder().build();
    }
}
