package dev.ptrace.analyze.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Every table the ingest writes: the public interface of the tool, documented in
 * docs/schema.md (generated from these definitions, checked by a test). Names are stable.
 */
public final class Tables {
    private Tables() {
    }

    /** Columns every event table starts with, in this order. */
    public static final List<Column> EVENT_COLUMNS = List.of(
            new Column("trace_id", "INTEGER", "Trace the event belongs to (traces.trace_id)."),
            new Column("seq", "BIGINT", "Position of the event in its input, from 0: the order "
                    + "the capture tool printed, which is time order with ties kept."),
            new Column("line", "BIGINT", "Line number of the event's first line in its input."),
            new Column("ts", "BIGINT", "Timestamp in nanoseconds on the capture's clock "
                    + "(precision: traces.ts_precision_ns)."),
            new Column("cpu", "INTEGER", "CPU the event happened on; NULL when the input does "
                    + "not show it."),
            new Column("pid", "INTEGER", "Process (thread group) id; NULL when the input does not "
                    + "show it (perf script shows only the thread id unless run with -F+pid)."),
            new Column("tid", "INTEGER", "Thread id of the thread the event happened in."),
            new Column("comm", "VARCHAR", "Thread name as the input shows it."),
            new Column("event", "VARCHAR", "Event name as the input spells it, e.g. "
                    + "sched:sched_switch or cpu-clock:ppp."),
            new Column("stack_id", "BIGINT", "Call stack of the event (stack_frames.stack_id); "
                    + "NULL when the event has none."));

    public static final TableDef TRACES = new TableDef("traces",
            "One row per ingested trace: where it came from and what was in it.",
            List.of(
                    new Column("trace_id", "INTEGER", "Id of the trace in this database, from 1, "
                            + "in ingest order."),
                    new Column("source", "VARCHAR", "The input as given: a file name, or - for "
                            + "standard input."),
                    new Column("format", "VARCHAR", "Input format, e.g. 'perf script'."),
                    new Column("ingested_at", "TIMESTAMP", "When the trace was ingested (UTC)."),
                    new Column("tool_version", "VARCHAR", "ptrace-analyze version that ingested "
                            + "it."),
                    new Column("os_release", "VARCHAR", "Kernel release of the traced machine, "
                            + "when the input says (perf script --header); else NULL."),
                    new Column("hostname", "VARCHAR", "Host name of the traced machine, when the "
                            + "input says."),
                    new Column("nrcpus", "INTEGER", "CPUs online on the traced machine, when the "
                            + "input says."),
                    new Column("cmdline", "VARCHAR", "Command line that recorded the trace, when "
                            + "the input says."),
                    new Column("first_ts", "BIGINT", "Timestamp of the earliest event (ns)."),
                    new Column("last_ts", "BIGINT", "Timestamp of the latest event (ns)."),
                    new Column("ts_precision_ns", "BIGINT", "Resolution of the input's "
                            + "timestamps: 1000 when it prints microseconds, 1 for nanoseconds."),
                    new Column("lines", "BIGINT", "Lines read from the input."),
                    new Column("events", "BIGINT", "Events stored, all tables together."),
                    new Column("stacks", "BIGINT", "Distinct call stacks stored."),
                    new Column("skipped_lines", "BIGINT", "Input lines skipped as malformed "
                            + "(reasons in stats, examples in ingest_problems)."),
                    new Column("lost_events", "BIGINT", "Events the capture tool says it lost "
                            + "(ftrace: entries-written minus entries-in-buffer, and LOST "
                            + "lines; bpftrace: Lost N events); NULL when the input does not "
                            + "say.")));

    public static final TableDef TRACE_METADATA = new TableDef("trace_metadata",
            "Every key/value fact the input states about itself, e.g. perf's '# os release : "
                    + "6.18.44' header lines.",
            List.of(
                    new Column("trace_id", "INTEGER", "Trace (traces.trace_id)."),
                    new Column("key", "VARCHAR", "Name of the fact as the input spells it."),
                    new Column("value", "VARCHAR", "Its value, verbatim.")));

