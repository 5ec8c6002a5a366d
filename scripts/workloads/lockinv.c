// lockinv: a priority inversion on mmap_lock with the priorities as parameters, to check that
// ptrace-analyze finds the inversion whatever the priorities (a workload of our own, unlike
// ../shared/capture/wl.c). All threads share CPU 0. One low-priority thread (nice HOLDER_NICE)
// populates 64 MiB ranges with MADV_POPULATE_WRITE, holding mmap_lock for read; a CPU hog at
// nice 0 preempts it; a writer (munmap of a fresh mapping) queues for write; READERS readers
// (MADV_POPULATE_WRITE of 64 KiB) queue behind the writer. With FIFO_PRIO > 0 the writer and
// the readers run SCHED_FIFO at that priority.
// Build: gcc -O2 -g -fno-omit-frame-pointer -pthread -o lockinv lockinv.c
// Usage: lockinv SECONDS HOLDER_NICE READERS FIFO_PRIO
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static volatile int stop;
static char *region;
static const size_t regsz = 256UL << 20, chunk = 64UL << 20;
static int holder_nice, fifo_prio;

static void pin0(void) { cpu_set_t c; CPU_ZERO(&c); CPU_SET(0, &c); sched_setaffinity(0, sizeof c, &c); }
static void waiter_priority(void) {
  if (fifo_prio > 0) { struct sched_param p = {.sched_priority = fifo_prio}; pthread_setschedparam(pthread_self(), SCHED_FIFO, &p); }
}
static void *holder(void *a) {
  pin0(); setpriority(PRIO_PROCESS, syscall(SYS_gettid), holder_nice); long n = 0;
  while (!stop) { size_t off = (n % (regsz / chunk)) * chunk; madvise(region + off, chunk, MADV_POPULATE_WRITE); madvise(region + off, chunk, MADV_DONTNEED); n++; }
  return (void *)n;
}
static void *hog(void *a) { pin0(); volatile long x = 0; while (!stop) x++; return 0; }
static void *writer(void *a) {
  pin0(); waiter_priority(); long n = 0;
  while (!stop) { char *p = mmap(0, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0); p[0] = 1; munmap(p, 1 << 20); usleep(3000); n++; }
  return (void *)n;
}
static void *reader(void *a) {
  pin0(); waiter_priority(); char *pg = mmap(0, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0); long n = 0;
  while (!stop) { madvise(pg, 64 << 10, MADV_POPULATE_WRITE); madvise(pg, 1 << 20, MADV_DONTNEED); usleep(700); n++; }
  return (void *)n;
}
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }

int main(int argc, char **argv) {
  if (argc != 5) { fprintf(stderr, "usage: %s SECONDS HOLDER_NICE READERS FIFO_PRIO\n", argv[0]); return 2; }
  double secs = atof(argv[1]); holder_nice = atoi(argv[2]); int readers = atoi(argv[3]); fifo_prio = atoi(argv[4]);
  region = mmap(0, regsz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  pthread_t th[64]; int k = 0;
  pthread_create(&th[k++], 0, holder, 0); pthread_create(&th[k++], 0, hog, 0); pthread_create(&th[k++], 0, writer, 0);
  for (int i = 0; i < readers && k < 64; i++) pthread_create(&th[k++], 0, reader, 0);
  double t0 = now(); while (now() - t0 < secs) usleep(10000); stop = 1; long tot = 0;
  for (int i = 0; i < k; i++) { void *r; pthread_join(th[i], &r); tot += (long)r; }
  printf("lockinv: %d threads, %ld ops in %.2fs\n", k, tot, now() - t0); return 0;
}
