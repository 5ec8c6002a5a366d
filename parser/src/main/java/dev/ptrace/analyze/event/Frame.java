package dev.ptrace.analyze.event;

/**
 * One frame of a call stack.
 *
 * @param ip     instruction address as the input prints it (hex digits, no {@code 0x})
 * @param symbol function name, or null when the input says {@code [unknown]}
 * @param offset offset of {@code ip} into {@code symbol}, 0 when the input shows none
 * @param module binary the frame is in ({@code [kernel.kallsyms]}, a library path), or null
 */
public record Frame(String ip, String symbol, long offset, String module) {
    /** perf's {@code sym+0xoff} spelling, without {@code +0x0}; {@code [unknown]} for no symbol. */
    public String symbolWithOffset() {
        if (symbol == null) {
            return "[unknown]";
        }
        return offset == 0 ? symbol : symbol + "+0x" + Long.toHexString(offset);
    }
}
