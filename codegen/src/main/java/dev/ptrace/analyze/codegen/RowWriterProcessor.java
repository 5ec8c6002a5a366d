package dev.ptrace.analyze.codegen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * Holds every record annotated {@code @RowOf("table")} to its table in tables.tsv, at compile
 * time: one component per column, in the table's order, named as the column in camel case,
 * of a Java type that holds the column's values. A component whose type is a record stands
 * for that record's components in its place (the common columns of the event tables). For a
 * table whose columns are all of the types a RowBuilder holds, it writes {@code <Record>Writer},
 * whose {@code write(RowBuilder, row)} adds the row column by column: no row is written by
 * position by hand.
 */
@SupportedAnnotationTypes(RowWriterProcessor.ANNOTATION)
public final class RowWriterProcessor extends AbstractProcessor {
    static final String ANNOTATION = "dev.ptrace.analyze.store.RowOf";
    private static final String STORE_PACKAGE = "dev.ptrace.analyze.store";
    private static final String COMMON_TABLE = "events";

    /** The Java types a column of each type may be held in; MAP types by their erasure. */
    private static final Map<String, Set<String>> JAVA_TYPES = Map.of(
            "INTEGER", Set.of("int", "java.lang.Integer"),
            "BIGINT", Set.of("long", "java.lang.Long"),
            "BOOLEAN", Set.of("boolean", "java.lang.Boolean"),
            "DOUBLE", Set.of("double", "java.lang.Double"),
            "VARCHAR", Set.of("java.lang.String"),
            "TIMESTAMP", Set.of("java.time.Instant"),
            "MAP", Set.of("java.util.Map"));

    /** The RowBuilder method that adds a column of each type; a type not here is not bulk. */
    private static final Map<String, String> BULK_METHODS = Map.of(
            "INTEGER", "i", "BIGINT", "l", "BOOLEAN", "b", "VARCHAR", "s", "MAP", "m");

    private Map<String, List<Column>> tables;

    private record Column(String name, String type) {
        String family() {
            return type.startsWith("MAP(") ? "MAP" : type;
        }
    }

    /** A column's value as the record gives it: its name and the expression that reads it. */
    private record Component(String name, TypeMirror type, String read, Element where) {
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (TypeElement annotation : annotations) {
            for (Element e : round.getElementsAnnotatedWith(annotation)) {
                if (e.getKind() != ElementKind.RECORD) {
                    error(e, "@RowOf stands on a record, not on a " + e.getKind());
                    continue;
                }
                TypeElement record = (TypeElement) e;
                String table = tableOf(record);
                List<Column> columns = tables().get(table);
                if (columns == null) {
                    error(e, "tables.tsv has no table " + table);
                    continue;
                }
                List<Component> components = new ArrayList<>();
                flatten(record, "row", components);
                if (matches(record, table, columns, components)
                        && columns.stream().allMatch(c -> BULK_METHODS.containsKey(c.family()))) {
                    writeWriter(record, table, columns, components);
                }
            }
        }
        return true;
    }

