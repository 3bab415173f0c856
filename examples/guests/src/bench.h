/* Shared by the compute benchmark guests (bench-*.c): a deterministic generator and the checksum report.
 * The same sources build as bare-metal virt guests (board.c) and as linux-user programs (linux-rt.c);
 * both provide the board.h printing functions. SCALE multiplies each guest's work for longer runs. */
#ifndef GUEST_BENCH_H
#define GUEST_BENCH_H
#include "board.h"

#ifndef SCALE
#define SCALE 1
#endif

static uint32_t bench_rng_state = 0x2545f491u;
static inline uint32_t bench_rng(void) {
  bench_rng_state ^= bench_rng_state << 13;
  bench_rng_state ^= bench_rng_state >> 17;
  bench_rng_state ^= bench_rng_state << 5;
  return bench_rng_state;
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
