package dev.ptrace.analyze.cli;

import dev.ptrace.analyze.present.SummaryReport;
import dev.ptrace.analyze.query.UsageException;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/** {@code ptrace-analyze FILE...}: ingest and print the first report. */
@Command(name = "ptrace-analyze", resourceBundle = "dev.ptrace.analyze.cli.help",
        mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        scope = ScopeType.INHERIT)
public final class PtraceAnalyzeCommand extends TraceCommand {
    /** The subcommands, in the order the usage lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(IngestCommand.class, SqlCommand.class,
            ContentionCommand.class, ChainsCommand.class, InversionsCommand.class,
            AttributeCommand.class, FindingsCommand.class, CheckCommand.class, DiffCommand.class,
            ExportCommand.class, ReportCommand.class, RecordCommand.class, FleetCommand.class,
            CompactCommand.class);

    /**
     * The command line for {@code args}, with only the subcommands it can run: picocli reads
     * each subcommand's annotations when it is added, which costs a run tens of milliseconds.
     * A named subcommand is added alone; help, a version request or no argument at all get
     * every one (the usage lists them); a report of files, none.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cmd = new CommandLine(new PtraceAnalyzeCommand());
        String first = Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst()
                .orElse(null);
        boolean help = args.length == 0 || Arrays.stream(args).anyMatch(a -> a.equals("-h")
                || a.equals("--help") || a.equals("-V") || a.equals("--version"));
        for (Class<?> c : SUBCOMMANDS) {
            String name = c.getAnnotation(Command.class).name();
            if (name.equals(first) || help && !isSubcommand(first)) {
                cmd.addSubcommand(c);
            }
        }
        CommandLine record = cmd.getSubcommands().get("record");
        if (record != null) { // record -- ./wl -x, or record ./wl -x: the -x is the command's
            record.setStopAtPositional(true);
        }
        return cmd;
    }

    private static boolean isSubcommand(String word) {
        return SUBCOMMANDS.stream().anyMatch(c -> c.getAnnotation(Command.class).name()
                .equals(word));
    }

    @Mixin ReportOptions options;

    @Option(names = "--debug", scope = ScopeType.INHERIT) boolean debug;

    @Option(names = "--quiet", scope = ScopeType.INHERIT) boolean quiet;

    @Override
    public Integer call() throws Exception {
        if (sources.files.isEmpty() && sources.db == null && sources.lake.lake == null) {
            spec.commandLine().usage(spec.commandLine().getOut());
            return ExitCodes.USAGE_OR_INPUT;
        }
        if (options.format == SummaryReport.Format.HTML) {
            throw new UsageException("the HTML report is one file per trace: ptrace-analyze "
                    + "report FILE --format html --out report.html");
        }
        return ReportCommand.report(sources, options, spec);
    }
}
