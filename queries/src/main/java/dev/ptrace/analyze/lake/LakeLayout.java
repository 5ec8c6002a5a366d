package dev.ptrace.analyze.lake;

import dev.ptrace.analyze.query.UsageException;
import dev.ptrace.analyze.store.Column;
import dev.ptrace.analyze.store.Schema;
import dev.ptrace.analyze.store.TableDef;
import dev.ptrace.analyze.store.Tables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a lake keeps what (docs/lake.md): a folder per trace,
 * {@code date=YYYY-MM-DD/host=NAME/trace_id=HASH/}, holding one Parquet file per table; a
 * trace is written under {@code _staging/} and renamed into place last, so a reader sees all
 * of it or none. The partition keys are the folder names, typed by the readers (date DATE,
 * host and trace_id text), never inferred.
 */
public final class LakeLayout {
    /** The tables a lake keeps: every table with a trace's rows (trace_id becomes the folder). */
    public static final List<TableDef> TABLES = Tables.all().stream()
            .filter(t -> t.columns().stream().map(Column::name).anyMatch("trace_id"::equals))
            .toList();
    /** Where traces are written before they are renamed into place; no reader looks there. */
    static final String STAGING = "_staging";
    /** The schema version of the tables the lake's files hold. */
    static final String VERSION_FILE = "_schema_version";
    /** The folder-name key of a bundle of a day's and host's traces compacted together. */
    static final String BUNDLE = "bundle";
    /** A bundle's list of the traces it holds, one id a line ('_': no reader takes it as data). */
    static final String BUNDLE_TRACES = "_traces";
    private static final Pattern HOST_CHARS = Pattern.compile("[^A-Za-z0-9._-]");

    private LakeLayout() {
    }

    /** The folder of a trace. */
    public static Path traceDir(Path lake, LocalDate date, String host, String traceId) {
        return lake.resolve("date=" + date).resolve("host=" + host)
                .resolve("trace_id=" + traceId);
    }

    /** A host name as a folder name: characters other than letters, digits, . _ - become _. */
    public static String hostFolder(String host) {
        String h = HOST_CHARS.matcher(host).replaceAll("_");
        return h.isEmpty() || h.startsWith(".") ? "_" + h : h;
    }

    /** The files of a table in every trace folder, as DuckDB's and Spark's readers glob them. */
    public static String glob(String lake, String table) {
        String root = lake.endsWith("/") ? lake : lake + "/";
        return root + "date=*/host=*/trace_id=*/" + table + ".parquet";
    }

    /** The files of a table in every bundle of compacted traces. */
    public static String bundleGlob(String lake, String table) {
        String root = lake.endsWith("/") ? lake : lake + "/";
        return root + "date=*/host=*/" + BUNDLE + "=*/" + table + ".parquet";
    }

    /** The traces of the lake, by day, host and id, wherever filed. */
    public static List<LakeEntry> entries(Path lake) {
        List<LakeEntry> out = new ArrayList<>();
        for (Path date : children(lake, "date=*")) {
            LocalDate day;
            try {
                day = LocalDate.parse(value(date));
            } catch (DateTimeParseException e) {
                throw new UsageException("not a day folder of a lake: " + date);
            }
            for (Path host : children(date, "host=*")) {
                out.addAll(entries(day, host));
            }
        }
        return out;
    }

    /** The traces of one day-and-host folder, loose ones first, each by id. */
    static List<LakeEntry> entries(LocalDate day, Path host) {
        List<LakeEntry> out = new ArrayList<>();
        for (Path t : children(host, "trace_id=*")) {
            out.add(new LakeEntry(day, value(host), value(t), t, false));
        }
        for (Path b : children(host, BUNDLE + "=*")) {
            for (String id : bundleTraces(b)) {
                out.add(new LakeEntry(day, value(host), id, b, true));
            }
        }
        out.sort(java.util.Comparator.comparing(LakeEntry::traceId));
        return out;
    }

    /** The ids a bundle holds, from its list (written before the bundle is renamed in). */
    static List<String> bundleTraces(Path bundle) {
        try {
            return Files.readAllLines(bundle.resolve(BUNDLE_TRACES), StandardCharsets.UTF_8)
                    .stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UsageException("a bundle of the lake without its list of traces: "
                    + bundle + " (" + e.getMessage() + ")");
        }
    }

    static String value(Path partition) {
        String name = partition.getFileName().toString();
        return name.substring(name.indexOf('=') + 1);
    }

    /** Where the trace whose id is {@code traceId} is filed, however often. */
    static List<LakeEntry> filed(Path lake, String traceId) {
        return entries(lake).stream().filter(e -> e.traceId().equals(traceId)).toList();
    }

    static List<Path> children(Path dir, String glob) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            ds.forEach(p -> {
                if (Files.isDirectory(p)) {
                    out.add(p);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(null);
        return out;
    }

    /**
     * Checks that the lake's files are of this tool's schema version, writing the version into
     * a new lake ({@code create}).
     *
     * @throws UsageException when the lake holds another version, or is not a lake
     */
    public static void checkVersion(Path lake, boolean create) {
        Path f = lake.resolve(VERSION_FILE);
        String mine = Integer.toString(Schema.VERSION);
        try {
            if (Files.isRegularFile(f)) {
                String found = Files.readString(f, StandardCharsets.UTF_8).strip();
                if (!found.equals(mine)) {
                    throw new UsageException("the lake " + lake + " holds tables of schema version "
                            + found + "; this ptrace-analyze reads version " + mine
                            + " (write a new lake from the captures)");
                }
            } else if (create) {
                // written whole under another name first: a reader never sees it half written
                Files.createDirectories(lake.resolve(STAGING));
                Path part = Files.createTempFile(lake.resolve(STAGING), VERSION_FILE, ".part");
                Files.writeString(part, mine + "\n", StandardCharsets.UTF_8);
                Files.move(part, f, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } else if (!Files.isDirectory(lake)) {
                throw new UsageException("no lake at " + lake);
            } else {
                throw new UsageException("not a lake: " + lake + " (no " + VERSION_FILE
                        + "; write one with ingest --lake or export --lake)");
            }
        } catch (IOException e) {
            throw new UsageException("cannot use the lake " + lake + ": " + e.getMessage());
        }
    }
}
