/* Recursion, function pointers, switch tables, atomics, bit tricks and divisions by constants. */
#include "rt.h"

static u64 fib(u32 n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static u64 ack(u64 m, u64 n) {
  if (m == 0) return n + 1;
  if (n == 0) return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}
static u64 hanoi(int n, int a, int b, int c, u64 *sig) {
  if (n == 0) return 0;
  u64 k = hanoi(n - 1, a, c, b, sig);
  *sig = *sig * 3 + (u64)(a * 3 + c);
  return k + 1 + hanoi(n - 1, c, b, a, sig);
}
static int queens(int n, int row, u32 cols, u32 d1, u32 d2) {
  if (row == n) return 1;
  int count = 0;
  for (u32 avail = ~(cols | d1 | d2) & ((1u << n) - 1); avail; avail &= avail - 1) {
    u32 bit = avail & -avail;
    count += queens(n, row + 1, cols | bit, (d1 | bit) << 1, (d2 | bit) >> 1);
  }
  return count;
}

static i64 op_add(i64 a, i64 b) { return a + b; }
static i64 op_sub(i64 a, i64 b) { return a - b; }
static i64 op_mul(i64 a, i64 b) { return a * b; }
static i64 op_div(i64 a, i64 b) { return b ? a / b : 0; }
static i64 op_mod(i64 a, i64 b) { return b ? a % b : 0; }
static i64 op_xor(i64 a, i64 b) { return a ^ b; }
static i64 (*const ops[])(i64, i64) = {op_add, op_sub, op_mul, op_div, op_mod, op_xor};

__attribute__((noinline)) static int classify(int c) {
  switch (c) {
  case 0: return 17;
  case 1: return 4;
  case 2: return 99;
  case 3: return -5;
  case 4: return 1000;
  case 5: return 3;
  case 6: return 77;
  case 7: return 12;
  case 8: return -40;
  case 9: return 8;
  case 10: return 55;
  case 11: return 2;
  default: return c * 2;
  }
}

static long counter;
static int flag;
static u64 bits = 0xf0f0;

int main(int argc, char **argv, char **envp) {
  (void)argc, (void)argv, (void)envp;
  puts_("fib(25) ");
  put_u64(fib(25));
  puts_(" ack(2,300) ");
  put_u64(ack(2, 300));
  u64 sig = 0;
  puts_(" hanoi(16) ");
  put_u64(hanoi(16, 0, 1, 2, &sig));
  put_char(' ');
  put_hex(sig, 16);
  puts_(" queens(9) ");
  put_u64((u64)queens(9, 0, 0, 0, 0));
  put_nl();

  i64 acc = 1;
  for (int i = 0; i < 20000; i++) acc = ops[(u64)(acc ^ i) % 6](acc, i * 7 + 1) + 3;
  puts_("fnptr ");
  put_i64(acc);
  put_nl();

  i64 s = 0;
  for (int i = 0; i < 50000; i++) s += classify((i * 13) % 15);
  puts_("switch ");
  put_i64(s);
  put_nl();

  for (int i = 0; i < 1000; i++) {
    __atomic_fetch_add(&counter, i, __ATOMIC_SEQ_CST);
    __atomic_fetch_sub(&counter, 3, __ATOMIC_RELAXED);
    long expected = __atomic_load_n(&counter, __ATOMIC_ACQUIRE);
    while (!__atomic_compare_exchange_n(&counter, &expected, expected ^ 0x55, 0, __ATOMIC_SEQ_CST,
                                        __ATOMIC_SEQ_CST)) {
    }
    __atomic_fetch_or(&bits, (u64)1 << (i & 63), __ATOMIC_SEQ_CST);
    __atomic_fetch_and(&bits, ~((u64)1 << ((i * 7) & 63)), __ATOMIC_SEQ_CST);
    __atomic_fetch_xor(&bits, (u64)i << 20, __ATOMIC_SEQ_CST);
  }
  int old = __atomic_exchange_n(&flag, 7, __ATOMIC_SEQ_CST);
  int cas32 = 7;
  int ok = __atomic_compare_exchange_n(&flag, &cas32, 9, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
  puts_("atomics ");
  put_i64(counter);
  put_char(' ');
  put_hex(bits, 16);
  put_char(' ');
  put_i64(old);
  put_char(' ');
  put_i64(ok);
  put_char(' ');
  put_i64(flag);
  put_nl();

  u64 h = 0;
  for (u64 v = 1; v < 3000000000000000000UL; v = v * 3 + 1) {
    h = h * 31 + (u64)__builtin_popcountll(v) + (u64)__builtin_clzll(v) * 64 + (u64)__builtin_ctzll(v | (v << 40));
    h ^= __builtin_bswap64(v) ^ __builtin_bswap32((u32)v);
    h = (h << 13) | (h >> 51);
    h += v / 7 + v % 1000 + (u64)((i64)v / -13) + (u32)v / 10u;
  }
  puts_("bits ");
  put_hex(h, 16);
  put_nl();
  return 0;
}