    public static final TableDef STATS = new TableDef("stats",
            "Named counters of each ingest: what was read, skipped or lost, so nothing is "
                    + "dropped silently. Names and meanings are listed in docs/schema.md.",
            List.of(
                    new Column("trace_id", "INTEGER", "Trace (traces.trace_id)."),
                    new Column("name", "VARCHAR", "Counter name, e.g. skipped.malformed_event_line."),
                    new Column("value", "BIGINT", "Its value."),
                    new Column("description", "VARCHAR", "What it counts.")));

    public static final TableDef INGEST_PROBLEMS = new TableDef("ingest_problems",
            "The first skipped lines of each ingest (up to 100), with what was expected.",
            List.of(
                    new Column("trace_id", "INTEGER", "Trace (traces.trace_id)."),
                    new Column("line", "BIGINT", "Line number in the input."),
                    new Column("reason", "VARCHAR", "Kind of problem (the stats counter it adds "
                            + "to, without the 'skipped.' prefix)."),
                    new Column("message", "VARCHAR", "What was expected."),
                    new Column("text", "VARCHAR", "The line, shortened to 200 characters.")));

    public static final TableDef STACK_FRAMES = new TableDef("stack_frames",
            "Call stacks, deduplicated per trace: one row per frame, leaf first. perf "
                    + "callchains go here; events point at them by stack_id.",
            List.of(
                    new Column("trace_id", "INTEGER", "Trace (traces.trace_id)."),
                    new Column("stack_id", "BIGINT", "Id of the stack within its trace."),
                    new Column("depth", "INTEGER", "Position in the stack: 0 is the leaf (where "
                            + "the event happened), higher numbers are callers."),
                    new Column("ip", "VARCHAR", "Instruction address as printed (hex, no 0x; "
                            + "perf prints user-space addresses relative to their module)."),
                    new Column("symbol", "VARCHAR", "Function name; NULL when the input says "
                            + "[unknown]."),
                    new Column("symbol_offset", "BIGINT", "Offset of ip into the function (the +0x.. "
                            + "part); 0 when none is printed."),
                    new Column("module", "VARCHAR", "Binary of the frame: [kernel.kallsyms], a "
                            + "library or program path; NULL when [unknown].")));

    public static final TableDef SCHED_SWITCH = eventTable("sched_switch",
            "sched:sched_switch: a CPU switches from prev to next. The common columns describe "
                    + "the thread that was running (prev).",
            new Column("prev_comm", "VARCHAR", "Name of the thread leaving the CPU."),
            new Column("prev_pid", "INTEGER", "Its thread id (the kernel calls it pid)."),
            new Column("prev_prio", "INTEGER", "Its priority: 0-99 real-time, 100-139 normal "
                    + "(120 is nice 0, 139 is nice 19); lower is more important."),
            new Column("prev_state", "VARCHAR", "State it leaves in: R (preempted, still "
                    + "runnable; R+ when preempted in the kernel), S (sleeping), D "
                    + "(uninterruptible, e.g. waiting for a lock or I/O), and others."),
            new Column("next_comm", "VARCHAR", "Name of the thread getting the CPU."),
            new Column("next_pid", "INTEGER", "Its thread id."),
            new Column("next_prio", "INTEGER", "Its priority."));

    public static final TableDef SCHED_WAKEUP = eventTable("sched_wakeup",
            "sched:sched_waking, sched_wakeup and sched_wakeup_new (told apart by event): the "
                    + "thread in the common columns wakes the target thread.",
            new Column("target_comm", "VARCHAR", "Name of the woken thread."),
            new Column("target_tid", "INTEGER", "Its thread id."),
            new Column("target_prio", "INTEGER", "Its priority."),
            new Column("target_cpu", "INTEGER", "CPU it is to run on."));

