package dev.ptrace.analyze.read.symbols;

import dev.ptrace.analyze.read.ByteBuffers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The function and object symbols of an ELF file (its {@code .symtab}, else {@code .dynsym}),
 * as perf loads them for a user-space binary (util/symbol-elf.c): defined, named symbols of
 * type FUNC, IFUNC or OBJECT, and labels (NOTYPE, visible, in a text section), their
 * addresses turned into file offsets through the program
 * header holding them (perf's {@code adjust_symbols}, so they match a mapping's
 * {@code pgoff}-relative addresses), and the file's GNU build id.
 */
public final class ElfSymbols {
    private static final int SHT_SYMTAB = 2;
    private static final int SHT_NOTE = 7;
    private static final int SHT_DYNSYM = 11;
    private static final int PT_LOAD = 1;
    private static final int NT_GNU_BUILD_ID = 3;
    private static final int STT_OBJECT = 1;
    private static final int STT_FUNC = 2;
    private static final int STT_GNU_IFUNC = 10;
    private static final int STT_NOTYPE = 0;
    private static final int SHN_UNDEF = 0;
    private static final int SHN_ABS = 0xfff1;
    private static final int STV_INTERNAL = 1;
    private static final int STV_HIDDEN = 2;

    private final SymbolTable table;
    private final String buildId;
    private final boolean hasSymtab;
    /** The PT_LOAD program headers: {vaddr, offset, memsz}. */
    private final List<long[]> loads;

    private ElfSymbols(SymbolTable table, String buildId, boolean hasSymtab, List<long[]> loads) {
        this.table = table;
        this.buildId = buildId;
        this.hasSymtab = hasSymtab;
        this.loads = loads;
    }

    /** Reads {@code file}; null when it is not an ELF file this reader knows. */
    public static ElfSymbols read(Path file) throws IOException {
        return read(file, null);
    }

    /**
     * Reads the symbols of a detached debug file, placed by the program headers of the
     * binary it belongs to ({@code runtime}: a debug file's own say where nothing is).
     */
    public ElfSymbols withSymbolsOf(Path debugFile) throws IOException {
        return read(debugFile, this);
    }

