package dev.ptrace.analyze.read.tracedat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Thread names by pid as trace-cmd report prints them (libtraceevent's comm lookup): the saved
 * command lines, then each name the sched_switch and sched_wakeup plugins print for a pid not
 * named yet; {@code <idle>} for pid 0 and {@code <...>} for a pid never named.
 */
final class Comms {
    private final Map<Integer, String> byPid = new HashMap<>();

    /** @param saved the saved command lines as (pid, comm) pairs */
    Comms(List<String[]> saved) {
        for (String[] pidComm : saved) {
            try {
                save(Integer.parseInt(pidComm[0].strip()), pidComm[1]);
            } catch (NumberFormatException e) {
                // not a "PID COMM" line: libtraceevent registers nothing for it either
            }
        }
    }

    String of(int pid) {
        return pid == 0 ? "<idle>" : byPid.getOrDefault(pid, "<...>");
    }

    /** Names {@code pid} unless it has a name (libtraceevent keeps the first). */
    void save(int pid, String comm) {
        byPid.putIfAbsent(pid, comm);
    }
}
