package dev.ptrace.analyze.read.format;

/** Names kernel addresses for the {@code %pS} and {@code %ps} conversions of print formats. */
@FunctionalInterface
public interface KernelSymbolNames {
    KernelSymbolNames NONE = (address, withOffset) -> null;

    /** {@code function+0xoff} (or {@code function} without offset), or null when unknown. */
    String name(long address, boolean withOffset);
}
