package dev.ptrace.analyze.read.format;

import java.util.Set;

/**
 * The C types tracepoint formats name, as far as their size and sign go: for casts in print
 * formats ({@code (unsigned long)REC->fd}) and the elements of dynamic arrays.
 */
final class CTypes {
    /** Words that make a name a type in a cast. */
    private static final Set<String> TYPE_WORDS = Set.of("unsigned", "signed", "long", "int",
            "short", "char", "bool", "_Bool", "void", "const", "volatile", "struct", "enum",
            "union", "u8", "u16", "u32", "u64", "s8", "s16", "s32", "s64", "__u8", "__u16",
            "__u32", "__u64", "__s8", "__s16", "__s32", "__s64", "size_t", "ssize_t", "pid_t",
            "uid_t", "gid_t", "gfp_t", "loff_t", "dev_t", "sector_t", "umode_t", "uintptr_t",
            "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t", "uint32_t",
            "uint64_t", "__le16", "__le32", "__le64", "__be16", "__be32", "__be64", "ino_t",
            "off_t", "clockid_t", "time64_t", "ktime_t", "phys_addr_t", "dma_addr_t",
            "resource_size_t", "blk_opf_t", "blk_status_t", "vm_fault_t", "xfs_ino_t");

    private CTypes() {
    }

    static boolean isTypeWord(String word) {
        return TYPE_WORDS.contains(word);
    }

    /** Bytes of a value of {@code type}, with {@code longSize} the trace's long; 0 unknown. */
    static int sizeOf(String type, int longSize) {
        String t = type.replace("const", "").replace("volatile", "").strip();
        if (t.endsWith("*")) {
            return longSize;
        }
        if (t.contains("long long") || t.matches(".*\\b(u64|s64|__u64|__s64|u?int64_t|__le64|"
                + "__be64|loff_t|ktime_t|time64_t|sector_t)\\b.*")) {
            return 8;
        }
        if (t.contains("long") || t.matches(".*\\b(size_t|ssize_t|uintptr_t|off_t|ino_t|"
                + "phys_addr_t|dma_addr_t|resource_size_t)\\b.*")) {
            return longSize;
        }
        if (t.contains("short") || t.matches(".*\\b(u16|s16|__u16|__s16|u?int16_t|__le16|"
                + "__be16|umode_t)\\b.*")) {
            return 2;
        }
        if (t.contains("char") || t.matches(".*\\b(u8|s8|__u8|__s8|u?int8_t|bool|_Bool)\\b.*")) {
            return 1;
        }
        if (t.contains("int") || t.matches(".*\\b(u32|s32|__u32|__s32|pid_t|uid_t|gid_t|gfp_t|"
                + "dev_t|__le32|__be32|clockid_t|blk_opf_t|blk_status_t|vm_fault_t)\\b.*")
                || t.startsWith("enum")) {
            return 4;
        }
        return 0;
    }

    /** Whether {@code type} is a signed integer type. */
    static boolean isSigned(String type) {
        String t = type.strip();
        if (t.endsWith("*") || t.contains("unsigned") || t.matches("(__)?u\\d+|uint\\d+_t|size_t"
                + "|uintptr_t|bool|_Bool|gfp_t|dev_t|umode_t|sector_t|__(le|be)\\d+")) {
            return false;
        }
        return true;
    }

    /** {@code value} converted to {@code type} as C converts it (truncated, sign-extended). */
    static long convert(long value, String type, int longSize) {
        int size = sizeOf(type, longSize);
        if (type.strip().matches("bool|_Bool")) {
            return value != 0 ? 1 : 0;
        }
        return size == 0 || size >= 8 ? value : fit(value, size, isSigned(type));
    }

    /** The low {@code size} bytes of {@code value}, sign-extended when {@code signed}. */
    static long fit(long value, int size, boolean signed) {
        if (size >= 8) {
            return value;
        }
        int shift = 64 - size * 8;
        return signed ? (value << shift) >> shift : (value << shift) >>> shift;
    }
}
