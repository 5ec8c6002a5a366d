package dev.ptrace.analyze.lake;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * A trace as filed in a lake.
 *
 * @param traceId  its id in the lake: the content hash of its capture
 * @param date     the day folder: given, else the day it was captured (UTC), else today
 * @param host     the host folder: given, else the host its header names, else unknown
 * @param source   the capture as given when it was ingested
 * @param dir      the trace's folder
 * @param replaced whether a copy of the same capture was there before (and is gone now)
 */
public record LakeTrace(String traceId, LocalDate date, String host, String source, Path dir,
                        boolean replaced) {
}
