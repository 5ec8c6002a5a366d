package dev.ptrace.analyze.analysis.contention;

import dev.ptrace.analyze.event.Frame;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which waits perf lock contention's filters keep: lock types ({@code -Y}: a type as perf
 * names it, rwsem:R, or its family, rwsem), locks ({@code -L}: an address as the trace prints
 * it, or the lock's name), call stacks ({@code -S}: any of the first max-stack frames whose
 * name contains one of the strings; perf does not skip the lock frames here), and a window ({@code --time}, ns, either end open). Empty sets keep all.
 */
public record ContentionFilter(Set<String> types, Set<String> locks, List<String> callstacks,
                               Long fromNs, Long toNs) {
    public static final ContentionFilter NONE = new ContentionFilter(Set.of(), Set.of(),
            List.of(), null, null);

    public boolean keepsType(int flags) {
        if (types.isEmpty()) {
            return true;
        }
        String type = LockTypes.name(flags);
        String family = type.contains(":") ? type.substring(0, type.indexOf(':')) : type;
        return types.contains(type) || types.contains(family)
                || types.contains(LockTypes.kind(flags));
    }

    /** For a wait whose type the flags do not give (a futex): kept when the type is asked. */
    public boolean keepsType(String type) {
        return types.isEmpty() || types.contains(type);
    }

    public boolean keepsLock(String addr, String name) {
        if (locks.isEmpty()) {
            return true;
        }
        return (addr != null && locks.contains(normalise(addr)))
                || (name != null && locks.stream().anyMatch(l -> name.equals(l)
                        || name.startsWith(l + " (")));
    }

    public boolean keepsStack(List<Frame> frames) {
        if (callstacks.isEmpty()) {
            return true;
        }
        for (Frame f : frames) {
            for (String s : callstacks) {
                if (f.symbol() != null && f.symbol().contains(s)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** An address compares without its 0x and leading zeros, in lower case. */
    public static String normalise(String addr) {
        String a = addr.toLowerCase(Locale.ROOT);
        a = a.startsWith("0x") ? a.substring(2) : a;
        a = a.replaceFirst("^0+(?=.)", "");
        return a;
    }

    /** The filter with its addresses normalised, for matching. */
    public ContentionFilter normalised() {
        return new ContentionFilter(types, locks.stream().map(l -> l.matches(
                "(?i)(0x)?[0-9a-f]+") ? normalise(l) : l).collect(
                java.util.stream.Collectors.toUnmodifiableSet()), callstacks, fromNs, toNs);
    }
}
