package dev.ptrace.analyze.analysis.findings;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A kernel release as uname -r prints it (6.18.44-fc), compared by major and minor. */
public record KernelRelease(int major, int minor) {
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)");

    /** The release, or null when the text does not start with MAJOR.MINOR. */
    public static KernelRelease parse(String text) {
        Matcher m = text == null ? null : VERSION.matcher(text);
        return m != null && m.find()
                ? new KernelRelease(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))
                : null;
    }

    public boolean atLeast(KernelRelease other) {
        return major != other.major ? major > other.major : minor >= other.minor;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
