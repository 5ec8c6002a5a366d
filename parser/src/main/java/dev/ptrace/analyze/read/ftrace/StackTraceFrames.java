package dev.ptrace.analyze.read.ftrace;

import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.read.RawLines;
import dev.ptrace.analyze.read.StackInterner;
import java.util.ArrayList;
import java.util.List;

/**
 * The frames of a stack trace block's lines ({@code  => function} each, a
 * {@code <user stack trace>} line before the user part), the tracing machinery's own frames
 * on top left out: what tracefs text and trace-cmd report print, and what the trace.dat reader
 * prints the way trace-cmd does so that both give the same stacks.
 */
public final class StackTraceFrames {
    static final String USER_MARK = "<user stack trace>";

    /** Told of a line that is not a frame: its index in the block and its text. */
    @FunctionalInterface
    public interface MalformedLine {
        void at(int index, String line);
    }

    private StackTraceFrames() {
    }

    public static StackInterner.Parsed parse(RawLines lines, MalformedLine malformed) {
        List<Frame> frames = new ArrayList<>(lines.lineCount());
        int bad = 0;
        boolean user = false;
        for (int i = 0; i < lines.lineCount(); i++) {
            String line = lines.line(i);
            if (line.equals(USER_MARK)) {
                user = true;
                continue;
            }
            Frame f = FtraceStackLine.parse(line, user);
            if (f == null) {
                bad++;
                malformed.at(i, line);
            } else {
                frames.add(f);
            }
        }
        return new StackInterner.Parsed(frames.subList(TracingGlue.leading(frames),
                frames.size()), bad);
    }
}
