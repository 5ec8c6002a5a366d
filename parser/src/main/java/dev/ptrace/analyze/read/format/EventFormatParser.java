package dev.ptrace.analyze.read.format;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a tracepoint's format file (ftrace's {@code format}: {@code name:}, {@code ID:}, a
 * {@code format:} block of {@code field:} lines, {@code print fmt:}). A print format that
 * cannot be read leaves the event readable field by field.
 */
public final class EventFormatParser {
    private static final Pattern FIELD = Pattern.compile(
            "\\s*field:\\s*(.+?);\\s*offset:\\s*(\\d+);\\s*size:\\s*(\\d+);"
                    + "(?:\\s*signed:\\s*(\\d+);)?.*");
    private static final Pattern DECLARATION = Pattern.compile(
            "(.*?)\\s*\\b([A-Za-z_][A-Za-z0-9_]*)\\s*(?:\\[\\s*([^\\]]*)\\s*\\])?\\s*");

    private EventFormatParser() {
    }

    /**
     * The format in {@code text}, of an event of {@code system}.
     *
     * @throws FormatException when it has no name, id or fields
     */
    public static EventFormat parse(String system, String text, int longSize) {
        String name = null;
        Integer id = null;
        List<FormatField> fields = new ArrayList<>();
        String printText = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("name:")) {
                name = line.substring(5).strip();
            } else if (line.startsWith("ID:")) {
                try {
                    id = Integer.parseInt(line.substring(3).strip());
                } catch (NumberFormatException e) {
                    throw new FormatException("an event id, found '" + line + "'");
                }
            } else if (line.strip().startsWith("field:")) {
                fields.add(field(line));
            } else if (line.startsWith("print fmt:")) {
                printText = line.substring(10).strip();
            }
        }
        if (name == null || id == null) {
            throw new FormatException("a format file with 'name:' and 'ID:' lines"
                    + (name == null ? "" : " (event " + name + ")"));
        }
        PrintFormat print = null;
        String problem = printText == null ? "no print fmt line" : null;
        if (printText != null) {
            try {
                print = PrintFormat.parse(printText, fields, longSize);
            } catch (FormatException e) {
                problem = e.getMessage();
            }
        }
        return new EventFormat(system, name, id, fields, print, problem);
    }

    static FormatField field(String line) {
        Matcher m = FIELD.matcher(line);
        if (!m.matches()) {
            throw new FormatException("'field:TYPE NAME; offset:N; size:N; signed:N;', found '"
                    + line.strip() + "'");
        }
        String declaration = m.group(1).strip();
        FormatField.Location location = declaration.startsWith("__data_loc")
                ? FormatField.Location.DATA_LOC : declaration.startsWith("__rel_loc")
                ? FormatField.Location.REL_LOC : FormatField.Location.INLINE;
        Matcher d = DECLARATION.matcher(declaration.replace("[]", "").strip());
        if (!d.matches()) {
            throw new FormatException("a field declaration, found '" + declaration + "'");
        }
        String fieldName = d.group(2);
        String type = declaration.substring(0, declaration.lastIndexOf(fieldName)).strip();
        if (location != FormatField.Location.INLINE && !type.endsWith("[]")) {
            type = type + "[]";
        }
        int size = Integer.parseInt(m.group(3));
        int length = 0;
        if (d.group(3) != null) {
            try {
                length = Integer.parseInt(d.group(3).strip());
            } catch (NumberFormatException e) {
                // a bound named by a macro the file does not expand: the size tells it
                int element = CTypes.sizeOf(type, 8);
                length = element > 0 ? size / element : size;
            }
        }
        boolean signed = m.group(4) != null ? m.group(4).equals("1") : CTypes.isSigned(type);
        return new FormatField(fieldName, type, Integer.parseInt(m.group(2)), size, signed,
                length, location);
    }
}
