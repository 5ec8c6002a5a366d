package dev.ptrace.analyze.analysis.contention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ptrace.analyze.store.Database;
import dev.ptrace.analyze.store.TraceIngester;
import dev.ptrace.analyze.testing.PerfLockOracle;
import dev.ptrace.analyze.testing.RawPerfScript;
import dev.ptrace.analyze.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The counts of docs/perf-compatibility.md's same-run and three-tool tables: perf's threads
 * and waits are its .oracle rows (perf lock contention -t on the perf half); the other text's
 * waits are its contention_begin/end pairs counted in its raw lines (RawPerfScript), for
 * perf's thread ids; a thread "has perf's count" when both are equal. {@code contention --by
 * thread --pid PID} on the other text has those counts too.
 */
class SameRunDocFiguresTest {
    /** {@code | run | [tool |] threads | equal / perf's threads | perf's waits / text's waits |}. */
    private static final Pattern ROW = Pattern.compile("^\\| ((?:same-run|samerun|threetool)-[\\w-]+) \\| "
            + "(?:(tracefs|bpftrace) \\| )?(\\d+) \\| (\\d+) / (\\d+) \\| (\\d+) / (\\d+) \\|");

    static Stream<String> rows() throws Exception {
        return Files.readAllLines(TestData.dir().resolveSibling("docs").resolve("perf-compatibility.md"))
                .stream().filter(l -> ROW.matcher(l).find());
    }

    @ParameterizedTest
    @MethodSource("rows")
    void rowCountsArePerfsOracleRowsAndTheOtherTextsRawWaits(String row) throws Exception {
        Matcher m = ROW.matcher(row);
        m.find();
        String name = m.group(1);
        String dir = name.startsWith("same-run") ? "traces" : name.replaceFirst("-.*", "");
        boolean bpftrace = "bpftrace".equals(m.group(2));
        Path text = TestData.dir().resolve(dir).resolve(name + (bpftrace ? ".bpftrace" : ".ftrace") + ".txt.gz");
        Path perfHalf = text.resolveSibling(name + ".perf.txt.gz");

        Map<Long, Long> perf = new TreeMap<>();
        for (PerfLockOracle.Row r : PerfLockOracle.read(TestData.oracle(perfHalf, "thread"))) {
            perf.put(Long.parseLong(r.key()), r.contended());
        }
        Map<Long, Long> raw = new TreeMap<>();
        for (RawPerfScript.Wait w : RawPerfScript.waits(bpftrace ? RawPerfScript.events(text)
                : RawPerfScript.tracefsEvents(text))) {
            if (perf.containsKey((long) w.tid())) {
                raw.merge((long) w.tid(), 1L, Long::sum);
            }
        }
        long equal = perf.keySet().stream().filter(t -> perf.get(t).equals(raw.get(t))).count();
        assertEquals(List.of(perf.size(), equal, perf.size(),
                        perf.values().stream().mapToLong(Long::longValue).sum(),
                        raw.values().stream().mapToLong(Long::longValue).sum()),
                List.of(Integer.parseInt(m.group(3)), Long.parseLong(m.group(4)),
                        Integer.parseInt(m.group(5)), Long.parseLong(m.group(6)),
                        Long.parseLong(m.group(7))), row);

        int pid = Integer.parseInt(Files.readString(text.resolveSibling(name + ".pid")).strip());
        Map<Long, Long> ours = new TreeMap<>();
        try (Database db = Database.inMemory()) {
            int id = new TraceIngester(db).ingest(text.toString(), true).traceId();
            PerfLockContention.run(db.connection(), id, PerfLockContention.Options
                    .perfDefaults(ContentionKey.THREAD).forProcess(pid, null)).rows().stream()
                    .filter(r -> perf.containsKey(r.key()))
                    .forEach(r -> ours.put(r.key(), r.contended()));
        }
        assertEquals(raw, ours, row);
    }
}
