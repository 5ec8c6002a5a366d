/*
 * A CPU-bound loop through two functions the compiler must inline (always_inline), for
 * perf script --inline: each sample's callchain, unwound with DWARF, shows them as
 * "ADDRESS NAME (inlined)" lines above the function they were inlined into.
 * Build: gcc -O2 -g -fno-omit-frame-pointer -o inlined inlined.c; run: ./inlined [ROUNDS]
 */
#include <stdio.h>
#include <stdlib.h>

static inline __attribute__((always_inline)) unsigned mix(unsigned x) {
    for (int i = 0; i < 64; i++) {
        x = x * 2654435761u + (x >> 13);
    }
    return x;
}

static inline __attribute__((always_inline)) unsigned step(unsigned x) {
    return mix(x) ^ mix(x + 1);
}

__attribute__((noinline)) unsigned work(unsigned rounds) {
    unsigned acc = 0;
    for (unsigned i = 0; i < rounds; i++) {
        acc += step(i);
    }
    return acc;
}

int main(int argc, char **argv) {
    unsigned rounds = argc > 1 ? (unsigned) atoi(argv[1]) : 3000000;
    printf("%u\n", work(rounds));
    return 0;
}
