package dev.ptrace.analyze.analysis.locks;

import dev.ptrace.analyze.knowledge.TsvTable;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Names of locks by where their address lies (lock-address-ranges.tsv), for the locks no stack
 * names: struct page addresses hold split page-table locks. A range assumes a kernel memory
 * layout, and applies to a trace only when its other lock addresses show that layout.
 */
public final class AddressRanges {
    /** Addresses starting with {@code prefix} are {@code name} where some start with {@code layout}. */
    record Range(String prefix, String layout, String name) {
    }

    private final List<Range> ranges;

    private AddressRanges(List<Range> ranges) {
        this.ranges = ranges;
    }

    public static AddressRanges shipped() {
        return new AddressRanges(TsvTable.resource(AddressRanges.class,
                "lock-address-ranges.tsv").records().stream().map((Map<String, String> r) ->
                new Range(r.get("prefix"), r.get("layout"), r.get("name"))).toList());
    }

    /**
     * For a trace whose lock addresses are {@code addresses}: the name of an address by its
     * range, or null.
     */
    public UnaryOperator<String> forTrace(Collection<String> addresses) {
        List<Range> apply = ranges.stream().filter(r -> addresses.stream()
                .anyMatch(a -> a != null && a.startsWith(r.layout()))).toList();
        return addr -> addr == null ? null : apply.stream().filter(r -> addr.startsWith(
                r.prefix())).map(Range::name).findFirst().orElse(null);
    }
}
