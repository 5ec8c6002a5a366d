package dev.ptrace.analyze.analysis.locks.model;

/** How a thread wants or holds a lock. */
public enum Mode {
    READ("read"), WRITE("write"), EXCLUSIVE("exclusive");

    public final String label;

    Mode(String label) {
        this.label = label;
    }

    public static Mode ofLabel(String label) {
        for (Mode m : values()) {
            if (m.label.equals(label)) {
                return m;
            }
        }
        return EXCLUSIVE;
    }
}