    public static final TableDef LOCK_CONTENTION = eventTable("lock_contention",
            "lock:contention_begin and lock:contention_end: a thread starts and stops waiting "
                    + "for a kernel lock.",
            new Column("phase", "VARCHAR", "'begin' or 'end'."),
            new Column("lock_addr", "VARCHAR", "Lock address exactly as printed: raw in perf "
                    + "(0xffff888100069ff8), hashed in ftrace text (00000000bbf0df3b). Compare "
                    + "only within one trace."),
            new Column("flags", "INTEGER", "begin: the LCB_F_* bits (SPIN=1, READ=2, WRITE=4, "
                    + "RT=8, PERCPU=16, MUTEX=32); NULL on end."),
            new Column("flag_names", "VARCHAR", "begin: the flags as the kernel prints them, "
                    + "e.g. SPIN|READ; NULL on end."),
            new Column("ret", "INTEGER", "end: 0 when the lock was taken, a negative errno when "
                    + "the wait was given up (e.g. -4 EINTR); NULL on begin."));

    public static final TableDef MMAP_LOCK = eventTable("mmap_lock",
            "mmap_lock:mmap_lock_start_locking, _acquire_returned and _released: a process's "
                    + "mmap_lock (the rwsem guarding its address space) taken and released.",
            new Column("phase", "VARCHAR", "'start_locking', 'acquire_returned' or 'released'."),
            new Column("mm", "VARCHAR", "Address of the process's mm_struct as printed (not "
                    + "the lock's address, which lock_contention shows)."),
            new Column("memcg_id", "BIGINT", "Memory cgroup id, when printed."),
            new Column("write", "BOOLEAN", "True for the write (exclusive) side."),
            new Column("success", "BOOLEAN", "acquire_returned: whether the lock was taken "
                    + "(false for a failed trylock or a killed wait); NULL for other phases."));

    public static final TableDef SYSCALLS = eventTable("syscalls",
            "syscalls:sys_enter_* and sys_exit_*: system call entries with their arguments and "
                    + "exits with their return value.",
            new Column("phase", "VARCHAR", "'enter' or 'exit'."),
            new Column("name", "VARCHAR", "System call name, e.g. madvise."),
            new Column("args", "MAP(VARCHAR, BIGINT)", "enter: argument name to value as the "
                    + "tracepoint names them, e.g. args['len']; empty on exit."),
            new Column("ret", "BIGINT", "exit: return value (negative errno on failure); NULL "
                    + "on enter."));

    public static final TableDef SAMPLES = eventTable("samples",
            "Sampled events such as cpu-clock or cycles: the thread was on CPU at ts, in the "
                    + "event's stack.",
            new Column("period", "BIGINT", "Sample period: what the sample stands for, e.g. "
                    + "nanoseconds of cpu-clock or a count of cycles."));

    public static final TableDef OTHER_EVENTS = eventTable("other_events",
            "Every event without a table of its own, kept with its payload.",
            new Column("payload", "VARCHAR", "The event's text after its name, verbatim."),
            new Column("args", "MAP(VARCHAR, VARCHAR)", "The payload's key=value pairs, e.g. "
                    + "args['prev_pid']."));

    /** Event tables, in the order of the events view. */
    public static final List<TableDef> EVENT_TABLES = List.of(SCHED_SWITCH, SCHED_WAKEUP,
            LOCK_CONTENTION, MMAP_LOCK, SYSCALLS, SAMPLES, OTHER_EVENTS);

