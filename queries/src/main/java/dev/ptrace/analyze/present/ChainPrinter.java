package dev.ptrace.analyze.present;

import dev.ptrace.analyze.analysis.units.PerfTime;
import dev.ptrace.analyze.analysis.chains.Chain;
import dev.ptrace.analyze.analysis.chains.ChainWait;
import dev.ptrace.analyze.analysis.chains.Inversion;
import dev.ptrace.analyze.analysis.locks.model.Blocker;
import dev.ptrace.analyze.query.JsonRowWriter;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

/** Wait chains and priority inversions as text trees or JSON. */
public final class ChainPrinter {
    public enum Format { TEXT, JSON }

    private ChainPrinter() {
    }

    public static void chains(List<Chain> chains, int limit, Format format, PrintWriter out) {
        List<Chain> shown = chains.subList(0, Math.min(limit, chains.size()));
        if (format == Format.JSON) {
            json(out, g -> {
                g.writeName("chains");
                writeChains(g, shown);
            });
        } else {
            chainsText(chains, shown, out);
        }
        out.flush();
    }

    public static void inversions(List<Inversion> inversions, int limit, Format format,
                                  PrintWriter out) {
        List<Inversion> shown = inversions.subList(0, Math.min(limit, inversions.size()));
        if (format == Format.JSON) {
            json(out, g -> {
                g.writeName("inversions");
                writeInversions(g, shown);
            });
        } else {
            inversionsText(inversions, shown, out);
        }
        out.flush();
    }

    /** Text of the chains, for the report too. */
    public static void chainsText(List<Chain> all, List<Chain> shown, PrintWriter out) {
        if (all.isEmpty()) {
            out.println("No wait chains: no lock wait with a known holder.");
            return;
        }
        int n = 0;
        for (Chain c : shown) {
            out.printf("Chain %d: %s of waiting in %d wait%s for %s, %s%n", ++n, dur(c.waitNs()),
                    c.waiters(), c.waiters() == 1 ? "" : "s", thread(c.tid(), c.comm(), c.prio()),
                    lock(c.lockName(), c.lockAddr()));
            out.printf("  %s over %s-%s (%s): %s%n", thread(c.tid(), c.comm(), null),
                    secs(c.begin()), secs(c.end()), dur(c.end() - c.begin()),
                    states(c.rootStates()));
            tree(c.waits(), "  ", out);
        }
        if (shown.size() < all.size()) {
            out.printf("(%d more chain%s)%n", all.size() - shown.size(),
                    all.size() - shown.size() == 1 ? "" : "s");
        }
    }

    /** Text of the inversions, for the report too. */
    public static void inversionsText(List<Inversion> all, List<Inversion> shown,
                                      PrintWriter out) {
        if (all.isEmpty()) {
            out.println("No priority inversion: no waiter had a better priority than an "
                    + "off-CPU thread it waited for.");
            return;
        }
        int n = 0;
        for (Inversion inv : shown) {
            Chain c = inv.chain();
            out.printf("Inversion %d: %s lost waiting for %s, off CPU with %s (%s-%s)%n", ++n,
                    dur(inv.lostNs()), thread(c.tid(), c.comm(), c.prio()),
                    lock(c.lockName(), c.lockAddr()), secs(c.begin()), secs(c.end()));
            out.printf("  %s: %s%n", thread(c.tid(), c.comm(), null), states(c.rootStates()));
            for (Inversion.Victim v : inv.victims()) {
                out.printf("  waiter %s lost %s of %s waited%n",
                        thread(v.tid(), v.comm(), v.prio()), dur(v.lostNs()), dur(v.waitNs()));
            }
            if (!inv.preemptors().isEmpty()) {
                out.printf("  ran on its CPU meanwhile: %s%n", inv.preemptors().stream()
                        .map(p -> thread(p.tid(), p.comm(), p.prio()) + " " + dur(p.ranNs()))
                        .collect(Collectors.joining(", ")));
            }
        }
    }

    private static void tree(List<ChainWait> waits, String indent, PrintWriter out) {
        for (int i = 0; i < waits.size(); i++) {
            ChainWait w = waits.get(i);
            boolean last = i == waits.size() - 1;
            out.printf("%s%s %s waits %s for %s%s%s, %s%n", indent, last ? "└─" : "├─",
                    thread(w.tid(), w.comm(), w.prio()), dur(w.durationNs()),
                    w.mode() == null ? "" : w.mode() + " ",
                    lock(w.lockName(), w.lockAddr()),
                    w.syscall() == null ? "" : " in " + w.syscall(), relation(w));
            tree(w.children(), indent + (last ? "   " : "│  "), out);
        }
    }

    private static String relation(ChainWait w) {
        Blocker.Relation r = Blocker.Relation.of(w.relation());
        if (r == null) {
            return w.relation() == null ? "blocker unknown" : w.relation() + " " + w.blockedBy();
        }
        return switch (r) {
            case HOLDER -> "held by " + w.blockedBy();
            case QUEUED_AHEAD -> "queued behind " + w.blockedBy();
            case HANDOFF -> "handed the lock, waiting to run";
            case WAKER -> "until woken by " + w.blockedBy();
        };
    }

