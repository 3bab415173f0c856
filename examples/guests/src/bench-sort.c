/* Compute benchmark: quicksort (median of three, insertion sort for short runs) of 32-bit keys and heap
 * sort of 64-bit keys, each checked for order and folded into a checksum. */
#include "bench.h"

#define N 3000
#define ROUNDS (20 * SCALE)

static int32_t k32[N];
static uint64_t k64[N];

static void swap32(int32_t *a, int32_t *b) {
  int32_t t = *a;
  *a = *b;
  *b = t;
}

static void quicksort(int32_t *x, int n) {
  while (n > 12) {
    int m = n / 2;
    if (x[m] < x[0]) swap32(&x[m], &x[0]);
    if (x[n - 1] < x[0]) swap32(&x[n - 1], &x[0]);
    if (x[n - 1] < x[m]) swap32(&x[n - 1], &x[m]);
    int32_t pivot = x[m];
    int i = 0, j = n - 1;
    for (;;) {
      while (x[i] < pivot) i++;
      while (x[j] > pivot) j--;
      if (i >= j) break;
      swap32(&x[i], &x[j]);
      i++;
      j--;
    }
    /* recurse into the smaller half, loop on the larger one */
    if (j + 1 < n - j - 1) {
      quicksort(x, j + 1);
      x += j + 1;
      n -= j + 1;
    } else {
      quicksort(x + j + 1, n - j - 1);
      n = j + 1;
    }
  }
  for (int i = 1; i < n; i++) {
    int32_t t = x[i];
    int j = i;
    for (; j > 0 && x[j - 1] > t; j--) x[j] = x[j - 1];
    x[j] = t;
  }
}

static void sift(uint64_t *x, int root, int n) {
  for (;;) {
    int child = 2 * root + 1;
    if (child >= n) return;
    if (child + 1 < n && x[child + 1] > x[child]) child++;
    if (x[root] >= x[child]) return;
    uint64_t t = x[root];
    x[root] = x[child];
    x[child] = t;
    root = child;
  }
}

static void heapsort(uint64_t *x, int n) {
  for (int i = n / 2 - 1; i >= 0; i--) sift(x, i, n);
  for (int end = n - 1; end > 0; end--) {
    uint64_t t = x[0];
    x[0] = x[end];
    x[end] = t;
    sift(x, 0, end);
  }
}

static uint32_t kernel(void) {
  uint32_t check = 0;
  for (int round = 0; round < ROUNDS; round++) {
    for (int i = 0; i < N; i++) {
      k32[i] = (int32_t)bench_rng() >> (round & 7);
      k64[i] = ((uint64_t)bench_rng() << 32) | bench_rng();
    }
    quicksort(k32, N);
    heapsort(k64, N);
    uint64_t h = 0xcbf29ce484222325ull;
    for (int i = 0; i < N; i++) {
      if (i && (k32[i - 1] > k32[i] || k64[i - 1] > k64[i])) check ^= 0x40000000u;
      h = (h ^ (uint32_t)k32[i]) * 0x100000001b3ull;
      h ^= k64[i] >> 17;
    }
    check += (uint32_t)(h ^ (h >> 32));
  }
  return check;
}

int main(void) {
  bench_report("sort", ROUNDS, bench_repeat(kernel));
  return 0;
}