    public static final TableDef THREADS = new TableDef("threads",
            "One row per thread seen in a trace, derived at ingest from every event.",
            List.of(
                    new Column("trace_id", "INTEGER", "Trace (traces.trace_id)."),
                    new Column("tid", "INTEGER", "Thread id."),
                    new Column("pid", "INTEGER", "Process id: as the trace shows it, or "
                            + "inferred (see pid_source); NULL when unknown."),
                    new Column("pid_source", "VARCHAR", "'trace' when an event shows the "
                            + "process id; 'mm' when inferred: threads taking the mmap_lock of "
                            + "one mm are one process, its lowest thread id standing for the "
                            + "process id; NULL when unknown."),
                    new Column("comm", "VARCHAR", "Thread name, the latest the trace shows."),
                    new Column("first_ts", "BIGINT", "First event of the thread (ns)."),
                    new Column("last_ts", "BIGINT", "Last event of the thread (ns)."),
                    new Column("events", "BIGINT", "Events of the thread.")));

    public static final TableDef SCHEMA_INFO = new TableDef("schema_info",
            "Facts about the database itself; key 'schema_version' is the version of these "
                    + "tables (see docs/schema.md).",
            List.of(
                    new Column("key", "VARCHAR", "Name of the fact."),
                    new Column("value", "VARCHAR", "Its value.")));

    public static final TableDef BPFTRACE_MAPS = new TableDef("bpftrace_maps",
            "Entries of the maps bpftrace prints at exit (@name, @name[key]), one row each; "
                    + "histograms are in bpftrace_histograms.",
            List.of(
                    new Column("trace_id", "INTEGER", "Trace (traces.trace_id)."),
                    new Column("line", "BIGINT", "Line of the entry in the input."),
                    new Column("map", "VARCHAR", "Map name with its @, e.g. @by_stack."),
                    new Column("key", "VARCHAR", "Key as printed (a composite key as '1, x'); "
                            + "NULL for a map without key or with a stack key."),
                    new Column("stack_id", "BIGINT", "For a kstack/ustack key: the stack "
                            + "(stack_frames.stack_id); else NULL."),
                    new Column("value", "BIGINT", "The value (count, sum, min, max, avg, or an "
                            + "integer); NULL for stats and text values."),
                    new Column("text", "VARCHAR", "A value that is not a number, else NULL."),
                    new Column("count", "BIGINT", "stats(): count; else NULL."),
                    new Column("average", "BIGINT", "stats(): average; else NULL."),
                    new Column("total", "BIGINT", "stats(): total; else NULL.")));

    public static final TableDef BPFTRACE_HISTOGRAMS = new TableDef("bpftrace_histograms",
            "Buckets of bpftrace hist() and lhist() maps, one row per bucket as printed.",
            List.of(
                    new Column("trace_id", "INTEGER", "Trace (traces.trace_id)."),
                    new Column("line", "BIGINT", "Line of the bucket in the input."),
                    new Column("map", "VARCHAR", "Map name with its @."),
                    new Column("key", "VARCHAR", "Map key as printed, NULL for none."),
                    new Column("stack_id", "BIGINT", "For a stack key: the stack; else NULL."),
                    new Column("low", "BIGINT", "Inclusive lower bound (K, M, G are powers of "
                            + "1024 as bpftrace prints them); NULL for '(..., x)'."),
                    new Column("high", "BIGINT", "Exclusive upper bound; NULL for '[x, ...)'."),
                    new Column("count", "BIGINT", "Values in the bucket.")));

    public static final TableDef TEXT_LINES = new TableDef("text_lines",
            "Lines of a trace that are neither events nor map output: the capture tool's "
                    + "messages and printed text of no known shape, kept with their line.",
            List.of(
                    new Column("trace_id", "INTEGER", "Trace (traces.trace_id)."),
                    new Column("line", "BIGINT", "Line number in the input."),
                    new Column("kind", "VARCHAR", "'noise' (Attaching N probes...), 'error' "
                            + "(ERROR: ...), 'warning' (WARNING: ...) or 'output' (anything "
                            + "else: user printf, the traced program's own output)."),
                    new Column("text", "VARCHAR", "The line.")));

