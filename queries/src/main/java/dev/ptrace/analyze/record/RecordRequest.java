package dev.ptrace.analyze.record;

import dev.ptrace.analyze.query.UsageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What to record: a command run from its start, or a running process; for how long (null:
 * until it ends, or Ctrl-C); into which folder.
 */
public record RecordRequest(List<String> command, Integer pid, Duration duration, Path dir) {
    public RecordRequest {
        command = List.copyOf(command);
        if (command.isEmpty() == (pid == null)) {
            throw new UsageException(command.isEmpty() ? "record what? give -- COMMAND... or "
                    + "-p PID" : "record a COMMAND or a running process (-p PID), not both");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new UsageException("--duration takes seconds above 0, found " + duration
                    .toMillis() / 1000.0);
        }
    }
}
