package dev.ptrace.analyze.read.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The C expressions of a print format's arguments ({@code REC->prev_state & 0xff ?
 * __print_flags(...) : "R"}), parsed once and evaluated on each record. Values are
 * {@code Long} (integers and pointers), {@code String} (text, the output of the
 * {@code __print_*} helpers) or {@code byte[]} (arrays).
 */
sealed interface PrintExpression {
    Object eval(Context c);

    /** What an expression is evaluated against: the record, its capture's long, symbols. */
    record Context(RawEvent event, int longSize, KernelSymbolNames symbols) {
    }

    record Num(long value) implements PrintExpression {
        @Override
        public Object eval(Context c) {
            return value;
        }
    }

    record Str(String value) implements PrintExpression {
        @Override
        public Object eval(Context c) {
            return value;
        }
    }

    /** {@code REC->name}: an integer, the text of a char array, or an array's bytes. */
    record Field(FormatField field) implements PrintExpression {
        @Override
        public Object eval(Context c) {
            if (field.isText()) {
                return c.event().text(field);
            }
            if (field.isArray()) {
                return c.event().bytes(field);
            }
            return c.event().integer(field);
        }
    }

    /** {@code REC->addr[2]}: an element of a fixed array. */
    record Index(FormatField field, PrintExpression index) implements PrintExpression {
        @Override
        public Object eval(Context c) {
            int element = field.elementSize();
            long i = asLong(index.eval(c));
            if (element <= 0 || i < 0 || i >= field.size() / element) {
                return 0L;
            }
            return c.event().integerAt(field.offset() + (int) i * element, element,
                    field.signed());
        }
    }

    record Unary(char op, PrintExpression operand) implements PrintExpression {
        @Override
        public Object eval(Context c) {
            long v = asLong(operand.eval(c));
            return switch (op) {
                case '-' -> -v;
                case '~' -> ~v;
                case '!' -> v == 0 ? 1L : 0L;
                default -> v;
            };
        }
    }

    record Binary(String op, PrintExpression left, PrintExpression right)
            implements PrintExpression {
        @Override
        public Object eval(Context c) {
            if (op.equals("&&")) {
                return truth(left.eval(c)) && truth(right.eval(c)) ? 1L : 0L;
            }
            if (op.equals("||")) {
                return truth(left.eval(c)) || truth(right.eval(c)) ? 1L : 0L;
            }
            long a = asLong(left.eval(c));
            long b = asLong(right.eval(c));
            return switch (op) {
                case "*" -> a * b;
                case "/" -> b == 0 ? 0L : Long.divideUnsigned(a, b);
                case "%" -> b == 0 ? 0L : Long.remainderUnsigned(a, b);
                case "+" -> a + b;
                case "-" -> a - b;
                case "<<" -> a << b;
                case ">>" -> a >>> b;
                case "<" -> a < b ? 1L : 0L;
                case ">" -> a > b ? 1L : 0L;
                case "<=" -> a <= b ? 1L : 0L;
                case ">=" -> a >= b ? 1L : 0L;
                case "==" -> a == b ? 1L : 0L;
                case "!=" -> a != b ? 1L : 0L;
                case "&" -> a & b;
                case "^" -> a ^ b;
                case "|" -> a | b;
                default -> throw new IllegalStateException(op);
            };
        }
    }

    record Conditional(PrintExpression test, PrintExpression then, PrintExpression otherwise)
            implements PrintExpression {
        @Override
        public Object eval(Context c) {
            return truth(test.eval(c)) ? then.eval(c) : otherwise.eval(c);
        }
    }

    record Cast(String type, PrintExpression operand) implements PrintExpression {
        @Override
        public Object eval(Context c) {
            Object v = operand.eval(c);
            return v instanceof Long l ? CTypes.convert(l, type, c.longSize()) : v;
        }
    }

    /** {@code { value, "name" }} of __print_flags and __print_symbolic. */
    record Symbol(PrintExpression value, String name) {
    }

    /** {@code __print_flags(value, "|", {1, "A"}, ...)}: the names of the bits set. */
    record Flags(PrintExpression value, String delimiter, List<Symbol> symbols)
            implements PrintExpression {
        @Override
        public Object eval(Context c) {
            long v = asLong(value.eval(c));
            StringBuilder out = new StringBuilder();
            boolean printed = false;
            for (Symbol s : symbols) {
                long bits = asLong(s.value().eval(c));
                if (v == 0 && bits == 0) {
                    out.append(s.name());
                    break;
                }
                if (bits != 0 && (v & bits) == bits) {
                    if (printed) {
                        out.append(delimiter);
                    }
                    out.append(s.name());
                    printed = true;
                    v &= ~bits;
                }
            }
            if (v != 0) {
                out.append(printed ? delimiter : "").append("0x").append(Long.toHexString(v));
            }
            return out.toString();
        }
    }

