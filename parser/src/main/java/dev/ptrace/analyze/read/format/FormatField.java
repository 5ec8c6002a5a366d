package dev.ptrace.analyze.read.format;

/**
 * One field of a tracepoint's format file:
 * {@code field:char prev_comm[16];	offset:8;	size:16;	signed:0;}.
 *
 * @param name        the field's name ({@code prev_comm})
 * @param type        its C type without the name and array bounds ({@code char},
 *                    {@code void *}, {@code __data_loc char[]})
 * @param offset      byte offset in the record
 * @param size        byte size in the record (of the whole array; 4 for a dynamic field's locator)
 * @param signed      whether an integer field is signed
 * @param arrayLength elements of a fixed array ({@code [16]}), 0 for a scalar
 * @param location    how a dynamic field ({@code __data_loc}, {@code __rel_loc}) finds its data
 */
public record FormatField(String name, String type, int offset, int size, boolean signed,
                          int arrayLength, Location location) {
    /** Where a field's data is. */
    public enum Location {
        /** At the field's offset. */
        INLINE,
        /** A u32 at the offset: data offset from the record's start (low 16 bits), length (high). */
        DATA_LOC,
        /** As DATA_LOC, the data offset counted from the end of the locator. */
        REL_LOC
    }

    /** Whether the field holds text: a char array, fixed or dynamic. */
    public boolean isText() {
        String t = type.replace("[]", "").replace("__data_loc", "").replace("__rel_loc", "")
                .replace("const", "").strip();
        return (arrayLength > 0 || location != Location.INLINE)
                && (t.equals("char") || t.equals("unsigned char") || t.equals("u8"));
    }

    /** Whether the field is an array (fixed or dynamic) rather than one value. */
    public boolean isArray() {
        return arrayLength > 0 || location != Location.INLINE;
    }

    /** Bytes of one element of an array field. */
    public int elementSize() {
        if (arrayLength > 0) {
            return size / arrayLength;
        }
        return location == Location.INLINE ? size : CTypes.sizeOf(elementType(), 1);
    }

    /** The element type of an array ({@code char} of {@code __data_loc char[]}). */
    public String elementType() {
        return type.replace("__data_loc", "").replace("__rel_loc", "").replace("[]", "").strip();
    }
}
