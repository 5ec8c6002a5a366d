#!/usr/bin/env bash
# Records the perf.data files of testdata/perfdata/ (needs root, perf, gcc, tracefs) and what
# perf itself says of each: perf script --ns (the tables' reference), perf lock contention and
# -t (the contention oracle). Kernel frames are named from a kallsyms excerpt (the symbols the
# captures hit, the symbol after each, _text) and user frames from symfs/ (a copy of the
# workload binary at its recorded path), with perf's build-id cache out of the way, so that the
# references depend on nothing of this machine.
# Usage: scripts/record-perfdata.sh [OUTDIR]   (default testdata/perfdata)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/testdata/perfdata}
wl_src="$root/../shared/capture/wl.c"
work=/tmp/ptrace-perfdata        # the workload's path is recorded in the captures: keep it fixed
rm -rf "$work" && mkdir -p "$work" "$out"
gcc -O2 -g -fno-omit-frame-pointer -pthread -o "$work/wl" "$wl_src"
[ -d /sys/kernel/tracing/events ] || mount -t tracefs nodev /sys/kernel/tracing
export PERF_BUILDID_DIR="$work/buildid-cache"   # perf record fills it; the references must not use it
locks="-e lock:contention_begin -e lock:contention_end -e mmap_lock:mmap_lock_start_locking
  -e mmap_lock:mmap_lock_acquire_returned -e mmap_lock:mmap_lock_released -e sched:sched_switch
  -e sched:sched_waking"
calls="-e syscalls:sys_enter_mmap -e syscalls:sys_exit_mmap -e syscalls:sys_enter_munmap
  -e syscalls:sys_exit_munmap -e syscalls:sys_enter_madvise -e syscalls:sys_exit_madvise
  -e syscalls:sys_enter_mprotect -e syscalls:sys_exit_mprotect"
cd "$work"
# file mode: the priority inversion (names the inversion), with cpu-clock samples
perf record -q -g $locks $calls -e cpu-clock -c 1000000 -o inversion.perf.data -- ./wl inversion 0.3 3 > /dev/null
# pipe mode: the madvise convoy
perf record -q -g $locks $calls -o - -- ./wl madvise 0.05 3 2> /dev/null > madvise.pipe.perf.data
# zstd-compressed file: malloc above a fixed 128 KiB mmap threshold (many waits)
MALLOC_MMAP_THRESHOLD_=131072 perf record -q -z -g $locks -e cpu-clock -c 1000000 \
  -o churn.zstd.perf.data -- ./wl churn 0.05 4 > /dev/null
# zstd-compressed pipe: a 1 GiB munmap against faulting threads
perf record -q -z -g $locks -e syscalls:sys_enter_munmap -e syscalls:sys_exit_munmap -o - \
  -- ./wl munmap 0.1 3 2> /dev/null > munmap.zstd-pipe.perf.data

# the compressed file decompressed by perf itself: the same capture, plain (no references of its
# own: its tables must be the zstd file's)
perf inject -i churn.zstd.perf.data -o churn.perf.data
gzip -9nc churn.perf.data > "$out/churn.perf.data.gz"
captures=(inversion.perf.data madvise.pipe.perf.data churn.zstd.perf.data munmap.zstd-pipe.perf.data)
fields=(-F "trace:comm,pid,tid,cpu,time,event,trace,ip,sym,symoff,dso"
        -F "sw:comm,pid,tid,cpu,time,period,event,ip,sym,symoff,dso")
# the kallsyms excerpt: every kernel symbol the captures name, the one after it, those sharing
# its address, and _text
for c in "${captures[@]}"; do
  perf script --ns "${fields[@]}" -i "$c" 2> /dev/null
done | awk '/\(\[kernel.kallsyms\]\)$/ { s = $2; sub(/\+0x[0-9a-f]+$/, "", s); print s }' \
  | sort -u > used.txt
# (the next among the types perf loads, T W D B: where perf ends a symbol without a size)
sort /proc/kallsyms | awk 'NR == FNR { used[$1] = 1; next }
  toupper($2) ~ /^[TWDB]$/ || $3 == "_text" { n++; addr[n] = $1; line[n] = $0; name[n] = $3 }
  END { for (i = 1; i <= n; i++) if (used[name[i]] || name[i] == "_text") want[addr[i]] = 1
        for (i = 1; i <= n; i++) if (want[addr[i]]) {
          for (k = i + 1; k <= n && addr[k] == addr[i]; k++) ;
          if (k <= n) next_addr[addr[k]] = 1 }
        for (i = 1; i <= n; i++) if (want[addr[i]] || next_addr[addr[i]]) print line[i] }' \
  used.txt - > "$out/kallsyms"
mkdir -p symfs/tmp/ptrace-perfdata && cp wl symfs/tmp/ptrace-perfdata/wl
strip --strip-debug symfs/tmp/ptrace-perfdata/wl
rm -rf "$out/symfs" && cp -r symfs "$out/symfs"
export PERF_BUILDID_DIR="$work/empty-cache"
mkdir -p "$PERF_BUILDID_DIR"
for c in "${captures[@]}"; do
  name=${c%.perf.data}
  # the zstd ones as they are; the others gzipped (the tool reads perf.data.gz)
  case $c in *zstd*) cp "$c" "$out/$c" ;; *) gzip -9nc "$c" > "$out/$c.gz" ;; esac
  perf script --ns "${fields[@]}" --kallsyms "$out/kallsyms" --symfs "$out/symfs" -i "$c" \
    2> /dev/null | gzip -9n > "$out/$name.perf-script.txt.gz"
  # perf 6.1's perf lock reads no pipe-mode file
  case $c in *pipe*) continue ;; esac
  perf lock contention -i "$c" > "$out/$name.perf-lock-caller.oracle" 2>&1
  perf lock contention -t -i "$c" > "$out/$name.perf-lock-thread.oracle" 2>&1
done
uname -r > "$out/KERNEL"; perf --version >> "$out/KERNEL"
ls -la "$out"
