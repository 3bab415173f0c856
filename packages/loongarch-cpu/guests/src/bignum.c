/* Big-number work: 200! in base 10^9 limbs, Fibonacci(2000) with 64-bit limbs and carries, 128-bit
   multiply (mul.d/mulh.du/mulh.d), and a 64-bit modular exponentiation built on 128-bit products. */
#include "rt.h"

typedef unsigned __int128 u128;
typedef __int128 i128;

static u32 fact[400];
static u64 fa[64], fb[64];

static void print_base1e9(const u32 *v, int n) {
  put_u64(v[n - 1]);
  for (int i = n - 2; i >= 0; i--) {
    u32 x = v[i];
    char d[9];
    for (int k = 8; k >= 0; k--) {
      d[k] = (char)('0' + x % 10);
      x /= 10;
    }
    for (int k = 0; k < 9; k++) put_char(d[k]);
  }
}

static u64 mulmod(u64 a, u64 b, u64 m) {
  u128 p = (u128)a * b;
  /* 128-by-64 remainder by shift-subtract (no __umodti3 in a freestanding build) */
  u64 hi = (u64)(p >> 64), lo = (u64)p, r = hi % m;
  for (int i = 63; i >= 0; i--) {
    u64 top = r >> 63;
    r = (r << 1) | ((lo >> i) & 1);
    if (top || r >= m) r -= m;
  }
  return r;
}
static u64 powmod(u64 b, u64 e, u64 m) {
  u64 r = 1 % m;
  b %= m;
  while (e) {
    if (e & 1) r = mulmod(r, b, m);
    b = mulmod(b, b, m);
    e >>= 1;
  }
  return r;
}

int main(int argc, char **argv, char **envp) {
  (void)argc, (void)argv, (void)envp;
  int n = 1;
  fact[0] = 1;
  for (u32 k = 2; k <= 200; k++) {
    u64 carry = 0;
    for (int i = 0; i < n; i++) {
      u64 t = (u64)fact[i] * k + carry;
      fact[i] = (u32)(t % 1000000000u);
      carry = t / 1000000000u;
    }
    while (carry) {
      fact[n++] = (u32)(carry % 1000000000u);
      carry /= 1000000000u;
    }
  }
  puts_("200! = ");
  print_base1e9(fact, n);
  put_nl();

  int len = 1;
  fa[0] = 0;
  fb[0] = 1;
  for (int k = 0; k < 2000; k++) {
    u64 carry = 0;
    for (int i = 0; i < len; i++) {
      u128 s = (u128)fa[i] + fb[i] + carry;
      fa[i] = fb[i];
      fb[i] = (u64)s;
      carry = (u64)(s >> 64);
    }
    if (carry) {
      fa[len] = 0;
      fb[len++] = carry;
    }
  }
  puts_("fib(2001) limbs ");
  put_u64((u64)len);
  puts_(" = 0x");
  for (int i = len - 1; i >= 0; i--) put_hex(fb[i], 16);
  put_nl();

  u64 acc = 0x0123456789abcdefUL;
  i64 sacc = -0x0123456789abcdefL;
  for (int i = 0; i < 1000; i++) {
    u128 p = (u128)acc * 0xfedcba9876543211UL;
    acc = (u64)p ^ (u64)(p >> 64);
    i128 q = (i128)sacc * (i64)(acc | 1);
    sacc = (i64)q ^ (i64)(q >> 64);
  }
  puts_("mul128 ");
  put_hex(acc, 16);
  put_char(' ');
  put_hex((u64)sacc, 16);
  put_nl();

  puts_("powmod ");
  put_u64(powmod(2, 1000000007UL - 1, 1000000007UL));
  put_char(' ');
  put_u64(powmod(0x123456789UL, 0xfffffffffffffffUL, 0xffffffffffffffc5UL));
  put_char(' ');
  put_u64(powmod(3, 65537, 0x7fffffffffffffe7UL));
  put_nl();
  return 0;
}
