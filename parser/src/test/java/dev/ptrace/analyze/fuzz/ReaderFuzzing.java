package dev.ptrace.analyze.fuzz;

import dev.ptrace.analyze.event.EventSink;
import dev.ptrace.analyze.event.EventHeader;
import dev.ptrace.analyze.event.Frame;
import dev.ptrace.analyze.event.SinkItem;
import dev.ptrace.analyze.event.TraceEvent;
import dev.ptrace.analyze.read.BinaryFormat;
import dev.ptrace.analyze.read.BinaryInput;
import dev.ptrace.analyze.read.InputException;
import dev.ptrace.analyze.read.LineSource;
import dev.ptrace.analyze.read.ProblemLog;
import dev.ptrace.analyze.read.TraceFormat;
import dev.ptrace.analyze.read.TraceInput;
import dev.ptrace.analyze.read.symbols.SymbolSources;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * Coverage-guided fuzzing (Jazzer) of each reader and of the way in (gzip, lines, format
 * detection): the targets are the subclasses, one each, since Jazzer fuzzes one target per JVM
 * and the build fuzzes two at a time (parser/pom.xml). Whatever the bytes, a read ends normally
 * or with an {@link InputException} that names the input; anything else (a runtime exception,
 * a hang, running out of memory) is a finding. Seeds are cuts of the real traces in
 * testdata/, in CLASSInputs/TARGET/ beside the targets; the build runs them (and every
 * finding kept there) as regression tests, and fuzzes each target for a few seconds
 * (scripts/fuzz.sh runs them longer).
 */
abstract class ReaderFuzzing {
    static final String NAME = "fuzz.txt";

    static void readBinary(byte[] input, BinaryFormat format) {
        if (BinaryFormat.detect(ByteBuffer.wrap(input)) != format) {
            return;
        }
        for (boolean strict : new boolean[] {false, true}) {
            BytesChannel ch = new BytesChannel(input);
            BinaryInput in = new BinaryInput(NAME, format, ByteBuffer.wrap(input), ch, ch, null);
            try {
                format.newReader(SymbolSources.LOCAL.withBuildIdDir(null))
                        .read(in, new BinarySink(), ProblemLog.forBinary(NAME, strict));
            } catch (InputException e) {
                checkNamed(e);
            }
        }
    }

    /** What the binary readers promise about what they hand on. */
    private static final class BinarySink extends StacksAndMetadataChecked {
        @Override
        public void item(SinkItem item) {
            if (item instanceof TraceEvent e && (e.header().event() == null
                    || e.header().comm() == null || e.header().line() < 0)) {
                throw new AssertionError("event header out of bounds: " + e.header());
            }
        }
    }

    /** The way every input comes in: gzip or not, binary or text, which format, then its reader. */
    static void readDetected(byte[] input) {
        try (LineSource in = TraceInput.open(NAME, new ByteArrayInputStream(input))) {
            TraceFormat format = TraceFormat.detect(NAME, in.peek(TraceFormat.SNIFF_LINES));
            readAll(in, format, false);
        } catch (InputException e) {
            checkNamed(e);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Lenient then strict: the strict read may only stop with an input error. */
    static void read(byte[] input, TraceFormat format) {
        for (boolean strict : new boolean[] {false, true}) {
            try (LineSource in = TraceInput.open(NAME, new ByteArrayInputStream(input))) {
                readAll(in, format, strict);
            } catch (InputException e) {
                checkNamed(e);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static void readAll(LineSource in, TraceFormat format, boolean strict) {
        ProblemLog problems = new ProblemLog(NAME, strict, format);
        in.reportTo(problems);
        format.newReader().read(in, new CheckingSink(in), problems);
        if (in.advance()) {
            throw new AssertionError("the reader stopped before the end of the input");
        }
    }

    private static void checkNamed(InputException e) {
        if (!e.where().startsWith(NAME + ":")) {
            throw new AssertionError("an input error that does not name the input: " + e.where());
        }
    }

    /** What every reader promises about what it hands on. */
    private static final class CheckingSink extends StacksAndMetadataChecked {
        private final LineSource in;

        CheckingSink(LineSource in) {
            this.in = in;
        }

        @Override
        public void item(SinkItem item) {
            if (item instanceof TraceEvent e) {
                EventHeader h = e.header();
                // comm may be null: perf script -F without comm prints none
                if (h.line() < 1 || h.line() > in.lineNumber() || h.event() == null) {
                    throw new AssertionError("event header out of bounds: " + h);
                }
            }
        }
    }

    /** What every reader promises about the stacks and metadata it hands on. */
    private abstract static class StacksAndMetadataChecked implements EventSink {
        @Override
        public void stack(long stackId, List<Frame> frames) {
            if (frames.isEmpty() || frames.stream().anyMatch(Objects::isNull)) {
                throw new AssertionError("stack " + stackId + " without frames: " + frames);
            }
        }

        @Override
        public void metadata(String key, String value) {
            if (key == null || value == null) {
                throw new AssertionError("metadata " + key + "=" + value);
            }
        }
    }
}