    private static String thread(int tid, String comm, Integer prio) {
        return (comm == null ? "" : comm + " ") + tid + (prio == null ? "" : " (prio " + prio + ")");
    }

    private static String lock(String name, String addr) {
        return name == null ? "lock " + addr : addr == null ? name : name + " " + addr;
    }

    private static String states(Map<String, Long> states) {
        return states.isEmpty() ? "state unknown" : states.entrySet().stream()
                .map(e -> e.getKey() + " " + dur(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    static String dur(long ns) {
        return PerfTime.format(ns, 4).strip();
    }

    private static String secs(long ns) {
        return String.format("%d.%06d", ns / 1_000_000_000L, ns % 1_000_000_000L / 1000);
    }

    private interface Body {
        void write(JsonGenerator g);
    }

    private static void json(PrintWriter out, Body body) {
        try (JsonGenerator g = JsonRowWriter.JSON.createGenerator(ObjectWriteContext.empty(),
                out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        }
        out.println();
    }

    /** The chains as a JSON array, for the report too. */
    public static void writeChains(JsonGenerator g, List<Chain> chains) {
        g.writeStartArray();
        for (Chain c : chains) {
            g.writeStartObject();
            writeThread(g, "root", c.tid(), c.comm(), c.prio());
            g.writeName("lock");
            g.writeStartObject();
            g.writeNumberProperty("lock_id", c.lockId());
            g.writeStringProperty("name", c.lockName());
            g.writeStringProperty("addr", c.lockAddr());
            g.writeEndObject();
            g.writeNumberProperty("begin_ns", c.begin());
            g.writeNumberProperty("end_ns", c.end());
            g.writeNumberProperty("wait_ns", c.waitNs());
            g.writeNumberProperty("root_off_cpu_ns", c.rootOffCpuNs());
            g.writeNumberProperty("waits", c.waiters());
            g.writeName("root_states_ns");
            g.writeStartObject();
            c.rootStates().forEach(g::writeNumberProperty);
            g.writeEndObject();
            g.writeName("blocked");
            writeWaits(g, c.waits());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeWaits(JsonGenerator g, List<ChainWait> waits) {
        g.writeStartArray();
        for (ChainWait w : waits) {
            g.writeStartObject();
            g.writeNumberProperty("wait_id", w.waitId());
            g.writeNumberProperty("tid", w.tid());
            g.writeStringProperty("comm", w.comm());
            g.writeName("prio");
            JsonRowWriter.writeValue(g, w.prio());
            g.writeStringProperty("mode", w.mode());
            g.writeStringProperty("syscall", w.syscall());
            g.writeNumberProperty("begin_ns", w.begin());
            g.writeNumberProperty("end_ns", w.end());
            g.writeNumberProperty("wait_ns", w.durationNs());
            g.writeName("blocked_by");
            JsonRowWriter.writeValue(g, w.blockedBy());
            g.writeStringProperty("relation", w.relation());
            g.writeNumberProperty("root_ns", w.rootNs());
            g.writeNumberProperty("root_off_cpu_ns", w.rootOffCpuNs());
            g.writeName("blocked");
            writeWaits(g, w.children());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** The inversions as a JSON array, for the report too. */
    public static void writeInversions(JsonGenerator g, List<Inversion> inversions) {
        g.writeStartArray();
        for (Inversion inv : inversions) {
            Chain c = inv.chain();
            g.writeStartObject();
            writeThread(g, "holder", c.tid(), c.comm(), c.prio());
            g.writeStringProperty("lock", c.lockName());
            g.writeStringProperty("lock_addr", c.lockAddr());
            g.writeNumberProperty("begin_ns", c.begin());
            g.writeNumberProperty("end_ns", c.end());
            g.writeNumberProperty("lost_ns", inv.lostNs());
            g.writeName("holder_states_ns");
            g.writeStartObject();
            c.rootStates().forEach(g::writeNumberProperty);
            g.writeEndObject();
            g.writeName("waiters");
            g.writeStartArray();
            for (Inversion.Victim v : inv.victims()) {
                g.writeStartObject();
                writeThreadFields(g, v.tid(), v.comm(), v.prio());
                g.writeNumberProperty("wait_ns", v.waitNs());
                g.writeNumberProperty("lost_ns", v.lostNs());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeName("preemptors");
            g.writeStartArray();
            for (Inversion.Preemptor p : inv.preemptors()) {
                g.writeStartObject();
                writeThreadFields(g, p.tid(), p.comm(), p.prio());
                g.writeNumberProperty("ran_ns", p.ranNs());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeThread(JsonGenerator g, String name, int tid, String comm,
                                    Integer prio) {
        g.writeName(name);
        g.writeStartObject();
        writeThreadFields(g, tid, comm, prio);
        g.writeEndObject();
    }

    private static void writeThreadFields(JsonGenerator g, int tid, String comm, Integer prio) {
        g.writeNumberProperty("tid", tid);
        g.writeStringProperty("comm", comm);
        g.writeName("prio");
        JsonRowWriter.writeValue(g, prio);
    }
}
