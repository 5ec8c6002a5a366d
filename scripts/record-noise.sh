#!/bin/bash
# Records one more run of a program of testdata/noise, with the events of testdata/captures.
# Usage: record-noise.sh OUTDIR messaging|xz|zstd N   (root, perf; xz and zstd for theirs)
# Writes PROGRAM-N.txt.gz (perf script). xz and zstd read 16 MB of base64 text (random bytes,
# encoded), made once in OUTDIR.
set -euo pipefail
OUT=$1 PROG=$2 N=$3; mkdir -p "$OUT"
EV="-e lock:contention_begin -e lock:contention_end -e mmap_lock:mmap_lock_start_locking"
EV="$EV -e mmap_lock:mmap_lock_acquire_returned -e mmap_lock:mmap_lock_released"
EV="$EV -e sched:sched_switch -e sched:sched_waking"
for s in munmap mmap madvise mprotect; do EV="$EV -e syscalls:sys_enter_$s -e syscalls:sys_exit_$s"; done
TEXT=$OUT/text.b64; [ -f "$TEXT" ] || head -c 12M /dev/urandom | base64 > "$TEXT"
case $PROG in
  messaging) CMD=(perf bench sched messaging -g 2 -l 20) ;;
  xz) CMD=(xz -T2 -1 -c "$TEXT") ;;
  zstd) CMD=(zstd -q -T2 -3 -c "$TEXT") ;;
  *) echo "record-noise.sh: no such program: $PROG" >&2; exit 2 ;;
esac
perf record -q -g -o "$OUT/$PROG-$N.data" $EV -- "${CMD[@]}" > /dev/null
perf script -i "$OUT/$PROG-$N.data" 2> /dev/null | gzip -9 > "$OUT/$PROG-$N.txt.gz"
rm -f "$OUT/$PROG-$N.data" "$OUT/$PROG-$N.data.old"