    private static ElfSymbols read(Path file, ElfSymbols runtime) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() < 64 || ch.size() > Integer.MAX_VALUE) {
                return null;
            }
            MappedByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            return parse(b, runtime);
        }
    }

    /** Reads an ELF image; null when it is not one this reader knows. */
    static ElfSymbols parse(ByteBuffer b, ElfSymbols runtime) {
        if (b.limit() < 64 || b.get(0) != 0x7f || b.get(1) != 'E' || b.get(2) != 'L'
                || b.get(3) != 'F') {
            return null;
        }
        boolean is64 = b.get(4) == 2;
        b.order(b.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        try {
            return new Reader(b, is64).read(runtime == null ? null : runtime.loads);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            return null; // a damaged or cut file names nothing
        }
    }

    /** The GNU build id in hex, or null when the file has none. */
    public String buildId() {
        return buildId;
    }

    /** Whether the symbols came from a full {@code .symtab} (else from {@code .dynsym}). */
    public boolean hasSymtab() {
        return hasSymtab;
    }

    public SymbolTable table() {
        return table;
    }

    /** Reads sections, program headers and symbols of one image. */
    private static final class Reader {
        private final ByteBuffer b;
        private final boolean is64;

        Reader(ByteBuffer b, boolean is64) {
            this.b = b;
            this.is64 = is64;
        }

        private long word(int at) {
            return is64 ? b.getLong(at) : b.getInt(at) & 0xffffffffL;
        }

        ElfSymbols read(List<long[]> runtimeLoads) {
            long shoff = word(is64 ? 0x28 : 0x20);
            long phoff = word(is64 ? 0x20 : 0x1c);
            int phentsize = b.getShort(is64 ? 0x36 : 0x2a) & 0xffff;
            int phnum = b.getShort(is64 ? 0x38 : 0x2c) & 0xffff;
            int shentsize = b.getShort(is64 ? 0x3a : 0x2e) & 0xffff;
            int shnum = b.getShort(is64 ? 0x3c : 0x30) & 0xffff;
            List<long[]> loads = new ArrayList<>(); // {vaddr, offset, memsz}
            for (int i = 0; i < phnum; i++) {
                int p = (int) (phoff + (long) i * phentsize);
                if (b.getInt(p) != PT_LOAD) {
                    continue;
                }
                long offset = is64 ? b.getLong(p + 8) : b.getInt(p + 4) & 0xffffffffL;
                long vaddr = is64 ? b.getLong(p + 16) : b.getInt(p + 8) & 0xffffffffL;
                long memsz = is64 ? b.getLong(p + 40) : b.getInt(p + 20) & 0xffffffffL;
                loads.add(new long[] {vaddr, offset, memsz});
            }
            int symtab = -1;
            int dynsym = -1;
            String buildId = null;
            for (int i = 0; i < shnum && shoff > 0; i++) {
                int s = (int) (shoff + (long) i * shentsize);
                int type = b.getInt(s + 4);
                if (type == SHT_SYMTAB) {
                    symtab = s;
                } else if (type == SHT_DYNSYM) {
                    dynsym = s;
                } else if (type == SHT_NOTE && buildId == null) {
                    buildId = buildIdNote((int) word(s + (is64 ? 0x18 : 0x10)),
                            (int) word(s + (is64 ? 0x20 : 0x14)));
                }
            }
            int section = symtab >= 0 ? symtab : dynsym;
            List<long[]> placing = runtimeLoads != null ? runtimeLoads : loads;
            SymbolTable table = section < 0 ? SymbolTable.EMPTY
                    : symbols(section, shoff, shentsize, shnum, placing);
            return new ElfSymbols(table, buildId, symtab >= 0, loads);
        }

        private String buildIdNote(int offset, int size) {
            int at = offset;
            while (at + 12 <= offset + size) {
                int nameSize = b.getInt(at);
                int descSize = b.getInt(at + 4);
                int type = b.getInt(at + 8);
                int name = at + 12;
                int desc = name + ((nameSize + 3) & ~3);
                if (type == NT_GNU_BUILD_ID && nameSize == 4 && b.get(name) == 'G'
                        && b.get(name + 1) == 'N' && b.get(name + 2) == 'U') {
                    byte[] id = new byte[descSize];
                    ByteBuffers.copy(b, desc, id);
                    return HexFormat.of().formatHex(id);
                }
                at = desc + ((descSize + 3) & ~3);
            }
            return null;
        }

        /** Whether section {@code index}'s name holds "text" (perf's elf_sec__is_text). */
        private boolean textSection(int index, long shoff, int shentsize, int shnum) {
            if (index <= 0 || index >= shnum) {
                return false;
            }
            int names = b.getShort(is64 ? 0x3e : 0x32) & 0xffff;
            int namesOffset = (int) word((int) (shoff + (long) names * shentsize)
                    + (is64 ? 0x18 : 0x10));
            int s = (int) (shoff + (long) index * shentsize);
            return string(namesOffset + b.getInt(s)).contains("text");
        }

        private SymbolTable symbols(int section, long shoff, int shentsize, int shnum,
                                    List<long[]> loads) {
            long offset = word(section + (is64 ? 0x18 : 0x10));
            long size = word(section + (is64 ? 0x20 : 0x14));
            int link = b.getInt(section + (is64 ? 0x28 : 0x18));
            long entsize = word(section + (is64 ? 0x38 : 0x24));
            int strings = (int) word((int) (shoff + (long) link * shentsize)
                    + (is64 ? 0x18 : 0x10));
            SymbolTable.Builder out = new SymbolTable.Builder();
            int[] nameAt = new int[1024];
            for (long e = 0; entsize > 0 && e + entsize <= size; e += entsize) {
                int s = (int) (offset + e);
                int nameOffset = b.getInt(s);
                int info = b.get(s + (is64 ? 4 : 12)) & 0xff;
                int shndx = b.getShort(s + (is64 ? 6 : 14)) & 0xffff;
                long value = is64 ? b.getLong(s + 8) : b.getInt(s + 4) & 0xffffffffL;
                long symSize = is64 ? b.getLong(s + 16) : b.getInt(s + 8) & 0xffffffffL;
                int type = info & 0xf;
                int bind = info >> 4;
                int visibility = b.get(s + (is64 ? 5 : 13)) & 3;
                boolean wanted = type == STT_FUNC || type == STT_GNU_IFUNC
                        || (type == STT_OBJECT && shndx != SHN_ABS)
                        || (type == STT_NOTYPE && shndx != SHN_ABS && visibility != STV_HIDDEN
                                && visibility != STV_INTERNAL
                                && textSection(shndx, shoff, shentsize, shnum));
                if (nameOffset == 0 || shndx == SHN_UNDEF || !wanted) {
                    continue;
                }
                long[] load = loadHolding(loads, value);
                if (load == null) {
                    continue;
                }
                byte first = b.get(strings + nameOffset);
                if (first == 0 || first == '$') {
                    continue;
                }
                int i = out.count();
                if (i == nameAt.length) {
                    nameAt = java.util.Arrays.copyOf(nameAt, i * 2);
                }
                nameAt[i] = strings + nameOffset;
                out.add(value - (load[0] - load[1]), symSize, bind == 2
                        ? SymbolTable.Binding.WEAK : bind == 1 ? SymbolTable.Binding.GLOBAL
                        : SymbolTable.Binding.LOCAL);
            }
            int[] names = nameAt;
            return out.build(n -> string(names[n]), false, n -> false);
        }

        private static long[] loadHolding(List<long[]> loads, long vaddr) {
            for (long[] l : loads) {
                if (Long.compareUnsigned(vaddr, l[0]) >= 0
                        && Long.compareUnsigned(vaddr, l[0] + l[2]) < 0) {
                    return l;
                }
            }
            return null;
        }

        private String string(int at) {
            int end = at;
            while (b.get(end) != 0) {
                end++;
            }
            byte[] s = new byte[end - at];
            ByteBuffers.copy(b, at, s);
            return new String(s, StandardCharsets.UTF_8);
        }
    }
}
