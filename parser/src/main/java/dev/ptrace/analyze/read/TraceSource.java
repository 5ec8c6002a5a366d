package dev.ptrace.analyze.read;

import java.io.Closeable;

/** An input as opened: the lines of a text trace, or a binary capture. */
public sealed interface TraceSource extends Closeable permits LineSource, BinaryInput {
    String name();
}
