package dev.ptrace.analyze.read.perfdata;

import java.util.HashMap;
import java.util.Map;

/**
 * Thread names and processes as perf tracks them from COMM and FORK records (util/thread.c):
 * a thread is named by its last COMM, a new thread takes its parent's name, and a thread never
 * named is {@code :TID}. The idle thread 0 is {@code swapper}.
 */
final class Threads {
    private final Map<Integer, String> comms = new HashMap<>();
    private final Map<Integer, Integer> processes = new HashMap<>();

    Threads() {
        comms.put(0, "swapper");
    }

    void comm(int pid, int tid, String comm) {
        comms.put(tid, comm);
        processes.put(tid, pid);
    }

    /** A FORK record: thread {@code tid} of process {@code pid} made by {@code ptid}. */
    void fork(int pid, int tid, int ptid) {
        String parent = comms.get(ptid);
        if (parent != null) {
            comms.put(tid, parent);
        }
        processes.put(tid, pid);
    }

    /** The name perf gives thread {@code tid} now. */
    String comm(int tid) {
        String c = comms.get(tid);
        return c != null ? c : ":" + tid;
    }

    /** Whether a record named the thread (else its name is perf's placeholder). */
    boolean named(int tid) {
        return comms.containsKey(tid);
    }
}
