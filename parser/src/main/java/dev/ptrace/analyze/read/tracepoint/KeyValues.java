package dev.ptrace.analyze.read.tracepoint;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code key=value key=value} text most tracepoints print. A key is an identifier at the
 * start or after a blank, followed by {@code =} (or by {@code ": "}, as in vmalloc's
 * {@code va_start: 18446683600631627776 size=20480}); its value runs to the next key, so
 * values may hold blanks ({@code comm=Web Content pid=42}).
 */
public final class KeyValues {
    private KeyValues() {
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String key = null;
        int valueStart = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (i > 0 && text.charAt(i - 1) != ' ') {
                continue;
            }
            int eq = keyEnd(text, i);
            if (eq < 0) {
                continue;
            }
            if (key != null) {
                out.put(key, text.substring(valueStart, i).strip());
            }
            key = text.substring(i, eq);
            valueStart = text.charAt(eq) == '=' ? eq + 1 : eq + 2;
            i = valueStart - 1;
        }
        if (key != null) {
            out.put(key, text.substring(valueStart).strip());
        }
        return out;
    }

    /** Index of the {@code =} or {@code ": "} ending an identifier at {@code i}, or -1. */
    private static int keyEnd(String s, int i) {
        int n = s.length();
        if (i >= n || !isIdentStart(s.charAt(i))) {
            return -1;
        }
        int j = i + 1;
        while (j < n && isIdentPart(s.charAt(j))) {
            j++;
        }
        if (j < n && s.charAt(j) == '=') {
            return j;
        }
        return j + 1 < n && s.charAt(j) == ':' && s.charAt(j + 1) == ' ' ? j : -1;
    }

    private static boolean isIdentStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || (c >= '0' && c <= '9');
    }

    /** The value of {@code key}, or a {@link PayloadException} naming what was expected. */
    public static String require(Map<String, String> kv, String key, String shape) {
        String v = kv.get(key);
        if (v == null) {
            throw new PayloadException("expected " + shape + " (no " + key + "=)");
        }
        return v;
    }

    public static int requireInt(Map<String, String> kv, String key, String shape) {
        String v = require(kv, key, shape);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new PayloadException("expected " + shape + " (" + key + "=" + v
                    + " is not a number)");
        }
    }
}
