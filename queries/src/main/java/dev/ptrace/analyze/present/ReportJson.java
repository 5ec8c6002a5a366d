package dev.ptrace.analyze.present;

import dev.ptrace.analyze.report.TraceReport;
import java.util.List;
import tools.jackson.core.JsonGenerator;

/** Sections of the report model as JSON, the same in the JSON report and the HTML page. */
final class ReportJson {
    private ReportJson() {
    }

    /** Who held the locks, where the waiting went and the inversions, as named properties. */
    static void writeWaitingSections(JsonGenerator g, TraceReport r) {
        g.writeName("who_held");
        writeCoverage(g, r.coverage());
        g.writeName("where_the_waiting_went");
        AttributionPrinter.writeCells(g, r.cells());
        g.writeName("inversions");
        ChainPrinter.writeInversions(g, r.inversions());
    }

    /** Who held the locks: per lock, its waiting, with a known blocker and held by it. */
    private static void writeCoverage(JsonGenerator g, List<TraceReport.Coverage> coverage) {
        g.writeStartArray();
        for (TraceReport.Coverage c : coverage) {
            g.writeStartObject();
            g.writeStringProperty("lock", c.lock());
            g.writeNumberProperty("wait_ns", c.waitNs());
            g.writeNumberProperty("known_blocker_ns", c.knownNs());
            g.writeNumberProperty("holder_ns", c.holderNs());
            g.writeNumberProperty("exact_holder_ns", c.exactHolderNs());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** Events by name, with the table that holds them. */
    static void writeEvents(JsonGenerator g, List<TraceReport.EventCount> events) {
        g.writeStartArray();
        for (TraceReport.EventCount e : events) {
            g.writeStartObject();
            g.writeStringProperty("event", e.event());
            g.writeStringProperty("table", e.table());
            g.writeNumberProperty("events", e.events());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
