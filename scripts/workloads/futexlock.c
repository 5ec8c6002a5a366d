// futexlock: threads that wait on user-space locks, with the program's own account of the
// waiting to check ptrace-analyze's against (clock_gettime(CLOCK_MONOTONIC), the clock of
// `perf record -k CLOCK_MONOTONIC`, so the log and the trace share a time base).
//
//   futexlock mutex SECONDS THREADS HOLD_US OUTSIDE_US
//     THREADS threads take one pthread mutex in a loop, hold it for HOLD_US of CPU work and
//     work OUTSIDE_US outside it. Prints each hold ("hold TID BEGIN_NS END_NS") and, per
//     thread, the time spent in pthread_mutex_lock ("thread TID locks N wait_ns W hold_ns H").
//   futexlock condvar SECONDS PRODUCERS CONSUMERS ITEM_US
//     PRODUCERS threads each make an item every ITEM_US (CPU work, a little longer for each
//     next producer, so that they signal at different times), queue it and signal one
//     condition variable; CONSUMERS threads wait on it. Prints each signal ("signal TID
//     NS") right after pthread_cond_signal returns (and the main thread's broadcast that
//     stops the consumers), each wait of a consumer ("wait TID BEGIN_NS END_NS"), and per
//     thread its totals.
//
//   futexlock inversion|inversion-pi SECONDS WAITERS HOLD_US OUTSIDE_US
//     A priority inversion on a pthread mutex (inversion-pi: a PTHREAD_PRIO_INHERIT one, taken
//     with FUTEX_LOCK_PI): all threads on CPU 0, a nice-19 locker and WAITERS nice-0 lockers
//     take the mutex as in mutex mode, and a nice-0 CPU hog keeps the nice-19 one off CPU
//     while it holds it. Prints the holds and totals as mutex mode does.
//
// A last argument LINGER_MS keeps each thread alive that long after the run: bpftrace 0.17
// names a thread's user frames only while the thread lives (scripts/bpftrace/locks.bt).
//
// The first lines name the lock words: "mutex 0xADDR", "cond 0xADDR" (the futex word
// pthread_cond_wait sleeps on is inside the condition variable), "pid PID".
// Build: gcc -O2 -g -fno-omit-frame-pointer -pthread -o futexlock futexlock.c
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define MAX_THREADS 64
#define MAX_EVENTS 200000

typedef struct { int tid; char kind; long long a, b; } event_t;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t nonempty = PTHREAD_COND_INITIALIZER;
static volatile int stop;
static long long hold_ns, outside_ns, item_ns;
static event_t events[MAX_EVENTS];
static int nevents;
static int queued;
static long linger_ms;

typedef struct { int tid, index; long long locks, wait_ns, hold_ns, items; } stats_t;
static stats_t stats[MAX_THREADS];

static long long now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void spin(long long ns) {
  long long end = now() + ns;
  while (now() < end) {
  }
}

// called with the mutex held: the log needs no lock of its own
static void note(int tid, char kind, long long a, long long b) {
  if (nevents < MAX_EVENTS) events[nevents++] = (event_t){tid, kind, a, b};
}

static void *linger(void) {
  if (linger_ms > 0) usleep((useconds_t)(linger_ms * 1000));
  return 0;
}

static int inversion;

// in inversion mode: on CPU 0, the first locker at nice 19
static void place(stats_t *s) {
  if (!inversion) return;
  cpu_set_t c;
  CPU_ZERO(&c);
  CPU_SET(0, &c);
  sched_setaffinity(0, sizeof c, &c);
  setpriority(PRIO_PROCESS, s->tid, s->index == 0 ? 19 : 0);
}

static void *hog(void *arg) {
  stats_t *s = arg;
  s->tid = syscall(SYS_gettid);
  s->index = 1;
  place(s);
  while (!stop) {
  }
  return linger();
}

static void *locker(void *arg) {
  stats_t *s = arg;
  s->tid = syscall(SYS_gettid);
  place(s);
  while (!stop) {
    long long t0 = now();
    pthread_mutex_lock(&lock);
    long long t1 = now();
    spin(hold_ns);
    long long t2 = now();
    note(s->tid, 'h', t1, t2);
    pthread_mutex_unlock(&lock);
    s->locks++;
    s->wait_ns += t1 - t0;
    s->hold_ns += t2 - t1;
    spin(outside_ns);
  }
  return linger();
}

