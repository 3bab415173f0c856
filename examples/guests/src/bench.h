/* Shared by the compute benchmark guests (bench-*.c): a deterministic generator and the checksum report.
 * The same sources build as bare-metal virt guests (board.c) and as linux-user programs (linux-rt.c);
 * both provide the board.h printing functions. SCALE multiplies each guest's work for longer runs. */
#ifndef GUEST_BENCH_H
#define GUEST_BENCH_H
#include "board.h"

#ifndef SCALE
#define SCALE 1
#endif

/* Repetitions of the whole kernel: the word after the "REPS" marker, 1 in the committed ELFs. The benchmark
 * harness (scripts/bench.mjs) patches it in a copy of the ELF to time QEMU over a longer run; every
 * repetition restarts from the same seed and state, so it executes exactly the same instructions. */
static volatile uint32_t bench_reps[2] = {0x53504552u, 1};

#define BENCH_SEED 0x2545f491u
static uint32_t bench_rng_state = BENCH_SEED;
static inline uint32_t bench_rng(void) {
  bench_rng_state ^= bench_rng_state << 13;
  bench_rng_state ^= bench_rng_state >> 17;
  bench_rng_state ^= bench_rng_state << 5;
  return bench_rng_state;
}

/* Runs `kernel` bench_reps times (each from the same seed) and reports its checksum. */
static inline uint32_t bench_repeat(uint32_t (*kernel)(void)) {
  uint32_t check = 0;
  for (uint32_t r = 0; r < bench_reps[1]; r++) {
    bench_rng_state = BENCH_SEED;
    check = kernel();
  }
  return check;
}

static inline void bench_report(const char *name, uint32_t rounds, uint32_t check) {
  puts(name);
  puts(" rounds ");
  put_dec(rounds);
  puts(" checksum 0x");
  put_hex(check, 8);
  puts("\n");
}
#endif