    public static final TableDef LOCKS = new TableDef("locks",
            "Derived (analysis): one row per lock instance of a trace, from its contention and "
                    + "mmap_lock events.",
            List.of(
                    new Column("trace_id", "INTEGER", "Trace (traces.trace_id)."),
                    new Column("lock_id", "BIGINT", "Id of the lock within its trace, from 1."),
                    new Column("lock_addr", "VARCHAR", "Address as lock_contention prints it; "
                            + "NULL for an mmap_lock seen only in mmap_lock events."),
                    new Column("mm", "VARCHAR", "For a process's mmap_lock: the mm as mmap_lock "
                            + "events print it (linked to lock_addr by a contention that begins "
                            + "between a thread's mmap_lock_start_locking and its "
                            + "acquire_returned); else NULL."),
                    new Column("kind", "VARCHAR", "spinlock, rwlock, rwsem, mutex, rtmutex, "
                            + "percpu-rwsem, semaphore, per-vma (lock-types.tsv, lock-names.tsv),"
                            + " or unknown."),
                    new Column("name", "VARCHAR", "What the lock is: 'mmap_lock' for an mm's "
                            + "lock, else named from the waiters' callers (lock-names.tsv, e.g. "
                            + "'lruvec lock'); NULL when nothing names it."),
                    new Column("name_source", "VARCHAR", "How the name was found: 'mmap_lock "
                            + "events', 'kallsyms' (the symbol at or just before the address, "
                            + "from --kallsyms FILE), 'caller FUNCTION', or NULL."),
                    new Column("pid", "INTEGER", "For an mmap_lock: the process it belongs to "
                            + "(threads.pid of its users); else NULL."),
                    new Column("waits", "BIGINT", "Waits on the lock (rows of waits)."),
                    new Column("wait_ns", "BIGINT", "Their total duration.")));

    public static final TableDef WAITS = new TableDef("waits",
            "Derived (analysis): one row per lock wait, from contention_begin to contention_end "
                    + "of a thread on one lock.",
            List.of(
                    new Column("trace_id", "INTEGER", "Trace (traces.trace_id)."),
                    new Column("wait_id", "BIGINT", "Id of the wait within its trace, in order "
                            + "of begin."),
                    new Column("tid", "INTEGER", "Waiting thread."),
                    new Column("comm", "VARCHAR", "Its name at the begin."),
                    new Column("lock_id", "BIGINT", "The lock (locks.lock_id)."),
                    new Column("lock_type", "VARCHAR", "perf's type name from the flags, e.g. "
                            + "rwsem:W, spinlock."),
                    new Column("mode", "VARCHAR", "'read' or 'write' for reader-writer locks, "
                            + "'exclusive' for the others."),
                    new Column("flags", "INTEGER", "LCB_F_* bits of the begin, or-ed over "
                            + "repeated begins (a mutex spins, then sleeps: SPIN|MUTEX, then "
                            + "MUTEX)."),
                    new Column("begin_ts", "BIGINT", "First contention_begin (ns); the trace's "
                            + "first_ts when cut_start."),
                    new Column("end_ts", "BIGINT", "contention_end (ns); the trace's last_ts "
                            + "when cut_end."),
                    new Column("duration_ns", "BIGINT", "end_ts - begin_ts."),
                    new Column("acquired", "BOOLEAN", "True when the end says the lock was taken "
                            + "(ret = 0); false when the wait was given up; NULL when cut_end."),
                    new Column("ret", "INTEGER", "ret of the contention_end."),
                    new Column("stack_id", "BIGINT", "Call stack of the begin (stack_frames)."),
                    new Column("syscall", "VARCHAR", "System call the thread was in at the "
                            + "begin (from syscalls enter/exit), else NULL."),
                    new Column("enclosing_wait_id", "BIGINT", "The wait of the same thread "
                            + "this one began inside (a spinlock wait inside an rwsem wait); "
                            + "else NULL."),
                    new Column("cut_start", "BOOLEAN", "The trace starts inside the wait: its "
                            + "begin is missing."),
                    new Column("cut_end", "BOOLEAN", "The trace ends inside the wait: its end "
                            + "is missing.")));

