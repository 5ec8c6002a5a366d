package dev.ptrace.analyze.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ptrace.analyze.testing.RawPerfScript.Event;
import dev.ptrace.analyze.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The class (name) of each contended lock of a perf script text, worked out from its raw lines
 * (RawPerfScript) and the knowledge files read as data, by the rules their header comments
 * state, not by the tool's LockNames and LockRegistry. In order:
 * <ul>
 * <li>mmap_lock: the lock of a sleeping rwsem wait (flags READ or WRITE, not SPIN) begun while
 * its thread's latest mmap_lock event is mmap_lock_start_locking (lock-names.tsv: "an
 * mmap_lock linked through mmap_lock events is named without this table");</li>
 * <li>by the stacks that waited for it (lock-names.tsv): in a begin's callchain, leaf first,
 * from the first lock function (lock-functions.tsv) on, the first function with a row (with
 * {@code after} the lock function it called, else with {@code after} empty) names it; a
 * function past the lock functions without a row leaves that stack unnamed. A lock takes the
 * name most of its begins give (a tie: the name first in alphabetical order);</li>
 * <li>by where its address lies (lock-address-ranges.tsv): a row's prefix, when some contended
 * address of the trace starts with the row's layout.</li>
 * </ul>
 * Not here: the kernel's symbol at a lock's address, which the tool puts first with
 * --kallsyms or for a perf script text taken on the running kernel since its boot; never so
 * for the recordings of testdata.
 */
final class RawLockNames {
    private static final Path KNOWLEDGE = TestData.dir().resolveSibling("analysis")
            .resolve("src/main/resources/dev/ptrace/analyze/analysis");
    private static final Pattern FLAGS = Pattern.compile("\\(flags=([\\w|]+)\\)");

    private RawLockNames() {
    }

    /** Each contended address of {@code events} to its name; an address nothing names is absent. */
    static Map<String, String> of(List<Event> events) throws IOException {
        Set<String> lockFunctions = new HashSet<>();
        tsv("contention/lock-functions.tsv").forEach(r -> lockFunctions.add(r.get("function")));
        Map<String, String> byFunction = new HashMap<>(); // "function after" or "function " to name
        tsv("locks/lock-names.tsv").forEach(r -> byFunction.put(r.get("function") + " " + r.get("after"),
                r.get("name")));
        Set<String> mmapLocks = new HashSet<>();
        Map<String, Map<String, Integer>> votes = new HashMap<>();
        Map<Integer, String> lastMmapLockEvent = new HashMap<>();
        for (Event e : events) {
            if (e.name().contains("mmap_lock_")) {
                lastMmapLockEvent.put(e.tid(), e.name());
            } else if (e.name().endsWith("contention_begin")) {
                Matcher m = FLAGS.matcher(e.payload());
                assertTrue(m.find(), e.payload());
                List<String> flags = Arrays.asList(m.group(1).split("\\|"));
                if (!flags.contains("SPIN") && (flags.contains("READ") || flags.contains("WRITE"))
                        && lastMmapLockEvent.getOrDefault(e.tid(), "").endsWith("mmap_lock_start_locking")) {
                    mmapLocks.add(e.lock());
                }
                String name = name(e.frames(), lockFunctions, byFunction);
                if (name != null) {
                    votes.computeIfAbsent(e.lock(), a -> new HashMap<>()).merge(name, 1, Integer::sum);
                }
            }
        }
        Set<String> addresses = new HashSet<>();
        events.stream().filter(e -> e.name().endsWith("contention_begin")).forEach(e -> addresses.add(e.lock()));
        List<Map<String, String>> ranges = tsv("locks/lock-address-ranges.tsv").stream()
                .filter(r -> addresses.stream().anyMatch(a -> a.startsWith(r.get("layout")))).toList();
        Map<String, String> names = new HashMap<>();
        for (String a : addresses) {
            String name = mmapLocks.contains(a) ? "mmap_lock"
                    : votes.containsKey(a) ? votes.get(a).entrySet().stream()
                    .min(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey())).orElseThrow().getKey()
                    : ranges.stream().filter(r -> a.startsWith(r.get("prefix"))).map(r -> r.get("name"))
                    .findFirst().orElse(null);
            if (name != null) {
                names.put(a, name);
            }
        }
        return names;
    }

    /** The name a callchain (leaf first) gives the lock it waited for, or null. */
    private static String name(List<String> frames, Set<String> lockFunctions, Map<String, String> byFunction) {
        String called = null;
        for (String f : frames) {
            boolean lockFunction = lockFunctions.contains(f);
            if (called == null && !lockFunction) {
                continue; // not yet at the lock functions
            }
            String name = called == null ? null : byFunction.get(f + " " + called);
            name = name != null ? name : byFunction.get(f + " ");
            if (name != null || !lockFunction) {
                return name;
            }
            called = f;
        }
        return null;
    }

    /** A knowledge file's rows, column to cell: # starts a comment, the first other line names the columns. */
    private static List<Map<String, String>> tsv(String file) throws IOException {
        List<String> header = null;
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(KNOWLEDGE.resolve(file))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (header == null) {
                header = List.of(cells);
                continue;
            }
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), i < cells.length ? cells[i] : "");
            }
            rows.add(row);
        }
        return rows;
    }
}
