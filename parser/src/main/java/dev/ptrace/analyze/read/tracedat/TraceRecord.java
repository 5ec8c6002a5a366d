package dev.ptrace.analyze.read.tracedat;

import dev.ptrace.analyze.read.format.RawEvent;

/**
 * One event of the ring buffer, as a CPU's stream hands it on.
 *
 * @param cpu    the CPU whose buffer held it
 * @param time   its time on the capture's clock (before the file's offset is added)
 * @param raw    its record ({@code common_type} first)
 * @param offset where it is in the file (for compressed data: the chunk holding it)
 * @param missed events lost before it (-1: some, not how many), as trace-cmd report tells them
 */
record TraceRecord(int cpu, long time, RawEvent raw, long offset, long missed) {
}