    public static final TableDef THREAD_STATES = new TableDef("thread_states",
            "Derived (analysis): what each thread was doing when, from sched_switch, "
                    + "sched_waking/wakeup and the thread's own events; intervals do not overlap.",
            List.of(
                    new Column("trace_id", "INTEGER", "Trace (traces.trace_id)."),
                    new Column("tid", "INTEGER", "Thread."),
                    new Column("comm", "VARCHAR", "Its name during the interval, from any event "
                            + "naming it (its own, sched_switch prev/next, wakeup targets)."),
                    new Column("state", "VARCHAR", "'running' (on CPU), 'preempted' (switched "
                            + "out runnable, R/R+), 'runnable' (woken, waiting for a CPU), "
                            + "'sleeping' (S), 'blocked' (D, uninterruptible: a lock, I/O), "
                            + "'other' (any other state the kernel printed)."),
                    new Column("kernel_state", "VARCHAR", "prev_state as printed for an off-CPU "
                            + "interval, else NULL."),
                    new Column("begin_ts", "BIGINT", "Start (ns)."),
                    new Column("end_ts", "BIGINT", "End (ns)."),
                    new Column("duration_ns", "BIGINT", "end_ts - begin_ts."),
                    new Column("cpu", "INTEGER", "running: its CPU; preempted, sleeping, "
                            + "blocked: the CPU it left; runnable: the CPU it was woken to."),
                    new Column("prio", "INTEGER", "Its priority (0-99 real-time, 100-139 normal,"
                            + " 120 = nice 0), the latest known."),
                    new Column("begin_exact", "BOOLEAN", "True when a sched event marks the "
                            + "start; false when the thread was first seen then (its own event "
                            + "or wakeup)."),
                    new Column("end_exact", "BOOLEAN", "True when a sched event marks the end; "
                            + "false when it ends at the thread's next own event (the "
                            + "switch-in was not recorded: perf -p records sched_switch only "
                            + "in its own threads) or at the end of the trace.")));

    public static final TableDef HOLDS = new TableDef("holds",
            "Derived (analysis): who held each lock when. Exact where the trace shows taking "
                    + "and releasing (mmap_lock acquire_returned and released); elsewhere "
                    + "inferred by the lock's model: a waiter that got the lock holds it until "
                    + "another waiter takes it in a mode that excludes it.",
            List.of(
                    new Column("trace_id", "INTEGER", "Trace (traces.trace_id)."),
                    new Column("hold_id", "BIGINT", "Id of the hold within its trace, in the "
                            + "order holds begin."),
                    new Column("lock_id", "BIGINT", "The lock (locks.lock_id)."),
                    new Column("tid", "INTEGER", "Holding thread."),
                    new Column("mode", "VARCHAR", "'read', 'write' or 'exclusive'; NULL when "
                            + "the taking is before the trace."),
                    new Column("begin_ts", "BIGINT", "Taken (ns); the trace's first_ts when "
                            + "cut_start."),
                    new Column("end_ts", "BIGINT", "Let go (ns); the trace's last_ts when the "
                            + "trace ends first."),
                    new Column("duration_ns", "BIGINT", "end_ts - begin_ts."),
                    new Column("exact", "BOOLEAN", "True when events of the trace give both "
                            + "ends; false when inferred."),
                    new Column("end_evidence", "VARCHAR", "'released' (the release event), "
                            + "'downgraded' (a write hold became a read hold: "
                            + "mmap_write_downgrade, as munmap does), 'handoff' (another waiter "
                            + "took the lock), 'syscall exit', 'switched out' or 'next event' (an "
                            + "inferred hold ends at the latest when its thread returns to user "
                            + "space; a spinning lock's when its thread leaves the CPU or is "
                            + "next seen doing anything but a nested wait or a wakeup), "
                            + "'trace end'."),
                    new Column("cut_start", "BOOLEAN", "Taken before the trace began.")));

