package dev.ptrace.analyze.read.format;

import java.util.ArrayList;
import java.util.List;

/** Splits a print format's argument list into C tokens. */
final class PrintTokens {
    private static final String[] OPERATORS = {"->", "<<", ">>", "<=", ">=", "==", "!=", "&&",
        "||"};

    private PrintTokens() {
    }

    static List<String> of(String text) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        int n = text.length();
        outer:
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < n && text.charAt(end) != c) {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                if (end >= n) {
                    throw new FormatException("a closing " + c + " in the print format");
                }
                tokens.add(text.substring(i, end + 1));
                i = end + 1;
                continue;
            }
            if (Character.isLetterOrDigit(c) || c == '_') {
                int end = i;
                while (end < n && (Character.isLetterOrDigit(text.charAt(end))
                        || text.charAt(end) == '_')) {
                    end++;
                }
                tokens.add(text.substring(i, end));
                i = end;
                continue;
            }
            for (String op : OPERATORS) {
                if (text.startsWith(op, i)) {
                    tokens.add(op);
                    i += op.length();
                    continue outer;
                }
            }
            tokens.add(String.valueOf(c));
            i++;
        }
        return tokens;
    }

    /** A C integer literal: decimal, 0x hex or 0 octal, with U and L suffixes. */
    static long number(String token) {
        String t = token.replaceAll("[uUlL]+$", "");
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseUnsignedLong(t.substring(2), 16);
            }
            if (t.length() > 1 && t.startsWith("0")) {
                return Long.parseUnsignedLong(t.substring(1), 8);
            }
            return Long.parseUnsignedLong(t);
        } catch (NumberFormatException e) {
            throw new FormatException("a number in the print format, found '" + token + "'");
        }
    }

    /** The text of a C string or character literal, escapes resolved. */
    static String unquote(String literal) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < literal.length() - 1; i++) {
            char c = literal.charAt(i);
            if (c != '\\' || i + 1 >= literal.length() - 1) {
                out.append(c);
                continue;
            }
            char e = literal.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '0' -> out.append('\0');
                default -> out.append(e);
            }
        }
        return out.toString();
    }
}
