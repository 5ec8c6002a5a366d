package dev.ptrace.analyze.read.tracedat;

import dev.ptrace.analyze.read.TraceFacts;
import dev.ptrace.analyze.read.format.TracingData;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A version 6 trace.dat (Documentation/trace-cmd/trace-cmd.dat.v6.5.txt): the tracing data
 * with the saved command lines, the CPU count, {@code options  } and its options,
 * {@code flyrecord} and each CPU's offset and size.
 */
final class V6Layout {
    private V6Layout() {
    }

    static TraceDatLayout read(FileBytes file) throws IOException {
        ByteBuffer in = file.whole();
        TracingData data = TracingData.read(in, true);
        TraceDatOptions options = new TraceDatOptions(6);
        try {
            int cpus = in.getInt();
            String kind = word(in);
            if (kind.equals("options  ")) {
                options.read(in, 0);
                kind = word(in);
            }
            if (kind.equals("latency  ")) {
                throw new TraceDatException(in.position() - 10, "a flyrecord trace (the ring "
                        + "buffer's events), found a latency trace (text: read it with "
                        + "trace-cmd report)");
            }
            if (!kind.equals("flyrecord")) {
                throw new TraceDatException(in.position() - 10, "'flyrecord' after the "
                        + "options, found '" + kind + "'");
            }
            if (cpus < 0 || (long) cpus * 16 > in.remaining()) {
                throw new TraceDatException(in.position(), "the offsets of " + cpus
                        + " CPUs' data, found the file ending first");
            }
            List<TraceDatLayout.CpuData> list = new ArrayList<>();
            for (int cpu = 0; cpu < cpus; cpu++) {
                list.add(new TraceDatLayout.CpuData(cpu, in.getLong(), in.getLong()));
            }
            Map<String, String> facts = options.facts();
            facts.putIfAbsent(TraceFacts.NRCPUS, Integer.toString(cpus));
            return new TraceDatLayout(data, data.pageSize(), list, null, options.timeOffset,
                    facts);
        } catch (BufferUnderflowException e) {
            throw new TraceDatException(in.position(), "the CPU count, options and flyrecord "
                    + "offsets after the tracing data, found the file ending first");
        }
    }

    /** One of the ten-byte words {@code options  }, {@code latency  }, {@code flyrecord}. */
    private static String word(ByteBuffer in) {
        byte[] b = new byte[10];
        in.get(b);
        int end = b[9] == 0 ? 9 : 10;
        return new String(b, 0, end, StandardCharsets.ISO_8859_1);
    }
}