    public static final TableDef BLAME = new TableDef("blame",
            "Derived (analysis): each wait's time split among the threads it waited for, as "
                    + "the lock's model says (holders, or a writer queued ahead of a reader), and "
                    + "by what each was doing. Pieces of one wait do not overlap, except that "
                    + "several blockers at once (readers sharing a lock) each get a row with "
                    + "share > 1.",
            List.of(
                    new Column("trace_id", "INTEGER", "Trace (traces.trace_id)."),
                    new Column("wait_id", "BIGINT", "The wait (waits.wait_id)."),
                    new Column("waiter_tid", "INTEGER", "Its thread."),
                    new Column("lock_id", "BIGINT", "The lock waited for."),
                    new Column("blocker_tid", "INTEGER", "The thread waited for; NULL when the "
                            + "trace does not say (a holder that took the lock without waiting "
                            + "and without mmap_lock events)."),
                    new Column("relation", "VARCHAR", "'holder'; 'queued ahead' (a writer the "
                            + "reader must let go first, or the waiter a free lock is being "
                            + "handed to); 'handoff' (the lock is free and handed to this "
                            + "waiter: blocker_tid is the waiter itself, waiting to be woken "
                            + "and run); or 'unknown'."),
                    new Column("blocker_state", "VARCHAR", "What the blocker was doing "
                            + "(thread_states.state: running, preempted, runnable, sleeping, "
                            + "blocked), 'unknown' when not known; NULL without a blocker."),
                    new Column("blocker_wait_id", "BIGINT", "The wait the blocker was in itself "
                            + "(waits.wait_id), when it was waiting: the next link of a chain."),
                    new Column("begin_ts", "BIGINT", "Start of the piece (ns)."),
                    new Column("end_ts", "BIGINT", "End of the piece (ns)."),
                    new Column("duration_ns", "BIGINT", "end_ts - begin_ts."),
                    new Column("share", "INTEGER", "Blockers at that time: the piece's "
                            + "duration counts 1/share towards each."),
                    new Column("blamed_ns", "BIGINT", "duration_ns / share."),
                    new Column("hold_id", "BIGINT", "The blocker's hold of the lock that "
                            + "the piece began in (holds.hold_id): joins a hold to the "
                            + "waiting it caused; NULL when the blocker held none then.")));

    public static final TableDef HOLD_CAUSES = new TableDef("hold_causes",
            "Derived (analysis): what each holder spent its hold on (the cause taxonomy, "
                    + "causes.tsv), from the best evidence the trace has: the holder's on-CPU "
                    + "samples inside the hold (the hold's time split in proportion to their "
                    + "periods), else the stack of the event that began the hold and the "
                    + "syscall it was in when it took the lock, else (in a "
                    + "trace that records the mmap and munmap syscalls) what taking the lock "
                    + "outside a syscall means: mmap_lock in a page fault.",
            List.of(
                    new Column("trace_id", "INTEGER", "Trace (traces.trace_id)."),
                    new Column("hold_id", "BIGINT", "The hold (holds.hold_id)."),
                    new Column("lock_id", "BIGINT", "Its lock."),
                    new Column("tid", "INTEGER", "Its holder."),
                    new Column("cause", "VARCHAR", "zeroing, unmap, madvise, page fault, ... ; "
                            + "NULL when the evidence names none."),
                    new Column("evidence", "VARCHAR", "'samples', 'stack', 'syscall', "
                            + "'outside syscall' or 'none'."),
                    new Column("ns", "BIGINT", "Part of the hold's duration given to the "
                            + "cause."),
                    new Column("samples", "BIGINT", "Samples of the cause inside the hold (0 "
                            + "for other evidence).")));