    /** {@code __print_symbolic(value, {1, "A"}, ...)}: the name of the value. */
    record Symbolic(PrintExpression value, List<Symbol> symbols) implements PrintExpression {
        @Override
        public Object eval(Context c) {
            long v = asLong(value.eval(c));
            for (Symbol s : symbols) {
                if (asLong(s.value().eval(c)) == v) {
                    return s.name();
                }
            }
            return "0x" + Long.toHexString(v);
        }
    }

    /** {@code __print_hex(buf, len)} and {@code __print_hex_str}: bytes as hex. */
    record Hex(PrintExpression bytes, PrintExpression length, String separator)
            implements PrintExpression {
        @Override
        public Object eval(Context c) {
            byte[] b = asBytes(bytes.eval(c));
            int n = (int) Math.min(b.length, Math.max(0, asLong(length.eval(c))));
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < n; i++) {
                out.append(i == 0 ? "" : separator).append(String.format("%02x", b[i] & 0xff));
            }
            return out.toString();
        }
    }

    /** {@code __print_array(array, count, element size)}: {@code [0x1,0x2]}. */
    record ArrayPrint(PrintExpression array, PrintExpression count, PrintExpression elementSize)
            implements PrintExpression {
        @Override
        public Object eval(Context c) {
            byte[] b = asBytes(array.eval(c));
            int size = (int) asLong(elementSize.eval(c));
            long n = asLong(count.eval(c));
            StringBuilder out = new StringBuilder("[");
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b)
                    .order(c.event().data().order());
            for (int i = 0; size > 0 && i < n && (i + 1) * size <= b.length; i++) {
                long v = switch (size) {
                    case 1 -> b[i] & 0xffL;
                    case 2 -> buf.getShort(i * 2) & 0xffffL;
                    case 4 -> buf.getInt(i * 4) & 0xffffffffL;
                    default -> buf.getLong(i * 8);
                };
                out.append(i == 0 ? "" : ",").append("0x").append(Long.toHexString(v));
            }
            return out.append(']').toString();
        }
    }

    /** {@code __get_dynamic_array_len(field)}: the length in bytes of a dynamic field. */
    record DynamicLength(FormatField field) implements PrintExpression {
        @Override
        public Object eval(Context c) {
            return (long) c.event().span(field)[1];
        }
    }

    static long asLong(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof byte[] b) {
            return b.length;
        }
        return v == null ? 0 : 1; // a string is a non-null pointer
    }

    static boolean truth(Object v) {
        return asLong(v) != 0;
    }

    static byte[] asBytes(Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        if (v instanceof String s) {
            return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        return new byte[0];
    }

    /** Parses the comma-separated arguments of a print format. */
    static List<PrintExpression> parseArguments(String text, Map<String, FormatField> fields) {
        Parser p = new Parser(PrintTokens.of(text), fields);
        List<PrintExpression> args = new ArrayList<>();
        while (!p.atEnd()) {
            args.add(p.expression());
            if (!p.atEnd()) {
                p.expect(",");
            }
        }
        return args;
    }

    /** A recursive-descent parser of C's expression grammar, as far as print formats use it. */
    final class Parser {
        private static final List<List<String>> LEVELS = List.of(List.of("||"), List.of("&&"),
                List.of("|"), List.of("^"), List.of("&"), List.of("==", "!="),
                List.of("<", ">", "<=", ">="), List.of("<<", ">>"), List.of("+", "-"),
                List.of("*", "/", "%"));
        private final List<String> tokens;
        private final Map<String, FormatField> fields;
        private int at;

        Parser(List<String> tokens, Map<String, FormatField> fields) {
            this.tokens = tokens;
            this.fields = fields;
        }

        boolean atEnd() {
            return at >= tokens.size();
        }

        private String peek() {
            return atEnd() ? "" : tokens.get(at);
        }

        private String peek(int ahead) {
            return at + ahead < tokens.size() ? tokens.get(at + ahead) : "";
        }

        private String next() {
            if (atEnd()) {
                throw new FormatException("more of the print format's arguments");
            }
            return tokens.get(at++);
        }

        void expect(String token) {
            String t = next();
            if (!t.equals(token)) {
                throw new FormatException("'" + token + "' in the print format's arguments, "
                        + "found '" + t + "'");
            }
        }

        PrintExpression expression() {
            PrintExpression test = binary(0);
            if (peek().equals("?")) {
                next();
                PrintExpression then = expression();
                expect(":");
                return new Conditional(test, then, expression());
            }
            return test;
        }

        private PrintExpression binary(int level) {
            if (level == LEVELS.size()) {
                return unary();
            }
            PrintExpression left = binary(level + 1);
            while (LEVELS.get(level).contains(peek())) {
                String op = next();
                left = new Binary(op, left, binary(level + 1));
            }
            return left;
        }

        private PrintExpression unary() {
            String t = peek();
            if (t.equals("-") || t.equals("~") || t.equals("!") || t.equals("+")) {
                next();
                return new Unary(t.charAt(0), unary());
            }
            if (t.equals("(") && isCast()) {
                next();
                StringBuilder type = new StringBuilder();
                while (!peek().equals(")")) {
                    type.append(type.length() == 0 ? "" : " ").append(next());
                }
                next();
                return new Cast(type.toString(), unary());
            }
            return postfix(primary());
        }

        /** Whether the {@code (} here opens a cast: type words and stars, then a value. */
        private boolean isCast() {
            int i = at + 1;
            boolean any = false;
            while (i < tokens.size() && !tokens.get(i).equals(")")) {
                String w = tokens.get(i);
                boolean struct = i > at + 1 && (tokens.get(i - 1).equals("struct")
                        || tokens.get(i - 1).equals("enum") || tokens.get(i - 1).equals("union"));
                if (!(CTypes.isTypeWord(w) || w.equals("*") || struct)) {
                    return false;
                }
                any = true;
                i++;
            }
            return any && i + 1 < tokens.size();
        }

        private PrintExpression postfix(PrintExpression e) {
            while (peek().equals("[")) {
                next();
                PrintExpression index = expression();
                expect("]");
                if (!(e instanceof Field f)) {
                    throw new FormatException("an array field before '['");
                }
                e = new Index(f.field(), index);
            }
            return e;
        }

        private PrintExpression primary() {
            String t = next();
            if (t.equals("(")) {
                PrintExpression e = expression();
                expect(")");
                return e;
            }
            if (t.startsWith("\"")) {
                StringBuilder s = new StringBuilder(PrintTokens.unquote(t));
                while (peek().startsWith("\"")) {
                    s.append(PrintTokens.unquote(next()));
                }
                return new Str(s.toString());
            }
            if (t.startsWith("'")) {
                return new Num(PrintTokens.unquote(t).charAt(0));
            }
            if (Character.isDigit(t.charAt(0))) {
                return new Num(PrintTokens.number(t));
            }
            if (t.equals("REC")) {
                expect("->");
                return field(next());
            }
            if (peek().equals("(")) {
                return call(t);
            }
            throw new FormatException("a value in the print format's arguments, found '" + t
                    + "'");
        }

        private Field field(String name) {
            FormatField f = fields.get(name);
            if (f == null) {
                throw new FormatException("a field of the event, found REC->" + name);
            }
            return new Field(f);
        }

        private PrintExpression call(String function) {
            expect("(");
            PrintExpression result = switch (function) {
                case "__print_flags", "__print_flags_u64" -> {
                    PrintExpression value = expression();
                    expect(",");
                    String delimiter = stringArgument();
                    yield new Flags(value, delimiter, symbols());
                }
                case "__print_symbolic", "__print_symbolic_u64" -> {
                    PrintExpression value = expression();
                    yield new Symbolic(value, symbols());
                }
                case "__get_str", "__get_dynamic_array", "__get_rel_str",
                        "__get_rel_dynamic_array", "__get_bitmask", "__get_cpumask",
                        "__get_sockaddr" -> field(next());
                case "__get_dynamic_array_len", "__get_rel_dynamic_array_len" ->
                        new DynamicLength(field(next()).field());
                case "__print_hex", "__print_hex_str" -> {
                    PrintExpression bytes = expression();
                    expect(",");
                    yield new Hex(bytes, expression(),
                            function.equals("__print_hex") ? " " : "");
                }
                case "__print_array" -> {
                    PrintExpression array = expression();
                    expect(",");
                    PrintExpression count = expression();
                    expect(",");
                    yield new ArrayPrint(array, count, expression());
                }
                case "__builtin_expect" -> {
                    PrintExpression value = expression();
                    expect(",");
                    expression();
                    yield value;
                }
                case "sizeof" -> {
                    StringBuilder type = new StringBuilder();
                    while (!peek().equals(")")) {
                        type.append(type.length() == 0 ? "" : " ").append(next());
                    }
                    int size = CTypes.sizeOf(type.toString(), 8);
                    if (size == 0) {
                        throw new FormatException("a type of known size in sizeof(), found '"
                                + type + "'");
                    }
                    yield new Num(size);
                }
                default -> throw new FormatException("a print helper this tool knows, found "
                        + function + "()");
            };
            expect(")");
            return result;
        }

        private String stringArgument() {
            PrintExpression e = expression();
            if (!(e instanceof Str s)) {
                throw new FormatException("a string delimiter in __print_flags");
            }
            return s.value();
        }

        private List<Symbol> symbols() {
            List<Symbol> out = new ArrayList<>();
            while (peek().equals(",")) {
                next();
                if (peek().equals(")")) {
                    break; // a trailing comma
                }
                expect("{");
                PrintExpression value = expression();
                expect(",");
                PrintExpression name = expression();
                if (!(name instanceof Str s)) {
                    throw new FormatException("a string name in { value, \"name\" }");
                }
                expect("}");
                out.add(new Symbol(value, s.value()));
            }
            return out;
        }
    }
}
