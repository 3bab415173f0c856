/* Sorting: insertion sort, quicksort, merge sort and heap sort of PRNG data; prints checksums. */
#include "rt.h"

#define N 20000
static u64 a[N], b[N], tmp[N];
static u32 w[N];

static u64 rng = 88172645463325252UL;
static u64 next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static void quicksort(u64 *v, long lo, long hi) {
  while (lo < hi) {
    u64 p = v[(lo + hi) / 2];
    long i = lo, j = hi;
    while (i <= j) {
      while (v[i] < p) i++;
      while (v[j] > p) j--;
      if (i <= j) {
        u64 t = v[i];
        v[i] = v[j];
        v[j] = t;
        i++, j--;
      }
    }
    if (j - lo < hi - i) {
      quicksort(v, lo, j);
      lo = i;
    } else {
      quicksort(v, i, hi);
      hi = j;
    }
  }
}

static void mergesort(u64 *v, u64 *t, size_t n) {
  if (n < 2) return;
  size_t h = n / 2;
  mergesort(v, t, h);
  mergesort(v + h, t, n - h);
  size_t i = 0, j = h, k = 0;
  while (i < h && j < n) t[k++] = v[i] <= v[j] ? v[i++] : v[j++];
  while (i < h) t[k++] = v[i++];
  while (j < n) t[k++] = v[j++];
  memcpy(v, t, n * sizeof *v);
}

static void sift(u32 *v, size_t i, size_t n) {
  for (;;) {
    size_t c = 2 * i + 1;
    if (c >= n) return;
    if (c + 1 < n && v[c + 1] > v[c]) c++;
    if (v[i] >= v[c]) return;
    u32 t = v[i];
    v[i] = v[c];
    v[c] = t;
    i = c;
  }
}
static void heapsort(u32 *v, size_t n) {
  for (size_t i = n / 2; i-- > 0;) sift(v, i, n);
  for (size_t e = n; e-- > 1;) {
    u32 t = v[0];
    v[0] = v[e];
    v[e] = t;
    sift(v, 0, e);
  }
}

static void insertion(u64 *v, size_t n) {
  for (size_t i = 1; i < n; i++) {
    u64 x = v[i];
    size_t j = i;
    while (j > 0 && v[j - 1] > x) {
      v[j] = v[j - 1];
      j--;
    }
    v[j] = x;
  }
}

static u64 check(const u64 *v, size_t n, int *sorted) {
  u64 h = 1469598103934665603UL;
  *sorted = 1;
  for (size_t i = 0; i < n; i++) {
    h = (h ^ v[i]) * 1099511628211UL;
    if (i && v[i - 1] > v[i]) *sorted = 0;
  }
  return h;
}

int main(int argc, char **argv, char **envp) {
  (void)argc, (void)argv, (void)envp;
  for (int i = 0; i < N; i++) {
    a[i] = b[i] = next();
    w[i] = (u32)next();
  }
  int ok;
  quicksort(a, 0, N - 1);
  u64 h = check(a, N, &ok);
  puts_("quicksort ");
  put_hex(h, 16);
  puts_(ok ? " sorted\n" : " NOT sorted\n");
  mergesort(b, tmp, N);
  puts_("mergesort ");
  put_hex(check(b, N, &ok), 16);
  puts_(ok && memcmp(a, b, sizeof a) == 0 ? " same\n" : " DIFFERENT\n");
  heapsort(w, N);
  u64 s = 0;
  for (int i = 0; i < N; i++) s = s * 31 + w[i];
  puts_("heapsort ");
  put_hex(s, 16);
  put_nl();
  for (int i = 0; i < 2000; i++) a[i] = next() % 1000;
  insertion(a, 2000);
  puts_("insertion ");
  put_hex(check(a, 2000, &ok), 16);
  puts_(ok ? " sorted\n" : " NOT sorted\n");
  puts_("median ");
  put_u64(a[1000]);
  put_nl();
  return 0;
}
