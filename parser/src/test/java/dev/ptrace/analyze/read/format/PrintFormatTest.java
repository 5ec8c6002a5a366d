package dev.ptrace.analyze.read.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * Print formats render as libtraceevent renders them: the formats are the 6.18 kernel's own
 * (/sys/kernel/tracing/events/.../format), the expected text what perf script printed for
 * such records, or C's printf rules worked out by hand.
 */
class PrintFormatTest {
    private static final String COMMON = """
            	field:unsigned short common_type;	offset:0;	size:2;	signed:0;
            	field:unsigned char common_flags;	offset:2;	size:1;	signed:0;
            	field:unsigned char common_preempt_count;	offset:3;	size:1;	signed:0;
            	field:int common_pid;	offset:4;	size:4;	signed:1;
            """;

    private static EventFormat format(String name, String fields, String print) {
        return EventFormatParser.parse("test", "name: " + name + "\nID: 7\nformat:\n" + COMMON
                + "\n" + fields + "\nprint fmt: " + print + "\n", 8);
    }

    private static RawEvent record(int size, Object... offsetAndValue) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(0, (short) 7);
        for (int i = 0; i < offsetAndValue.length; i += 2) {
            int at = (Integer) offsetAndValue[i];
            Object v = offsetAndValue[i + 1];
            if (v instanceof Long l) {
                b.putLong(at, l);
            } else if (v instanceof Integer n) {
                b.putInt(at, n);
            } else if (v instanceof Byte y) {
                b.put(at, y);
            } else {
                byte[] s = ((String) v).getBytes();
                b.put(at, s);
            }
        }
        return new RawEvent(b, 0, size);
    }

    private static final String SCHED_SWITCH_FIELDS = """
            	field:char prev_comm[16];	offset:8;	size:16;	signed:0;
            	field:pid_t prev_pid;	offset:24;	size:4;	signed:1;
            	field:int prev_prio;	offset:28;	size:4;	signed:1;
            	field:long prev_state;	offset:32;	size:8;	signed:1;
            	field:char next_comm[16];	offset:40;	size:16;	signed:0;
            	field:pid_t next_pid;	offset:56;	size:4;	signed:1;
            	field:int next_prio;	offset:60;	size:4;	signed:1;
            """;
    private static final String SCHED_SWITCH_PRINT = "\"prev_comm=%s prev_pid=%d prev_prio=%d "
            + "prev_state=%s%s ==> next_comm=%s next_pid=%d next_prio=%d\", REC->prev_comm, "
            + "REC->prev_pid, REC->prev_prio, (REC->prev_state & ((((0x00000000 | 0x00000001 | "
            + "0x00000002 | 0x00000004 | 0x00000008 | 0x00000010 | 0x00000020 | 0x00000040) + 1) "
            + "<< 1) - 1)) ? __print_flags(REC->prev_state & ((((0x00000000 | 0x00000001 | "
            + "0x00000002 | 0x00000004 | 0x00000008 | 0x00000010 | 0x00000020 | 0x00000040) + 1) "
            + "<< 1) - 1), \"|\", { 0x00000001, \"S\" }, { 0x00000002, \"D\" }, { 0x00000004, "
            + "\"T\" }, { 0x00000008, \"t\" }, { 0x00000010, \"X\" }, { 0x00000020, \"Z\" }, "
            + "{ 0x00000040, \"P\" }, { 0x00000080, \"I\" }) : \"R\", REC->prev_state & "
            + "(((0x00000000 | 0x00000001 | 0x00000002 | 0x00000004 | 0x00000008 | 0x00000010 "
            + "| 0x00000020 | 0x00000040) + 1) << 1) ? \"+\" : \"\", REC->next_comm, "
            + "REC->next_pid, REC->next_prio";

    private static String schedSwitch(long state) {
        EventFormat f = format("sched_switch", SCHED_SWITCH_FIELDS, SCHED_SWITCH_PRINT);
        return f.print().render(record(64, 8, "wl", 24, 1935, 28, 120, 32, state, 40,
                "migration/1", 56, 23, 60, 0), KernelSymbolNames.NONE);
    }

    @Test
    void schedSwitchPrintsTheStateLettersOfThe618Kernel() {
        // perf script printed this line for a record with prev_state 2 (TASK_UNINTERRUPTIBLE)
        assertEquals("prev_comm=wl prev_pid=1935 prev_prio=120 prev_state=D ==> "
                + "next_comm=migration/1 next_pid=23 next_prio=0", schedSwitch(2));
        // 0: runnable, no flag set -> "R"; 0x100 (TASK_REPORT_MAX): preempted -> "R+"
        assertEquals("R", schedSwitch(0).split("prev_state=")[1].split(" ")[0]);
        assertEquals("R+", schedSwitch(0x100).split("prev_state=")[1].split(" ")[0]);
        // 0x81: S and I, joined by the delimiter in bit order
        assertEquals("S|I", schedSwitch(0x81).split("prev_state=")[1].split(" ")[0]);
    }

    @Test
    void printFlagsNamesEachBitAndPrintsTheRestInHex() {
        EventFormat f = format("contention_begin", """
                	field:void * lock_addr;	offset:8;	size:8;	signed:0;
                	field:unsigned int flags;	offset:16;	size:4;	signed:0;
                """, "\"%p (flags=%s)\", REC->lock_addr, __print_flags(REC->flags, \"|\", "
                + "{ (1U << 0), \"SPIN\" }, { (1U << 1), \"READ\" }, { (1U << 2), \"WRITE\" }, "
                + "{ (1U << 3), \"RT\" }, { (1U << 4), \"PERCPU\" }, { (1U << 5), \"MUTEX\" } )");
        assertEquals("0xffff8881000680b8 (flags=WRITE)", f.print().render(record(24, 8,
                0xffff8881000680b8L, 16, 4), KernelSymbolNames.NONE));
        // 0x43 = SPIN | READ | 0x40 (no name): the unnamed rest in hex after the delimiter
        assertEquals("(nil) (flags=SPIN|READ|0x40)", f.print().render(record(24, 8, 0L, 16,
                0x43), KernelSymbolNames.NONE));
    }

    @Test
    void syscallArgumentsAreCastToUnsignedLongAndZeroPaddedToEightDigits() {
        EventFormat f = format("sys_enter_madvise", """
                	field:int __syscall_nr;	offset:8;	size:4;	signed:1;
                	field:unsigned long start;	offset:16;	size:8;	signed:0;
                	field:size_t len_in;	offset:24;	size:8;	signed:0;
                	field:int behavior;	offset:32;	size:8;	signed:0;
                """, "\"start: 0x%08lx, len_in: 0x%08lx, behavior: 0x%08lx\", "
                + "((unsigned long)(REC->start)), ((unsigned long)(REC->len_in)), "
                + "((unsigned long)(REC->behavior))");
        assertEquals("start: 0x7fa36ec00000, len_in: 0x02000000, behavior: 0x00000017",
                f.print().render(record(40, 16, 0x7fa36ec00000L, 24, 0x2000000L, 32, 23L),
                        KernelSymbolNames.NONE));
    }

    @Test
    void lengthModifiersTruncateAsCsPrintfDoes() {
        EventFormat f = format("t", """
                	field:long v;	offset:8;	size:8;	signed:1;
                """, "\"%d %u %x %lx %ld %hd %hhu %03d %-4d| %+d %#x %5.3s\", REC->v, REC->v, "
                + "REC->v, REC->v, REC->v, REC->v, REC->v, REC->v, REC->v, REC->v, REC->v, "
                + "\"abcdef\"");
        // -1 as int, unsigned int, hex int, hex long, long, short, unsigned char; then padding
        assertEquals("-1 4294967295 ffffffff ffffffffffffffff -1 -1 255 -01 -1  | -1 "
                + "0xffffffff   abc", f.print().render(record(16, 8, -1L),
                KernelSymbolNames.NONE));
    }

    @Test
    void symbolicAndStringHelpersAndConditionals() {
        EventFormat f = format("t", """
                	field:unsigned int mode;	offset:8;	size:4;	signed:0;
                	field:bool write;	offset:12;	size:1;	signed:0;
                	field:__data_loc char[] name;	offset:16;	size:4;	signed:0;
                """, "\"mode=%s write=%s name=%s\", __print_symbolic(REC->mode, { 0, \"READ\" }, "
                + "{ 1, \"WRITE\" }), REC->write ? \"true\" : \"false\", __get_str(name)");
        // __data_loc: offset 24 in the low 16 bits, length 4 ("abc" and its NUL) in the high
        assertEquals("mode=WRITE write=true name=abc", f.print().render(record(32, 8, 1, 12,
                (byte) 1, 16, (4 << 16) | 24, 24, "abc"), KernelSymbolNames.NONE));
        assertEquals("mode=0x9 write=false name=abc", f.print().render(record(32, 8, 9, 16,
                (4 << 16) | 24, 24, "abc"), KernelSymbolNames.NONE));
    }

    @Test
    void symbolPointersUseTheKernelsNamesOrHex() {
        EventFormat f = format("t", """
                	field:void * fn;	offset:8;	size:8;	signed:0;
                """, "\"%pS %ps\", REC->fn, REC->fn");
        KernelSymbolNames names = (address, offset) -> address == 0xffffffff81000010L
                ? (offset ? "do_thing+0x10" : "do_thing") : null;
        assertEquals("do_thing+0x10 do_thing", f.print().render(record(16, 8,
                0xffffffff81000010L), names));
        assertEquals("0x1234 0x1234", f.print().render(record(16, 8, 0x1234L), names));
    }

    @Test
    void aFormatThisToolCannotReadLeavesTheEventReadableByFields() {
        EventFormat f = format("t", """
                	field:int v;	offset:8;	size:4;	signed:1;
                """, "\"%d\", some_helper(REC->v)");
        assertNull(f.print());
        assertNotNull(f.printProblem());
        assertEquals(1, f.ownFields().size());
        assertThrows(FormatException.class, () -> EventFormatParser.parse("t", "ID: 3\n", 8));
    }
}
