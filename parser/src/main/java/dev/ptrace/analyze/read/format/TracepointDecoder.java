package dev.ptrace.analyze.read.format;

import dev.ptrace.analyze.event.EventHeader;
import dev.ptrace.analyze.event.LockContention;
import dev.ptrace.analyze.event.MmapLockEvent;
import dev.ptrace.analyze.event.SchedSwitch;
import dev.ptrace.analyze.event.SchedWakeup;
import dev.ptrace.analyze.event.SyscallEvent;
import dev.ptrace.analyze.event.TraceEvent;
import dev.ptrace.analyze.read.tracepoint.PayloadException;
import dev.ptrace.analyze.read.tracepoint.TracepointParsers;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a binary tracepoint record into the same event its text would give: the tracepoints
 * with a typed table are read field by field (the fields their print formats print), every
 * other one is rendered by its print format and kept as text with its {@code key=value}
 * pairs, exactly as the text readers keep it. Where a typed tracepoint lacks a field this
 * reads (another kernel's layout), its rendered text goes through the text parser instead,
 * so both ways always agree.
 */
public final class TracepointDecoder {
    /** How one format's records become events, worked out once per format. */
    private interface Binding {
        TraceEvent decode(EventHeader h, RawEvent e);
    }

    private final KernelSymbolNames symbols;
    private final Map<EventFormat, Binding> bindings = new java.util.IdentityHashMap<>();

    public TracepointDecoder(KernelSymbolNames symbols) {
        this.symbols = symbols;
    }

    /**
     * The event of record {@code e} of format {@code f}.
     *
     * @throws PayloadException when the record does not fit its typed tracepoint's shape
     */
    public TraceEvent decode(EventHeader h, EventFormat f, RawEvent e) {
        return bindings.computeIfAbsent(f, this::bind).decode(h, e);
    }

    /** The record as its print format prints it (the text a perf script line carries). */
    public String render(EventFormat f, RawEvent e) {
        if (f.print() == null) {
            return fieldsText(f, e);
        }
        return f.print().render(e, symbols);
    }

    private Binding bind(EventFormat f) {
        Map<String, FormatField> fields = f.fieldsByName();
        String name = f.name();
        Binding typed = switch (name) {
            case "sched_switch" -> schedSwitch(f, fields);
            case "sched_waking", "sched_wakeup", "sched_wakeup_new" -> schedWakeup(fields);
            case "contention_begin", "contention_end" -> lockContention(name, fields);
            case "mmap_lock_start_locking", "mmap_lock_acquire_returned",
                 "mmap_lock_released" -> mmapLock(name, fields);
            default -> name.startsWith("sys_enter_") || name.startsWith("sys_exit_")
                    ? syscall(name, f) : null;
        };
        if (typed != null) {
            return typed;
        }
        // a tracepoint the tool types, in a layout it does not know, or any other event
        return (h, e) -> TracepointParsers.parse(h, name, render(f, e));
    }

    private Binding schedSwitch(EventFormat f, Map<String, FormatField> x) {
        FormatField prevComm = x.get("prev_comm");
        FormatField prevPid = x.get("prev_pid");
        FormatField prevPrio = x.get("prev_prio");
        FormatField prevState = x.get("prev_state");
        FormatField nextComm = x.get("next_comm");
        FormatField nextPid = x.get("next_pid");
        FormatField nextPrio = x.get("next_prio");
        if (anyNull(prevComm, prevPid, prevPrio, prevState, nextComm, nextPid, nextPrio)
                || f.print() == null) {
            return null;
        }
        // the state's letters depend on the kernel's print format: rendered once per value
        Map<Long, String> states = new HashMap<>();
        return (h, e) -> {
            long state = e.integer(prevState);
            String letters = states.get(state);
            if (letters == null) {
                SchedSwitch rendered = (SchedSwitch) TracepointParsers.parse(h, "sched_switch",
                        render(f, e));
                letters = rendered.prevState();
                states.put(state, letters);
            }
            return new SchedSwitch(h, e.text(prevComm).strip(), (int) e.integer(prevPid),
                    (int) e.integer(prevPrio), letters, e.text(nextComm).strip(),
                    (int) e.integer(nextPid), (int) e.integer(nextPrio));
        };
    }

    private static Binding schedWakeup(Map<String, FormatField> x) {
        FormatField comm = x.get("comm");
        FormatField pid = x.get("pid");
        FormatField prio = x.get("prio");
        FormatField cpu = x.get("target_cpu");
        if (anyNull(comm, pid, prio, cpu)) {
            return null;
        }
        // the text parsers read a comm as a key's value, without blanks around it
        return (h, e) -> new SchedWakeup(h, e.text(comm).strip(), (int) e.integer(pid),
                (int) e.integer(prio), (int) e.integer(cpu));
    }

    private static Binding lockContention(String name, Map<String, FormatField> x) {
        FormatField lock = x.get("lock_addr");
        if (lock == null) {
            return null;
        }
        if (name.equals("contention_begin")) {
            FormatField flags = x.get("flags");
            return flags == null ? null : (h, e) -> new LockContention(h, true,
                    pointer(e.integer(lock)), (int) e.integer(flags), null);
        }
        FormatField ret = x.get("ret");
        return ret == null ? null : (h, e) -> new LockContention(h, false,
                pointer(e.integer(lock)), null, (int) e.integer(ret));
    }

    private static Binding mmapLock(String name, Map<String, FormatField> x) {
        FormatField mm = x.get("mm");
        FormatField memcg = x.get("memcg_id");
        FormatField write = x.get("write");
        FormatField success = x.get("success");
        if (mm == null || write == null || (name.endsWith("acquire_returned")
                && success == null)) {
            return null;
        }
        String phase = name.substring("mmap_lock_".length());
        return (h, e) -> new MmapLockEvent(h, phase, pointer(e.integer(mm)),
                memcg == null ? null : e.integer(memcg), e.integer(write) != 0,
                success == null ? null : e.integer(success) != 0);
    }

    private static Binding syscall(String name, EventFormat f) {
        boolean enter = name.startsWith("sys_enter_");
        String call = name.substring(enter ? "sys_enter_".length() : "sys_exit_".length());
        List<FormatField> args = f.ownFields().stream()
                .filter(a -> !a.name().equals("__syscall_nr")).toList();
        if (args.stream().anyMatch(FormatField::isArray)) {
            return null;
        }
        if (enter) {
            return (h, e) -> {
                Map<String, Long> values = new LinkedHashMap<>();
                for (FormatField a : args) {
                    values.put(a.name(), e.integer(a));
                }
                return new SyscallEvent(h, true, call, values, null);
            };
        }
        FormatField ret = f.field("ret");
        return ret == null ? null : (h, e) -> new SyscallEvent(h, false, call,
                Collections.emptyMap(), e.integer(ret));
    }

    /** A pointer as {@code %p} prints it (glibc's spelling). */
    static String pointer(long value) {
        return value == 0 ? "(nil)" : "0x" + Long.toHexString(value);
    }

    /** The fields as {@code name=value} when the print format cannot be used. */
    private static String fieldsText(EventFormat f, RawEvent e) {
        StringBuilder s = new StringBuilder();
        for (FormatField field : f.ownFields()) {
            s.append(s.length() == 0 ? "" : " ").append(field.name()).append('=');
            if (field.isText()) {
                s.append(e.text(field));
            } else if (field.isArray()) {
                s.append("ARRAY[").append(e.bytes(field).length).append(" bytes]");
            } else {
                s.append(e.integer(field));
            }
        }
        return s.toString();
    }

    private static boolean anyNull(Object... values) {
        for (Object v : values) {
            if (v == null) {
                return true;
            }
        }
        return false;
    }
}
