package dev.ptrace.analyze.progress;

/**
 * Where long work says how far it got: the bytes of an input read so far, then each named
 * stage after reading (replaying the lock events, writing the tables, the analyses). The CLI
 * shows it as one updating line on a terminal; everywhere else it goes nowhere. One reporter
 * serves the whole process ({@link #set}), so that the readers and analyses need not pass it
 * along.
 */
public interface Progress {
    /** {@code read} of {@code total} bytes of {@code source} read (total -1: unknown). */
    void reading(String source, long read, long total);

    /** A stage after reading has begun. */
    void stage(String name);

    /** The line goes away: the work is over, or something else is printed (it comes back). */
    void done();

    Progress NONE = new Progress() {
        @Override
        public void reading(String source, long read, long total) {
        }

        @Override
        public void stage(String name) {
        }

        @Override
        public void done() {
        }
    };

    /** The process's reporter; {@link #NONE} unless the CLI set one. */
    static Progress current() {
        return Holder.current;
    }

    static void set(Progress p) {
        Holder.current = p == null ? NONE : p;
    }

    /** Reports a stage to the current reporter. */
    static void stageBegins(String name) {
        Holder.current.stage(name);
    }

    final class Holder {
        private static volatile Progress current = NONE;

        private Holder() {
        }
    }
}
