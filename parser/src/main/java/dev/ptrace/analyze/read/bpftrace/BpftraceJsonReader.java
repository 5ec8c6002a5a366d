package dev.ptrace.analyze.read.bpftrace;

import dev.ptrace.analyze.event.EventSink;
import dev.ptrace.analyze.event.HistogramBucket;
import dev.ptrace.analyze.event.MapEntry;
import dev.ptrace.analyze.event.TextLine;
import dev.ptrace.analyze.read.LineSource;
import dev.ptrace.analyze.read.ProblemLog;
import dev.ptrace.analyze.read.SkipReason;
import dev.ptrace.analyze.read.TraceFacts;
import dev.ptrace.analyze.read.TraceReader;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code bpftrace -f json}: one JSON object a line,
 * <pre>
 * {"type": "attached_probes", "data": {"probes": 1}}
 * {"type": "printf", "data": "x 1\n"}
 * {"type": "map", "data": {"@b": {"1,x": 1}}}
 * {"type": "hist", "data": {"@a": [{"min": 4, "max": 7, "count": 1}, ...]}}
 * {"type": "stats", "data": {"@c": {"wl": {"count": 1, "average": 5, "total": 5}}}}
 * {"type": "lost_events", "data": {"events": 12}}
 * </pre>
 * printf text goes through the same line reading as the text output, so the shipped scripts'
 * events land in the typed tables either way. Lines that are not JSON (bpftrace's messages on
 * stderr, mixed in) are kept as text lines.
 */
public final class BpftraceJsonReader implements TraceReader {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Override
    public void read(LineSource in, EventSink sink, ProblemLog problems) {
        BpftraceText text = new BpftraceText(sink, problems);
        while (in.advance()) {
            String line = in.text();
            long number = in.lineNumber();
            if (line.isBlank()) {
                continue;
            }
            if (!line.startsWith("{")) {
                sink.item(new TextLine(number, BpftraceText.kind(line), line));
                continue;
            }
            JsonNode record;
            try {
                record = JSON.readTree(line);
            } catch (JacksonException e) {
                problems.skip(number, SkipReason.MALFORMED_JSON_RECORD, "expected a bpftrace JSON record "
                        + "{\"type\": ..., \"data\": ...}", line);
                continue;
            }
            record(record, number, text, sink);
        }
        text.end();
        sink.metadata(TraceFacts.LOST_EVENTS, Long.toString(text.lostEvents()));
    }

    private static void record(JsonNode r, long number, BpftraceText text, EventSink sink) {
        String type = r.path("type").asString("");
        JsonNode data = r.path("data");
        switch (type) {
            case "printf" -> {
                for (String l : data.asString("").split("\n", -1)) {
                    text.line(l, number);
                }
            }
            case "map" -> maps(data, number, text, sink);
            case "hist" -> histograms(data, number, text, sink);
            case "stats" -> stats(data, number, text, sink);
            case "lost_events" -> text.addLost(data.path("events").asLong(0));
            case "attached_probes" -> sink.item(new TextLine(number, "noise",
                    "Attaching " + data.path("probes").asLong(0) + " probes..."));
            default -> sink.item(new TextLine(number, "output", r.toString()));
        }
    }

    private static void maps(JsonNode data, long number, BpftraceText text, EventSink sink) {
        for (Map.Entry<String, JsonNode> m : data.properties()) {
            JsonNode v = m.getValue();
            if (v.isObject()) {
                for (Map.Entry<String, JsonNode> e : v.properties()) {
                    sink.item(entry(number, m.getKey(), e.getKey(), e.getValue(), text));
                }
            } else {
                sink.item(entry(number, m.getKey(), null, v, text));
            }
        }
    }

    private static MapEntry entry(long number, String map, String key, JsonNode v,
                                  BpftraceText text) {
        long stack = key != null && key.startsWith("\n") ? text.stackOf(key) : -1;
        String k = stack >= 0 ? null : key;
        if (v.isIntegralNumber()) {
            return new MapEntry(number, map, k, stack, v.asLong(), null, null, null, null);
        }
        return new MapEntry(number, map, k, stack, null, v.isString() ? v.asString() : v.toString(),
                null, null, null);
    }

    private static void histograms(JsonNode data, long number, BpftraceText text,
                                   EventSink sink) {
        for (Map.Entry<String, JsonNode> m : data.properties()) {
            if (m.getValue().isArray()) {
                buckets(number, m.getKey(), null, m.getValue(), text, sink);
            } else {
                for (Map.Entry<String, JsonNode> e : m.getValue().properties()) {
                    buckets(number, m.getKey(), e.getKey(), e.getValue(), text, sink);
                }
            }
        }
    }

    private static void buckets(long number, String map, String key, JsonNode list,
                                BpftraceText text, EventSink sink) {
        long stack = key != null && key.startsWith("\n") ? text.stackOf(key) : -1;
        for (JsonNode b : list) {
            // JSON gives the inclusive max; the tables keep the exclusive bound bpftrace prints
            Long low = b.has("min") ? b.get("min").asLong() : null;
            Long high = b.has("max") ? b.get("max").asLong() + 1 : null;
            sink.item(new HistogramBucket(number, map, stack >= 0 ? null : key, stack,
                    low, high, b.path("count").asLong()));
        }
    }

    private static void stats(JsonNode data, long number, BpftraceText text, EventSink sink) {
        for (Map.Entry<String, JsonNode> m : data.properties()) {
            JsonNode v = m.getValue();
            if (v.has("count") && v.get("count").isNumber()) {
                sink.item(stat(number, m.getKey(), null, v, -1));
            } else {
                for (Map.Entry<String, JsonNode> e : v.properties()) {
                    String key = e.getKey();
                    long stack = key.startsWith("\n") ? text.stackOf(key) : -1;
                    sink.item(stat(number, m.getKey(), stack >= 0 ? null : key, e.getValue(),
                            stack));
                }
            }
        }
    }

    private static MapEntry stat(long number, String map, String key, JsonNode v, long stack) {
        return new MapEntry(number, map, key, stack, null, null, v.path("count").asLong(),
                v.path("average").asLong(), v.path("total").asLong());
    }
}
