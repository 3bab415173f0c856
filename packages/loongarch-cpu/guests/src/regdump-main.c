/* Runs every instruction-class block of blocks.S with the same edge register values and prints
   all 32 GPRs and the scratch buffer in hex. */
#include "regdump.h"

struct block_entry {
  const char *name;
  block_fn fn;
};
extern const struct block_entry block_table[];

static const u64 edge[32] = {
    0,
    0,                    /* r1 */
    1,                    /* r2 */
    0xffffffffffffffffUL, /* r3 = -1 */
    2,
    0xfffffffffffffffeUL,
    0x7fffffffUL,
    0x80000000UL,
    0xffffffffUL,
    0xffffffff80000000UL, /* r9 = INT32_MIN */
    0x7fffffffffffffffUL, /* r10 */
    0x8000000000000000UL, /* r11 = INT64_MIN */
    0x8000000000000001UL,
    0x100000000UL,
    0x123456789abcdef0UL, /* r14 */
    0xfedcba9876543210UL, /* r15 */
    31,
    32,
    63,
    64,
    0xff,                 /* r20: the result register */
    0,                    /* r21: scratch base, set by the harness */
    0x8000,
    0x7fff,
    0xffff,
    0x5555555555555555UL,
    0xaaaaaaaaaaaaaaaaUL,
    0xfffffffeUL,
    0xffffffff00000000UL,
    0x80000001UL,
    3,
    7,
};

static regdump_ctx ctx;

int main(int argc, char **argv, char **envp) {
  (void)argc, (void)argv, (void)envp;
  for (const struct block_entry *b = block_table; b->name; b++) {
    for (int i = 0; i < 32; i++) ctx.init[i] = edge[i];
    for (int i = 0; i < 2048; i++) ctx.scratch[i] = (u8)(i * 7 + 3);
    b->fn(&ctx);
    puts_("== ");
    puts_(b->name);
    put_nl();
    for (int i = 0; i < 32; i++) {
      put_char('r');
      put_u64((u64)i);
      put_char('=');
      put_hex(i == 21 ? ctx.out[i] - (u64)&ctx : ctx.out[i], 16);
      put_char((i & 3) == 3 ? '\n' : ' ');
    }
    for (int i = 0; i < 2048; i += 32) {
      put_hex((u64)i, 3);
      put_char(':');
      for (int j = 0; j < 32; j += 8) {
        u64 v = 0;
        for (int k = 7; k >= 0; k--) v = (v << 8) | ctx.scratch[i + j + k];
        put_char(' ');
        put_hex(v, 16);
      }
      put_nl();
    }
  }
  return 0;
}
