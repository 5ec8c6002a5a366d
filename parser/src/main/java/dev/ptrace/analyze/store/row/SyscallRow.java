package dev.ptrace.analyze.store.row;

import dev.ptrace.analyze.store.RowOf;
import java.util.Map;

/** A row of {@code syscalls}. */
@RowOf("syscalls")
public record SyscallRow(EventColumns event, String phase, String name, Map<String, Long> args,
                         Long ret) {
}