    /** Tables the analysis module derives from the event tables after each ingest. */
    public static final List<TableDef> DERIVED_TABLES = List.of(LOCKS, WAITS, HOLDS,
            THREAD_STATES, BLAME, HOLD_CAUSES);

    public static final TableDef FINDINGS = new TableDef("findings",
            "One row per finding of the findings command (rank 1 is the largest predicted "
                    + "saving).",
            List.of(
                    new Column("trace_id", "INTEGER", "Trace (traces.trace_id)."),
                    new Column("rank", "INTEGER", "Position by predicted saving, from 1."),
                    new Column("scenario", "VARCHAR", "mmap-threshold, long-hold, "
                            + "priority-inversion, spinlock, vmalloc, zeroing."),
                    new Column("title", "VARCHAR", "The finding in one line."),
                    new Column("saved_ns", "BIGINT", "Waiting the what-if model predicts the "
                            + "fix removes (ns)."),
                    new Column("lock", "VARCHAR", "The lock the waiting was on, or NULL."),
                    new Column("recommendation", "VARCHAR", "The first thing to do."),
                    new Column("query", "VARCHAR", "SQL that shows the evidence again.")));

    public static final TableDef FINDING_FIGURES = new TableDef("finding_figures",
            "The numbers of each finding by name (e.g. recommended_threshold, calls_removed, "
                    + "longest_hold_ns, range_bytes, lost_ns, wait_ns).",
            List.of(
                    new Column("trace_id", "INTEGER", "Trace (traces.trace_id)."),
                    new Column("rank", "INTEGER", "The finding (findings.rank)."),
                    new Column("name", "VARCHAR", "Name of the figure."),
                    new Column("value", "BIGINT", "Its value.")));

    public static final TableDef INVERSIONS = new TableDef("inversions",
            "One row per priority inversion (a wait chain whose root, of worse priority than "
                    + "some of its waiters, was off CPU while they waited).",
            List.of(
                    new Column("trace_id", "INTEGER", "Trace (traces.trace_id)."),
                    new Column("root_tid", "INTEGER", "The thread at the root of the chain."),
                    new Column("root_comm", "VARCHAR", "Its name."),
                    new Column("root_prio", "INTEGER", "Its priority (lower is more "
                            + "important)."),
                    new Column("lock_id", "BIGINT", "The lock (locks.lock_id)."),
                    new Column("lock_name", "VARCHAR", "Its name, else its address."),
                    new Column("begin_ts", "BIGINT", "Start of the chain (ns)."),
                    new Column("end_ts", "BIGINT", "End of the chain (ns)."),
                    new Column("lost_ns", "BIGINT", "Waiting of the better-priority waiters "
                            + "while the root was off CPU."),
                    new Column("victims", "INTEGER", "Better-priority waiters.")));

    /**
     * The analyses check rules query besides the stored tables: computed per trace by
     * {@code check}, as temporary tables of its connection (a database file is not changed).
     */
    public static final List<TableDef> ANALYSIS_TABLES = List.of(FINDINGS, FINDING_FIGURES,
            INVERSIONS);

    /** Every stored table, in creation order. */
    public static List<TableDef> all() {
        List<TableDef> all = new ArrayList<>(List.of(SCHEMA_INFO, TRACES, TRACE_METADATA, STATS,
                INGEST_PROBLEMS, STACK_FRAMES));
        all.addAll(EVENT_TABLES);
        all.addAll(List.of(BPFTRACE_MAPS, BPFTRACE_HISTOGRAMS, TEXT_LINES, THREADS));
        all.addAll(DERIVED_TABLES);
        return all;
    }

    private static TableDef eventTable(String name, String doc, Column... specific) {
        List<Column> columns = new ArrayList<>(EVENT_COLUMNS);
        columns.addAll(List.of(specific));
        return new TableDef(name, doc, List.copyOf(columns));
    }
}
