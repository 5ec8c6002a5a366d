import java.io.FileInputStream;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** The benchmark's floor: a bare JVM reads a trace file (gunzipping a .gz) and counts its lines. */
public final class LineCount {
    public static void main(String[] args) throws Exception {
        try (InputStream in = open(args[0])) {
            byte[] buf = new byte[1 << 16];
            long lines = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
            }
            System.out.println(lines);
        }
    }

    private static InputStream open(String path) throws Exception {
        InputStream in = new FileInputStream(path);
        return path.endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
