package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.analysis.contention.ContentionFilter;
import dev.ptrace.analyze.analysis.contention.ContentionKey;
import dev.ptrace.analyze.analysis.contention.ContentionSortKey;
import dev.ptrace.analyze.analysis.contention.PerfCallerRule;
import dev.ptrace.analyze.analysis.contention.PerfLockContention;
import dev.ptrace.analyze.api.TraceAnalysis;
import dev.ptrace.analyze.present.ContentionField;
import dev.ptrace.analyze.present.ContentionPrinter;
import dev.ptrace.analyze.query.UsageException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code ptrace-analyze contention FILE|--db DB --by caller|thread}: perf lock contention. */
@Command(name = "contention")
final class ContentionCommand extends TraceCommand {
    @Option(names = "--by", paramLabel = "KEY", defaultValue = "caller") ContentionKey by;

    @Option(names = "-t") boolean threadsFlag;

    @Option(names = "-l") boolean locksFlag;

    @Option(names = "-o") boolean ownersFlag;

    @Option(names = {"-k", "--key"}, paramLabel = "KEY", defaultValue = "wait_total",
            converter = SortKeyConverter.class)
    ContentionSortKey key;

    @Option(names = {"-F", "--field"}, paramLabel = "FIELDS", split = ",",
            converter = FieldConverter.class)
    List<ContentionField> fields;

    @Option(names = {"-E", "--entries"}, paramLabel = "N", defaultValue = "" + Integer.MAX_VALUE)
    int entries;

    @Option(names = {"-Y", "--type-filter"}, paramLabel = "TYPES", split = ",")
    Set<String> types = Set.of();

    @Option(names = {"-L", "--lock-filter"}, paramLabel = "LOCKS", split = ",")
    Set<String> locks = Set.of();

    @Option(names = {"-S", "--callstack-filter"}, paramLabel = "NAMES", split = "[, ]")
    List<String> callstacks = List.of();

    @Option(names = {"-v", "--verbose"}) boolean verbose;

    @Option(names = "--time", paramLabel = "START,END") String time;

    @Option(names = {"-x", "--field-separator"}, paramLabel = "SEP") String separator;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text")
    ContentionPrinter.Format format;

    @Option(names = "--stack-skip", paramLabel = "N",
            defaultValue = "" + PerfCallerRule.DEFAULT_STACK_SKIP)
    int stackSkip;

    @Option(names = "--max-stack", paramLabel = "N",
            defaultValue = "" + PerfCallerRule.DEFAULT_MAX_STACK)
    int maxStack;

    @Mixin ThreadFilter threads;

    /** The fields asked for; the sort key's figure last when they leave it out, as perf. */
    private List<ContentionField> fieldsWithKey() {
        List<ContentionField> f = new java.util.ArrayList<>(fields == null
                ? ContentionField.DEFAULT : fields);
        ContentionField sorted = ContentionField.valueOf(key.name());
        if (!f.contains(sorted)) {
            f.add(sorted);
        }
        return f;
    }

    /** perf's -t, -l, -o as the --by they stand for; one at most. */
    private ContentionKey keyFromFlags() {
        int flags = (threadsFlag ? 1 : 0) + (locksFlag ? 1 : 0) + (ownersFlag ? 1 : 0);
        if (flags > 1 || flags == 1 && by != ContentionKey.CALLER) {
            throw new UsageException("give one of -t, -l, -o and --by");
        }
        return threadsFlag ? ContentionKey.THREAD : locksFlag ? ContentionKey.LOCK
                : ownersFlag ? ContentionKey.OWNER : by;
    }

    static final class SortKeyConverter implements ITypeConverter<ContentionSortKey> {
        @Override
        public ContentionSortKey convert(String value) {
            try {
                return ContentionSortKey.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected contended, wait_total, wait_max, "
                        + "wait_min or avg_wait, found '" + value + "'");
            }
        }
    }

    static final class FieldConverter implements ITypeConverter<ContentionField> {
        @Override
        public ContentionField convert(String value) {
            try {
                return ContentionField.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected contended, wait_total, wait_max, "
                        + "wait_min or avg_wait, found '" + value + "'");
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        ContentionKey key = keyFromFlags();
        // by caller and by thread, perf's own accounting reads only the lock events; lock
        // names (by lock, -L) and owners come from the derived tables
        boolean lockTables = key == ContentionKey.LOCK || key == ContentionKey.OWNER
                || !locks.isEmpty();
        try (TraceAnalysis a = sources.open(spec.commandLine().getErr(), lockTables)) {
            PerfLockContention.Result r = a.contention(a.oneTrace(sources.traceId()),
                    new PerfLockContention.Options(key, stackSkip, maxStack, threads.pid,
                            threads.tid, ContentionFilter.NONE).filtered(new ContentionFilter(
                            types, locks, callstacks, TimeOption.from(time),
                            TimeOption.to(time))));
            ContentionPrinter.print(r.sorted(this.key, entries), format, fieldsWithKey(),
                    separator, verbose, spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }
}