    private static String tableOf(TypeElement record) {
        for (AnnotationMirror m : record.getAnnotationMirrors()) {
            if (((TypeElement) m.getAnnotationType().asElement()).getQualifiedName()
                    .contentEquals(ANNOTATION)) {
                for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> v
                        : m.getElementValues().entrySet()) {
                    return String.valueOf(v.getValue().getValue());
                }
            }
        }
        throw new IllegalStateException("no @RowOf on " + record);
    }

    private void flatten(TypeElement record, String read, List<Component> into) {
        for (RecordComponentElement c : record.getRecordComponents()) {
            String value = read + "." + c.getSimpleName() + "()";
            TypeMirror t = c.asType();
            if (t.getKind() == TypeKind.DECLARED
                    && ((DeclaredType) t).asElement().getKind() == ElementKind.RECORD) {
                flatten((TypeElement) ((DeclaredType) t).asElement(), value, into);
            } else {
                into.add(new Component(c.getSimpleName().toString(), t, value, c));
            }
        }
    }

    private boolean matches(TypeElement record, String table, List<Column> columns,
                            List<Component> components) {
        if (components.size() != columns.size()) {
            error(record, record.getSimpleName() + " has " + components.size()
                    + " components for the " + columns.size() + " columns of " + table);
            return false;
        }
        boolean ok = true;
        for (int i = 0; i < columns.size(); i++) {
            Column col = columns.get(i);
            Component c = components.get(i);
            if (!c.name().equals(camel(col.name()))) {
                error(c.where(), "component " + c.name() + " stands where column " + col.name()
                        + " of " + table + " is (expected " + camel(col.name()) + ")");
                ok = false;
                continue;
            }
            Set<String> allowed = JAVA_TYPES.get(col.family());
            String type = erasure(c.type());
            if (allowed == null || !allowed.contains(type)) {
                error(c.where(), "component " + c.name() + " is a " + type + "; column "
                        + col.name() + " of " + table + " is a " + col.type() + ", held in "
                        + (allowed == null ? "no Java type" : String.join(" or ",
                        allowed.stream().sorted().toList())));
                ok = false;
            }
        }
        return ok;
    }

    private String erasure(TypeMirror t) {
        return processingEnv.getTypeUtils().erasure(t).toString();
    }

    static String camel(String column) {
        StringBuilder b = new StringBuilder(column.length());
        boolean up = false;
        for (char ch : column.toCharArray()) {
            if (ch == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return b.toString();
    }

    private void writeWriter(TypeElement record, String table, List<Column> columns,
                             List<Component> components) {
        String pkg = processingEnv.getElementUtils().getPackageOf(record).getQualifiedName()
                .toString();
        String name = record.getSimpleName() + "Writer";
        StringBuilder src = new StringBuilder();
        src.append("package ").append(pkg).append(";\n\n")
                .append("/** Adds rows of {@code ").append(table).append("}: written by ")
                .append(getClass().getSimpleName()).append(" from tables.tsv. */\n")
                .append("@javax.annotation.processing.Generated(\"")
                .append(getClass().getName()).append("\")\n")
                .append("public final class ").append(name).append(" {\n")
                .append("    private ").append(name).append("() {\n    }\n\n")
                .append("    /** Adds {@code row} to {@code rows}, rows of ").append(table)
                .append(". */\n")
                .append("    public static void write(").append(STORE_PACKAGE)
                .append(".RowBuilder rows, ").append(record.getQualifiedName())
                .append(" row) {\n");
        for (int i = 0; i < columns.size(); i++) {
            src.append("        rows.").append(BULK_METHODS.get(columns.get(i).family()))
                    .append('(').append(components.get(i).read()).append(");\n");
        }
        src.append("        rows.end();\n    }\n}\n");
        try {
            JavaFileObject file = processingEnv.getFiler()
                    .createSourceFile(pkg + "." + name, record);
            try (Writer w = file.openWriter()) {
                w.write(src.toString());
            }
        } catch (IOException e) {
            error(record, "cannot write " + name + ": " + e.getMessage());
        }
    }

    /** tables.tsv from the class path: each table's columns, the event tables' common first. */
    private Map<String, List<Column>> tables() {
        if (tables != null) {
            return tables;
        }
        Map<String, String> groups = new LinkedHashMap<>();
        Map<String, List<Column>> own = new LinkedHashMap<>();
        try {
            FileObject tsv = processingEnv.getFiler().getResource(StandardLocation.CLASS_PATH,
                    STORE_PACKAGE, "tables.tsv");
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    tsv.openInputStream(), StandardCharsets.UTF_8))) {
                boolean header = true;
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("#") || line.isBlank()) {
                        continue;
                    }
                    if (header) {
                        header = false;
                        continue;
                    }
                    String[] f = line.split("\t", -1);
                    if (f[2].isEmpty()) {
                        groups.put(f[0], f[1]);
                        own.put(f[0], new ArrayList<>());
                    } else {
                        own.get(f[0]).add(new Column(f[2], f[3]));
                    }
                }
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    "@RowOf: cannot read tables.tsv from the class path: " + e.getMessage());
            return tables = Map.of();
        }
        List<Column> common = own.get(COMMON_TABLE);
        tables = new LinkedHashMap<>();
        own.forEach((table, columns) -> {
            List<Column> all = new ArrayList<>();
            if ("event".equals(groups.get(table))) {
                all.addAll(common);
            }
            all.addAll(columns);
            tables.put(table, all);
        });
        return tables;
    }

    private void error(Element e, String message) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, e);
    }
}
