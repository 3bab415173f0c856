/* Runs the first fuzz_count patched fuzz slots. Slot i starts with registers fuzz_init[i][*] (r21 = scratch
   base) and a scratch buffer filled from i; it prints one line: slot, r0..r31 (r21 relative to the context)
   and an FNV-1a hash of the scratch buffer. */
#include "regdump.h"

extern block_fn const fuzz_slots[];
extern u64 fuzz_count;
extern u64 fuzz_init[][32];

static regdump_ctx ctx;

int main(int argc, char **argv, char **envp) {
  (void)argc, (void)argv, (void)envp;
  for (u64 s = 0; s < fuzz_count; s++) {
    for (int i = 0; i < 32; i++) ctx.init[i] = fuzz_init[s][i];
    u64 x = 0x9e3779b97f4a7c15UL ^ s;
    for (int i = 0; i < 2048; i++) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      ctx.scratch[i] = (u8)x;
    }
    fuzz_slots[s](&ctx);
    u64 h = 0xcbf29ce484222325UL;
    for (int i = 0; i < 2048; i++) h = (h ^ ctx.scratch[i]) * 0x100000001b3UL;
    put_u64(s);
    for (int i = 0; i < 32; i++) {
      put_char(' ');
      put_hex(i == 21 ? ctx.out[i] - (u64)&ctx : ctx.out[i], 16);
    }
    put_char(' ');
    put_hex(h, 16);
    put_nl();
    flush();
  }
  return 0;
}
