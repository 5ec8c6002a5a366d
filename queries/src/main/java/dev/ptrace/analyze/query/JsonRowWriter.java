package dev.ptrace.analyze.query;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;

/** A JSON array of objects, one per row, keys in column order; written as rows come. */
public final class JsonRowWriter implements RowWriter {
    /** Leaves the output open: the caller's stream, not ours to close. */
    public static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    private final PrintWriter out;
    private JsonGenerator gen;
    private List<String> columns;

    public JsonRowWriter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void start(List<String> columns) {
        this.columns = columns;
        gen = JSON.createGenerator(ObjectWriteContext.empty(), out);
        gen.writeStartArray();
    }

    @Override
    public void row(List<Object> values) {
        gen.writeStartObject();
        for (int i = 0; i < columns.size(); i++) {
            gen.writeName(columns.get(i));
            writeValue(gen, values.get(i));
        }
        gen.writeEndObject();
    }

    @Override
    public void end() {
        gen.writeEndArray();
        gen.close();
        out.println();
        out.flush();
    }

    /** Writes a JDBC value: numbers stay numbers, maps and lists nest, the rest as text. */
    public static void writeValue(JsonGenerator gen, Object v) {
        if (v == null) {
            gen.writeNull();
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short
                || v instanceof Byte) {
            gen.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigInteger b) {
            gen.writeNumber(b);
        } else if (v instanceof BigDecimal d) {
            gen.writeNumber(d);
        } else if (v instanceof Double || v instanceof Float) {
            gen.writeNumber(((Number) v).doubleValue());
        } else if (v instanceof Boolean b) {
            gen.writeBoolean(b);
        } else if (v instanceof Map<?, ?> m) {
            gen.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                gen.writeName(String.valueOf(e.getKey()));
                writeValue(gen, e.getValue());
            }
            gen.writeEndObject();
        } else if (v instanceof List<?> l) {
            gen.writeStartArray();
            for (Object o : l) {
                writeValue(gen, o);
            }
            gen.writeEndArray();
        } else {
            gen.writeString(v.toString());
        }
    }
}
