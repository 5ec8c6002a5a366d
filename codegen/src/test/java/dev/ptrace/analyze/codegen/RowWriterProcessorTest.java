package dev.ptrace.analyze.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles row records against a small tables.tsv with the processor, as the build does. */
class RowWriterProcessorTest {
    private static final String TABLES = String.join("\n",
            "# a comment line",
            "table\tgroup\tcolumn\ttype\tdoc",
            "events\tcommon\t\t\tcommon columns",
            "events\t\ttrace_id\tINTEGER\t.",
            "events\t\tts\tBIGINT\t.",
            "stats\tstored\t\t\tcounters",
            "stats\t\ttrace_id\tINTEGER\t.",
            "stats\t\tname\tVARCHAR\t.",
            "stats\t\tvalue\tBIGINT\t.",
            "stats\t\tdescription\tVARCHAR\t.",
            "syscalls\tevent\t\t\tsyscalls",
            "syscalls\t\tname\tVARCHAR\t.",
            "syscalls\t\targs\tMAP(VARCHAR, BIGINT)\t.",
            "syscalls\t\tok\tBOOLEAN\t.",
            "traces\tstored\t\t\ttraces",
            "traces\t\ttrace_id\tINTEGER\t.",
            "traces\t\tingested_at\tTIMESTAMP\t.",
            "");

    private static final String ROW_OF = "package dev.ptrace.analyze.store;\n"
            + "public @interface RowOf { String value(); }\n";
    private static final String ROW_BUILDER = "package dev.ptrace.analyze.store;\n"
            + "public class RowBuilder {\n"
            + "  public RowBuilder i(Integer v) { return this; }\n"
            + "  public RowBuilder l(Long v) { return this; }\n"
            + "  public RowBuilder b(Boolean v) { return this; }\n"
            + "  public RowBuilder s(String v) { return this; }\n"
            + "  public RowBuilder m(java.util.Map<?, ?> v) { return this; }\n"
            + "  public void end() { }\n"
            + "}\n";

    @TempDir
    Path dir;

    private record Compiled(boolean ok, List<String> errors, Path generated) {
        String writer(String name) throws IOException {
            return Files.readString(generated.resolve("rows/" + name + ".java"));
        }
    }

    private Compiled compile(String... rowSources) throws IOException {
        Path classpath = dir.resolve("cp/dev/ptrace/analyze/store");
        Files.createDirectories(classpath);
        Files.writeString(classpath.resolve("tables.tsv"), TABLES);
        Path src = Files.createDirectories(dir.resolve("src"));
        List<Path> files = new ArrayList<>();
        files.add(Files.writeString(src.resolve("RowOf.java"), ROW_OF));
        files.add(Files.writeString(src.resolve("RowBuilder.java"), ROW_BUILDER));
        for (String s : rowSources) {
            String name = s.replaceAll("(?s).*public record (\\w+).*", "$1");
            files.add(Files.writeString(src.resolve(name + ".java"), s));
        }
        Path out = Files.createDirectories(dir.resolve("out"));
        Path generated = Files.createDirectories(dir.resolve("generated"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
            JavaCompiler.CompilationTask task = javac.getTask(null, fm, diagnostics,
                    List.of("-d", out.toString(), "-s", generated.toString(), "-classpath",
                            dir.resolve("cp").toString(), "-proc:only"),
                    null, fm.getJavaFileObjectsFromPaths(files));
            task.setProcessors(List.of(new RowWriterProcessor()));
            boolean ok = task.call();
            List<String> errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.toList());
            return new Compiled(ok, errors, generated);
        }
    }

    private static String row(String declaration) {
        return "package rows;\nimport dev.ptrace.analyze.store.RowOf;\n" + declaration + "\n";
    }

    @Test
    void aMatchingRecordGetsAWriterThatAddsEachColumnInTheTablesOrder() throws IOException {
        Compiled c = compile(row("@RowOf(\"stats\") public record StatRow(int traceId, "
                + "String name, Long value, String description) {}"));
        assertTrue(c.ok(), c.errors().toString());
        String writer = c.writer("StatRowWriter");
        assertTrue(writer.contains("        rows.i(row.traceId());\n"
                + "        rows.s(row.name());\n"
                + "        rows.l(row.value());\n"
                + "        rows.s(row.description());\n"
                + "        rows.end();\n"), writer);
    }

    @Test
    void anEventTablesRowStartsWithTheCommonColumnsOfItsNestedRecord() throws IOException {
        Compiled c = compile(
                row("public record Common(int traceId, Long ts) {}"),
                row("@RowOf(\"syscalls\") public record SyscallRow(Common event, String name, "
                        + "java.util.Map<String, Long> args, boolean ok) {}"));
        assertTrue(c.ok(), c.errors().toString());
        assertTrue(c.writer("SyscallRowWriter").contains("        rows.i(row.event().traceId());\n"
                + "        rows.l(row.event().ts());\n"
                + "        rows.s(row.name());\n"
                + "        rows.m(row.args());\n"
                + "        rows.b(row.ok());\n"), c.writer("SyscallRowWriter"));
    }

    /** Compiling {@code declaration} fails with {@code error}, and with nothing else. */
    private void failsWith(String declaration, String error) throws IOException {
        Compiled c = compile(row(declaration));
        assertEquals(List.of(error), c.errors());
    }

    @Test
    void aComponentNamedOtherThanItsColumnFailsTheBuild() throws IOException {
        failsWith("@RowOf(\"stats\") public record StatRow(int traceId, String counter,"
                + " long value, String description) {}",
                "component counter stands where column name of stats is (expected name)");
    }

    @Test
    void aComponentWhoseTypeCannotHoldItsColumnFailsTheBuild() throws IOException {
        failsWith("@RowOf(\"stats\") public record StatRow(int traceId, String name,"
                + " String value, String description) {}", "component value is a"
                + " java.lang.String; column value of stats is a BIGINT, held in java.lang.Long"
                + " or long");
    }

    @Test
    void aRecordWithoutEveryColumnFailsTheBuild() throws IOException {
        failsWith("@RowOf(\"stats\") public record StatRow(int traceId, String name,"
                + " long value) {}", "StatRow has 3 components for the 4 columns of stats");
    }

    @Test
    void aTableNotInTablesTsvFailsTheBuild() throws IOException {
        failsWith("@RowOf(\"statz\") public record StatRow(int traceId) {}",
                "tables.tsv has no table statz");
    }

    @Test
    void aTableWithAColumnRowBuildersDoNotHoldIsCheckedButGetsNoWriter() throws IOException {
        Compiled c = compile(row("@RowOf(\"traces\") public record TraceRow(int traceId, "
                + "java.time.Instant ingestedAt) {}"));
        assertTrue(c.ok(), c.errors().toString());
        assertTrue(Files.notExists(c.generated().resolve("rows/TraceRowWriter.java")));
    }

    @Test
    void columnNamesBecomeCamelCase() {
        assertEquals("savedNs", RowWriterProcessor.camel("saved_ns"));
        assertEquals("tsPrecisionNs", RowWriterProcessor.camel("ts_precision_ns"));
        assertEquals("rank", RowWriterProcessor.camel("rank"));
    }
}
