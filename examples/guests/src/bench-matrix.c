/* Compute benchmark: integer matrix work (multiply, multiply by a constant and by a vector, bit-field
 * products), each result folded into a checksum. */
#include "bench.h"

#define N 40
#define ROUNDS (24 * SCALE)

static int16_t a[N][N], b[N][N];
static int32_t c[N][N];
static int32_t v[N], out[N];

static uint32_t fold(void) {
  uint32_t s = 0;
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) s = (s * 33) ^ (uint32_t)c[i][j];
  return s;
}

static void mat_mul(void) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      int32_t acc = 0;
      for (int k = 0; k < N; k++) acc += (int32_t)a[i][k] * (int32_t)b[k][j];
      c[i][j] = acc;
    }
}

static void mat_mul_bits(void) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) {
      int32_t acc = 0;
      for (int k = 0; k < N; k++) {
        int32_t t = (int32_t)a[i][k] * (int32_t)b[k][j];
        acc += (t >> 2) & 0xf;
        acc += (t >> 5) & 0x7f;
      }
      c[i][j] = acc;
    }
}

static void mat_const(int16_t k) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) c[i][j] = (int32_t)a[i][j] * k;
}

static void mat_vec(void) {
  for (int i = 0; i < N; i++) {
    int32_t acc = 0;
    for (int j = 0; j < N; j++) acc += (int32_t)a[i][j] * v[j];
    out[i] = acc;
  }
}

static void mat_add(int16_t k) {
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++) a[i][j] = (int16_t)(a[i][j] + k);
}

static uint32_t kernel(void) {
  for (int i = 0; i < N; i++) {
    v[i] = (int32_t)(bench_rng() % 2001) - 1000;
    for (int j = 0; j < N; j++) {
      a[i][j] = (int16_t)((bench_rng() & 0x1ff) - 256);
      b[i][j] = (int16_t)((bench_rng() & 0x1ff) - 256);
    }
  }
  uint32_t check = 0;
  for (int round = 0; round < ROUNDS; round++) {
    int16_t k = (int16_t)(round * 7 - 40);
    mat_add(k);
    mat_const(k);
    check += fold();
    mat_vec();
    for (int i = 0; i < N; i++) check = (check << 3 | check >> 29) ^ (uint32_t)out[i];
    mat_mul();
    check += fold();
    mat_mul_bits();
    check ^= fold();
    mat_add((int16_t)-k);
  }
  return check;
}

int main(void) {
  bench_report("matrix", ROUNDS, bench_repeat(kernel));
  return 0;
}
