/* Compute benchmark: linked-list processing (build, find, reverse, remove/reinsert, merge sort by two keys)
 * over a static pool, folded into a checksum. */
#include "bench.h"

#define N 600
#define ROUNDS (120 * SCALE)

struct item {
  struct item *next;
  int32_t key;
  int16_t tag;
  uint16_t idx;
};
static struct item pool[N];

static int cmp_key(const struct item *a, const struct item *b) { return a->key - b->key; }
static int cmp_tag(const struct item *a, const struct item *b) {
  return a->tag != b->tag ? a->tag - b->tag : a->idx - b->idx;
}

/* bottom-up merge sort of a singly linked list (no recursion, no extra memory) */
static struct item *merge_sort(struct item *list, int (*cmp)(const struct item *, const struct item *)) {
  if (!list) return 0;
  for (int width = 1;; width *= 2) {
    struct item *p = list, *tail = 0;
    int merges = 0;
    list = 0;
    while (p) {
      merges++;
      struct item *q = p;
      int psize = 0;
      for (int i = 0; i < width && q; i++) {
        psize++;
        q = q->next;
      }
      int qsize = width;
      while (psize > 0 || (qsize > 0 && q)) {
        struct item *e;
        if (psize == 0) {
          e = q;
          q = q->next;
          qsize--;
        } else if (qsize == 0 || !q || cmp(p, q) <= 0) {
          e = p;
          p = p->next;
          psize--;
        } else {
          e = q;
          q = q->next;
          qsize--;
        }
        if (tail) tail->next = e;
        else list = e;
        tail = e;
      }
      p = q;
    }
    tail->next = 0;
    if (merges <= 1) return list;
  }
}

static struct item *reverse(struct item *h) {
  struct item *r = 0;
  while (h) {
    struct item *n = h->next;
    h->next = r;
    r = h;
    h = n;
  }
  return r;
}

static struct item *find(struct item *h, int32_t key) {
  while (h && h->key != key) h = h->next;
  return h;
}

static uint32_t fold(const struct item *h) {
  uint32_t s = 0;
  for (; h; h = h->next) s = (s << 5 | s >> 27) ^ (uint32_t)h->key ^ ((uint32_t)h->idx << 16);
  return s;
}

static uint32_t kernel(void) {
  struct item *h = 0;
  for (int i = 0; i < N; i++) {
    pool[i].key = (int32_t)(bench_rng() % 20011) - 10000;
    pool[i].tag = (int16_t)(bench_rng() & 0x3ff);
    pool[i].idx = (uint16_t)i;
    pool[i].next = h;
    h = &pool[i];
  }
  uint32_t check = 0;
  for (int round = 0; round < ROUNDS; round++) {
    /* look up some keys, move every found item to the front */
    int found = 0;
    for (int k = 0; k < 24; k++) {
      int32_t want = pool[(bench_rng() % N)].key + (k & 1);
      struct item *f = find(h, want);
      if (f && f != h) {
        struct item *p = h;
        while (p->next != f) p = p->next;
        p->next = f->next;
        f->next = h;
        h = f;
        found++;
      }
    }
    h = merge_sort(h, (round & 1) ? cmp_tag : cmp_key);
    check += fold(h) + (uint32_t)found;
    h = reverse(h);
    check ^= (uint32_t)h->key;
    /* perturb a few keys so the next sort has work */
    for (int k = 0; k < 16; k++) pool[bench_rng() % N].key ^= (int32_t)(bench_rng() & 0xff);
  }
  return check;
}

int main(void) {
  bench_report("list", ROUNDS, bench_repeat(kernel));
  return 0;
}
