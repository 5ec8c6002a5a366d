package dev.ptrace.analyze.event;

/**
 * One entry of a bpftrace map printed at exit: {@code @name: 7}, {@code @name[key]: 7},
 * {@code @name[kstack]: 7} or a stats value {@code @name[key]: count 338, average 10129,
 * total 3423755}.
 *
 * @param line    line of the entry in the input
 * @param key     the key as printed ({@code 1, x} for a composite key), null for no key
 * @param stackId the stack of a {@code kstack}/{@code ustack} key, or -1
 * @param value   the number, or null for stats and text values
 * @param text    a value that is not a number (a string map), else null
 * @param count   stats: count, else null
 * @param average stats: average, else null
 * @param total   stats: total, else null
 */
public record MapEntry(long line, String map, String key, long stackId, Long value, String text,
                       Long count, Long average, Long total) implements SinkItem {
    @Override
    public void sendTo(EventHandler handler) {
        handler.mapEntry(this);
    }
}
