package dev.ptrace.analyze.read.tracedat;

import dev.ptrace.analyze.read.RawLines;
import dev.ptrace.analyze.read.format.EventFormat;
import dev.ptrace.analyze.read.format.FormatField;
import dev.ptrace.analyze.read.format.RawEvent;
import java.nio.ByteBuffer;

/**
 * What trace-cmd report prints where libtraceevent's plugins print an event instead of its
 * print format, so that a trace.dat gives what the text of its report gives. The scheduler
 * plugin (plugin_sched_switch.c): {@code wl:9646 [120] S ==> bash:9644 [120]} for sched_switch,
 * the state in the plugin's own letters ({@code SDTtZXxW} by bit, {@code R} for none, so a
 * preempted task prints as R), and {@code wl:9646 [120] CPU:001} for sched_wakeup and
 * sched_wakeup_new; the function plugin's kernel_stack (plugin_function.c): a line
 * {@code => function (address)} a frame, {@code => address} where no symbol holds it.
 */
final class TraceCmdText {
    private static final String STATES = "SDTtZXxW";

    private TraceCmdText() {
    }

    /** Whether trace-cmd's scheduler plugin prints events of {@code f}. */
    static boolean printsSched(EventFormat f) {
        return f.system().equals("sched") && (f.name().equals("sched_switch")
                || f.name().equals("sched_wakeup") || f.name().equals("sched_wakeup_new"));
    }

    /** Whether {@code f} is ftrace's kernel stack trace, printed as frame lines. */
    static boolean isKernelStack(EventFormat f) {
        return f.system().equals("ftrace") && f.name().equals("kernel_stack")
                && f.field("caller") != null;
    }

    /**
     * The scheduler plugin's text of {@code e}; like the plugin, it names each pid it prints
     * with the comm it prints next to it.
     */
    static String sched(EventFormat f, RawEvent e, Comms comms) {
        StringBuilder s = new StringBuilder();
        if (f.name().equals("sched_switch")) {
            if (task(f, e, "prev_pid", "prev_comm", s, comms)) {
                s.append(' ');
                Long prio = value(f, e, "prev_prio", true, s);
                if (prio != null) {
                    s.append('[').append((int) (long) prio).append("] ");
                }
                Long state = value(f, e, "prev_state", true, s);
                if (state != null) {
                    state(s, (int) (long) state);
                }
                s.append(" ==> ");
                if (task(f, e, "next_pid", "next_comm", s, comms)) {
                    prio = value(f, e, "next_prio", true, s);
                    if (prio != null) {
                        s.append(" [").append((int) (long) prio).append(']');
                    }
                }
            }
            return s.toString();
        }
        if (task(f, e, "pid", "comm", s, comms)) {
            Long prio = value(f, e, "prio", true, s);
            if (prio != null) {
                s.append(" [").append(prio).append(']');
            }
            Long success = value(f, e, "success", false, s);
            if (success != null) {
                s.append(" success=").append(success);
            }
            Long cpu = value(f, e, "target_cpu", true, s);
            if (cpu != null) {
                String digits = Long.toUnsignedString(cpu);
                s.append(" CPU:").append("0".repeat(Math.max(0, 3 - digits.length())))
                        .append(digits);
            }
        }
        return s.toString();
    }

    /** {@code comm:pid}, or {@code !} when there is no pid (false: the plugin stops there). */
    private static boolean task(EventFormat f, RawEvent e, String pidField, String commField,
                                StringBuilder s, Comms comms) {
        Long pid = value(f, e, pidField, true, s);
        if (pid == null) {
            s.append('!');
            return false;
        }
        FormatField comm = f.field(commField);
        if (comm != null) {
            String name = e.text(comm);
            s.append(name).append(':');
            comms.save((int) (long) pid, name);
        }
        s.append(pid);
        return true;
    }

    /**
     * A field's value as libtraceevent's tep_get_field_val reads it (unsigned, whatever the
     * field's sign), or null: then, when {@code err}, what the plugin prints instead.
     */
    private static Long value(EventFormat f, RawEvent e, String name, boolean err,
                              StringBuilder s) {
        FormatField field = f.field(name);
        if (field == null || field.name().startsWith("common_")) {
            if (err) {
                s.append("<CANT FIND FIELD ").append(name).append('>');
            }
            return null;
        }
        int size = field.size();
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            if (err) {
                s.append(' ').append(name).append("=INVALID");
            }
            return null;
        }
        long v = e.integer(field);
        return size == 8 ? v : v & ((1L << (size * 8)) - 1);
    }

    /** The plugin's letters for a state: one per bit of {@code SDTtZXxW}, R for none. */
    private static void state(StringBuilder s, int value) {
        int before = s.length();
        for (int bit = 0; bit < STATES.length(); bit++) {
            if ((value & (1 << bit)) != 0) {
                s.append(s.length() == before ? "" : "|").append(STATES.charAt(bit));
            }
        }
        if (s.length() == before) {
            s.append('R');
        }
    }

    /**
     * The frame lines of a kernel_stack record, as the function plugin prints them: each
     * address of {@code caller} up to the record's end or the first -1.
     *
     * @param longSize bytes of the traced kernel's long
     */
    static void stackLines(EventFormat f, RawEvent e, int longSize, KernelFunctions functions,
                           RawLines into) {
        ByteBuffer data = e.data();
        for (int at = f.field("caller").offset(); at + longSize <= e.size(); at += longSize) {
            int p = e.offset() + at;
            long address = longSize == 8 ? data.getLong(p) : data.getInt(p) & 0xffffffffL;
            if ((longSize == 8 && address == -1L) || (int) address == -1) {
                break;
            }
            String function = functions.function(address);
            String hex = Long.toHexString(address);
            into.addText(function == null ? "=> " + hex : "=> " + function + " (" + hex + ")");
        }
    }
}