static void *producer(void *arg) {
  stats_t *s = arg;
  s->tid = syscall(SYS_gettid);
  while (!stop) {
    spin(item_ns + s->index * item_ns / 7);
    pthread_mutex_lock(&lock);
    queued++;
    pthread_cond_signal(&nonempty);
    note(s->tid, 's', now(), 0);
    pthread_mutex_unlock(&lock);
    s->items++;
  }
  return linger();
}

static void *consumer(void *arg) {
  stats_t *s = arg;
  s->tid = syscall(SYS_gettid);
  pthread_mutex_lock(&lock);
  while (!stop) {
    while (queued == 0 && !stop) {
      long long t0 = now();
      pthread_cond_wait(&nonempty, &lock);
      long long t1 = now();
      note(s->tid, 'w', t0, t1);
      s->wait_ns += t1 - t0;
    }
    if (queued > 0) {
      queued--;
      s->items++;
    }
  }
  pthread_mutex_unlock(&lock);
  return linger();
}

int main(int argc, char **argv) {
  inversion = argc >= 2 && !strncmp(argv[1], "inversion", 9);
  if (argc < 6 || argc > 7 || (strcmp(argv[1], "mutex") && strcmp(argv[1], "condvar")
                               && strcmp(argv[1], "inversion")
                               && strcmp(argv[1], "inversion-pi"))) {
    fprintf(stderr, "usage: %s mutex SECONDS THREADS HOLD_US OUTSIDE_US [LINGER_MS]\n"
                    "       %s condvar SECONDS PRODUCERS CONSUMERS ITEM_US [LINGER_MS]\n"
                    "       %s inversion|inversion-pi SECONDS WAITERS HOLD_US OUTSIDE_US"
                    " [LINGER_MS]\n", argv[0], argv[0], argv[0]);
    return 2;
  }
  int mutex = strcmp(argv[1], "condvar") != 0;
  if (!strcmp(argv[1], "inversion-pi")) {
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_setprotocol(&attr, PTHREAD_PRIO_INHERIT);
    pthread_mutex_init(&lock, &attr);
  }
  double secs = atof(argv[2]);
  int a = atoi(argv[3]), b = atoi(argv[4]);
  int n = inversion ? a + 2 : mutex ? a : a + b;
  if (n < 1 || n > MAX_THREADS) {
    fprintf(stderr, "futexlock: 1 to %d threads\n", MAX_THREADS);
    return 2;
  }
  hold_ns = atoll(argv[4]) * 1000;
  outside_ns = atoll(argv[5]) * 1000;
  item_ns = atoll(argv[5]) * 1000;
  linger_ms = argc == 7 ? atol(argv[6]) : 0;
  printf("pid %d\nmutex %p\ncond %p\n", getpid(), (void *)&lock, (void *)&nonempty);
  fflush(stdout);
  pthread_t th[MAX_THREADS];
  for (int i = 0; i < n; i++) {
    stats[i].index = mutex ? i : i < a ? i : i - a;
    void *(*fn)(void *) = inversion && i == 1 ? hog : mutex ? locker
                          : i < a ? producer : consumer;
    pthread_create(&th[i], 0, fn, &stats[i]);
  }
  usleep((useconds_t)(secs * 1e6));
  pthread_mutex_lock(&lock);
  stop = 1;
  pthread_cond_broadcast(&nonempty);
  if (!mutex) note(syscall(SYS_gettid), 's', now(), 0);
  pthread_mutex_unlock(&lock);
  for (int i = 0; i < n; i++) pthread_join(th[i], 0);
  for (int i = 0; i < nevents; i++) {
    event_t *e = &events[i];
    if (e->kind == 'h') printf("hold %d %lld %lld\n", e->tid, e->a, e->b);
    else if (e->kind == 's') printf("signal %d %lld\n", e->tid, e->a);
    else printf("wait %d %lld %lld\n", e->tid, e->a, e->b);
  }
  for (int i = 0; i < n; i++) {
    stats_t *s = &stats[i];
    const char *role = inversion && i < 2 ? (i == 0 ? "low" : "hog")
                       : mutex ? "locker" : i < a ? "producer" : "consumer";
    printf("thread %d %s locks %lld wait_ns %lld hold_ns %lld items %lld\n", s->tid, role,
           s->locks, s->wait_ns, s->hold_ns, s->items);
  }
  return 0;
}
