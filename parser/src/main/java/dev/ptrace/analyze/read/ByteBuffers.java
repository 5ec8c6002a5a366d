package dev.ptrace.analyze.read;

import java.nio.ByteBuffer;

/** Copies out of byte buffers fast on Java 17, whose absolute bulk get copies byte by byte. */
public final class ByteBuffers {
    private ByteBuffers() {
    }

    /** {@code dst.length} bytes of {@code b} from index {@code at}, into {@code dst}. */
    public static void copy(ByteBuffer b, int at, byte[] dst) {
        if (at < 0 || at + dst.length > b.limit()) {
            throw new IndexOutOfBoundsException(at + "+" + dst.length + " > " + b.limit());
        }
        if (b.hasArray()) {
            System.arraycopy(b.array(), b.arrayOffset() + at, dst, 0, dst.length);
        } else {
            b.duplicate().position(at).get(dst);
        }
    }

    /** {@code n} bytes of {@code b} from index {@code at}, into {@code dst} from {@code to}. */
    public static void copy(ByteBuffer b, int at, byte[] dst, int to, int n) {
        if (at < 0 || at + n > b.limit()) {
            throw new IndexOutOfBoundsException(at + "+" + n + " > " + b.limit());
        }
        if (b.hasArray()) {
            System.arraycopy(b.array(), b.arrayOffset() + at, dst, to, n);
        } else {
            b.duplicate().position(at).get(dst, to, n);
        }
    }

    /** The {@code n} bytes of {@code b} from index {@code at}. */
    public static byte[] copy(ByteBuffer b, int at, int n) {
        byte[] dst = new byte[n];
        copy(b, at, dst);
        return dst;
    }
}
