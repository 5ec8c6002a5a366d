package dev.ptrace.analyze.read.perfdata;

/**
 * The record types of perf.data ({@code PERF_RECORD_*}): the kernel's (below 64) and those perf
 * itself writes (64 on), by the names {@code perf report -D} prints.
 */
enum RecordType {
    MMAP(1), LOST(2), COMM(3), EXIT(4), THROTTLE(5), UNTHROTTLE(6), FORK(7), READ(8), SAMPLE(9),
    MMAP2(10), AUX(11), ITRACE_START(12), LOST_SAMPLES(13), SWITCH(14), SWITCH_CPU_WIDE(15),
    NAMESPACES(16), KSYMBOL(17), BPF_EVENT(18), CGROUP(19), TEXT_POKE(20), AUX_OUTPUT_HW_ID(21),
    HEADER_ATTR(64), HEADER_EVENT_TYPE(65), HEADER_TRACING_DATA(66), HEADER_BUILD_ID(67),
    FINISHED_ROUND(68), ID_INDEX(69), AUXTRACE_INFO(70), AUXTRACE(71), AUXTRACE_ERROR(72),
    THREAD_MAP(73), CPU_MAP(74), STAT_CONFIG(75), STAT(76), STAT_ROUND(77), EVENT_UPDATE(78),
    TIME_CONV(79), HEADER_FEATURE(80), COMPRESSED(81), FINISHED_INIT(82), COMPRESSED2(83),
    BPF_METADATA(84), SCHEDSTAT_CPU(85), SCHEDSTAT_DOMAIN(86);

    private static final RecordType[] BY_ID = new RecordType[128];

    static {
        for (RecordType t : values()) {
            BY_ID[t.id] = t;
        }
    }

    final int id;

    RecordType(int id) {
        this.id = id;
    }

    /** The type with this id, or null for one this tool does not know. */
    static RecordType of(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    /** The name perf prints for a record type, {@code UNKNOWN(id)} for an unknown one. */
    static String name(int id) {
        RecordType t = of(id);
        return t == null ? "UNKNOWN(" + id + ")" : t.name();
    }
}
