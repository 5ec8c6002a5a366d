package dev.ptrace.analyze.read.format;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tracepoint's {@code print fmt}: a C format string and its argument expressions, rendered
 * on a record as libtraceevent renders it for {@code perf script} and {@code trace-cmd report}
 * (printf's conversions with C's truncation to the length modifier, {@code %p} as glibc prints
 * it, {@code %pS}/{@code %ps} as kernel symbols).
 */
public final class PrintFormat {
    /** A literal piece of the format, or one conversion and the arguments it takes. */
    private sealed interface Piece permits Literal, Conversion {
    }

    private record Literal(String text) implements Piece {
    }

    /**
     * {@code %-08.3lx}: flags, width and precision (-1 none, -2 from an argument), length
     * modifier, conversion character, and for {@code %p} its extension ({@code S}, {@code M}).
     */
    private record Conversion(String flags, int width, int precision, String length,
                              char conversion, String extension) implements Piece {
        boolean has(char flag) {
            return flags.indexOf(flag) >= 0;
        }
    }

    private final List<Piece> pieces;
    private final List<PrintExpression> arguments;
    private final int longSize;

    private PrintFormat(List<Piece> pieces, List<PrintExpression> arguments, int longSize) {
        this.pieces = pieces;
        this.arguments = arguments;
        this.longSize = longSize;
    }

    /**
     * Parses {@code "format", arg, arg...} for an event with these fields.
     *
     * @throws FormatException when the format or an argument is not one this tool reads, or
     *                         the arguments do not match the conversions
     */
    public static PrintFormat parse(String text, List<FormatField> fields, int longSize) {
        String t = text.strip();
        if (!t.startsWith("\"")) {
            throw new FormatException("a quoted format string, found '" + abbreviate(t) + "'");
        }
        int end = 1;
        while (end < t.length() && t.charAt(end) != '"') {
            end += t.charAt(end) == '\\' ? 2 : 1;
        }
        if (end >= t.length()) {
            throw new FormatException("the format string's closing quote");
        }
        List<Piece> pieces = pieces(PrintTokens.unquote(t.substring(0, end + 1)));
        String rest = t.substring(end + 1).strip();
        if (!rest.isEmpty() && !rest.startsWith(",")) {
            throw new FormatException("',' after the format string, found '"
                    + abbreviate(rest) + "'");
        }
        Map<String, FormatField> byName = new HashMap<>();
        fields.forEach(f -> byName.put(f.name(), f));
        List<PrintExpression> args = rest.isEmpty() ? List.of()
                : PrintExpression.parseArguments(rest.substring(1), byName);
        int wanted = 0;
        for (Piece p : pieces) {
            if (p instanceof Conversion c) {
                wanted += 1 + (c.width() == -2 ? 1 : 0) + (c.precision() == -2 ? 1 : 0);
            }
        }
        if (wanted != args.size()) {
            throw new FormatException(wanted + " arguments for the format's conversions, found "
                    + args.size());
        }
        return new PrintFormat(pieces, args, longSize);
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    private static List<Piece> pieces(String format) {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        int n = format.length();
        while (i < n) {
            char c = format.charAt(i++);
            if (c != '%') {
                literal.append(c);
                continue;
            }
            if (i < n && format.charAt(i) == '%') {
                literal.append('%');
                i++;
                continue;
            }
            int start = i;
            while (i < n && "-+ #0".indexOf(format.charAt(i)) >= 0) {
                i++;
            }
            String flags = format.substring(start, i);
            int width = -1;
            if (i < n && format.charAt(i) == '*') {
                width = -2;
                i++;
            } else {
                int w = i;
                while (i < n && Character.isDigit(format.charAt(i))) {
                    i++;
                }
                width = w == i ? -1 : Integer.parseInt(format.substring(w, i));
            }
            int precision = -1;
            if (i < n && format.charAt(i) == '.') {
                i++;
                if (i < n && format.charAt(i) == '*') {
                    precision = -2;
                    i++;
                } else {
                    int p = i;
                    while (i < n && Character.isDigit(format.charAt(i))) {
                        i++;
                    }
                    precision = p == i ? 0 : Integer.parseInt(format.substring(p, i));
                }
            }
            int l = i;
            while (i < n && "hlLqjzt".indexOf(format.charAt(i)) >= 0) {
                i++;
            }
            String length = format.substring(l, i);
            if (i >= n || "diuxXocsp".indexOf(format.charAt(i)) < 0) {
                throw new FormatException("a printf conversion, found '%" + format.substring(
                        start, Math.min(n, i + 1)) + "'");
            }
            char conversion = format.charAt(i++);
            String extension = "";
            if (conversion == 'p') {
                int e = i;
                while (i < n && Character.isLetterOrDigit(format.charAt(i))) {
                    i++;
                }
                extension = format.substring(e, i);
            }
            if (literal.length() > 0) {
                pieces.add(new Literal(literal.toString()));
                literal.setLength(0);
            }
            pieces.add(new Conversion(flags, width, precision, length, conversion, extension));
        }
        if (literal.length() > 0) {
            pieces.add(new Literal(literal.toString()));
        }
        return pieces;
    }

    /** The record's text as the kernel's format prints it. */
    public String render(RawEvent event, KernelSymbolNames symbols) {
        PrintExpression.Context c = new PrintExpression.Context(event, longSize, symbols);
        StringBuilder out = new StringBuilder();
        int arg = 0;
        for (Piece p : pieces) {
            if (p instanceof Literal l) {
                out.append(l.text());
                continue;
            }
            Conversion conv = (Conversion) p;
            int width = Math.max(conv.width(), 0);
            if (conv.width() == -2) {
                width = (int) PrintExpression.asLong(arguments.get(arg++).eval(c));
            }
            int precision = conv.precision();
            if (conv.precision() == -2) {
                precision = (int) PrintExpression.asLong(arguments.get(arg++).eval(c));
            }
            Object value = arguments.get(arg++).eval(c);
            boolean left = conv.has('-') || width < 0;
            pad(out, convert(conv, value, precision, c), Math.abs(width), left,
                    conv.has('0') && !left && precision < 0 && "diuxXo".indexOf(
                            conv.conversion()) >= 0);
        }
        return out.toString();
    }

    private String convert(Conversion conv, Object value, int precision,
                           PrintExpression.Context c) {
        switch (conv.conversion()) {
            case 's': {
                String s = value instanceof Long l ? Long.toString(l)
                        : value instanceof byte[] b ? text(b) : String.valueOf(value);
                return precision >= 0 && precision < s.length() ? s.substring(0, precision) : s;
            }
            case 'c':
                return String.valueOf((char) (PrintExpression.asLong(value) & 0xff));
            case 'p':
                return pointer(conv, value, c);
            default:
                return integer(conv, PrintExpression.asLong(value), precision);
        }
    }

    private static String text(byte[] b) {
        int end = 0;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Bytes the length modifier gives an integer conversion: C's int, long, short, char. */
    private int bytes(String length) {
        return switch (length) {
            case "" -> 4;
            case "h" -> 2;
            case "hh" -> 1;
            case "ll", "L", "q", "j" -> 8;
            default -> longSize; // l, z, t
        };
    }

    private String integer(Conversion conv, long raw, int precision) {
        char k = conv.conversion();
        boolean signed = k == 'd' || k == 'i';
        long v = CTypes.fit(raw, bytes(conv.length()), signed);
        String digits;
        String prefix = "";
        switch (k) {
            case 'x' -> digits = Long.toHexString(v);
            case 'X' -> digits = Long.toHexString(v).toUpperCase(java.util.Locale.ROOT);
            case 'o' -> digits = Long.toOctalString(v);
            case 'u' -> digits = Long.toUnsignedString(v);
            default -> {
                digits = Long.toString(Math.abs(v));
                if (v == Long.MIN_VALUE) {
                    digits = "9223372036854775808";
                }
                prefix = v < 0 ? "-" : conv.has('+') ? "+" : conv.has(' ') ? " " : "";
            }
        }
        if (precision == 0 && v == 0) {
            digits = "";
        }
        if (precision > digits.length()) {
            digits = "0".repeat(precision - digits.length()) + digits;
        }
        if (conv.has('#') && v != 0) {
            prefix = k == 'x' ? "0x" : k == 'X' ? "0X" : k == 'o' && !digits.startsWith("0")
                    ? "0" : prefix;
        }
        return prefix + digits;
    }

    private String pointer(Conversion conv, Object value, PrintExpression.Context c) {
        String ext = conv.extension();
        long v = PrintExpression.asLong(value);
        if (!ext.isEmpty() && "SsFfB".indexOf(ext.charAt(0)) >= 0) {
            boolean offset = ext.charAt(0) != 's' && ext.charAt(0) != 'f';
            String name = c.symbols().name(v, offset);
            return name != null ? name : "0x" + Long.toHexString(v);
        }
        if (!ext.isEmpty() && (ext.charAt(0) == 'M' || ext.charAt(0) == 'm')
                && value instanceof byte[] b && b.length >= 6) {
            StringBuilder mac = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                mac.append(i == 0 || ext.charAt(0) == 'm' ? "" : ":")
                        .append(String.format("%02x", b[i] & 0xff));
            }
            return mac.toString();
        }
        if (!ext.isEmpty() && ext.charAt(0) == 'I' && ext.startsWith("I4")
                && value instanceof byte[] b && b.length >= 4) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "."
                    + (b[3] & 0xff);
        }
        if (value instanceof byte[] b && !ext.isEmpty() && ext.charAt(0) == 'U'
                && b.length >= 16) {
            String h = PrintExpression.asBytes(b).length == 0 ? "" : hex(b, 16);
            return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16)
                    + "-" + h.substring(16, 20) + "-" + h.substring(20);
        }
        v = CTypes.fit(v, longSize, false);
        return v == 0 ? "(nil)" : "0x" + Long.toHexString(v);
    }

    private static String hex(byte[] b, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(String.format("%02x", b[i] & 0xff));
        }
        return s.toString();
    }

    private static void pad(StringBuilder out, String s, int width, boolean left, boolean zeros) {
        int fill = width - s.length();
        if (fill <= 0) {
            out.append(s);
        } else if (left) {
            out.append(s).append(" ".repeat(fill));
        } else if (zeros) {
            int sign = s.startsWith("-") || s.startsWith("+") || s.startsWith(" ") ? 1
                    : s.startsWith("0x") || s.startsWith("0X") ? 2 : 0;
            out.append(s, 0, sign).append("0".repeat(fill)).append(s, sign, s.length());
        } else {
            out.append(" ".repeat(fill)).append(s);
        }
    }
}
