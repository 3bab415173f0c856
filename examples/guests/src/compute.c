/* Integer kernels in the style of standard embedded benchmarks (list processing, matrix, state machine, CRC, sort,
 * hash), each folded into a checksum that is printed. ITERATIONS scales the run for benchmarks. */
#include "board.h"

#ifndef ITERATIONS
#define ITERATIONS 4
#endif

static uint32_t rng_state = 0x12345678u;
static uint32_t rng(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 17;
  rng_state ^= rng_state << 5;
  return rng_state;
}

/* --- list processing: build, reverse and merge-sort a linked list in a static pool --- */
struct node {
  struct node *next;
  int32_t key;
  uint16_t idx;
};
#define LIST_N 256
static struct node pool[LIST_N];

static struct node *list_merge(struct node *a, struct node *b) {
  struct node head, *t = &head;
  while (a && b) {
    if (a->key <= b->key) {
      t->next = a;
      a = a->next;
    } else {
      t->next = b;
      b = b->next;
    }
    t = t->next;
  }
  t->next = a ? a : b;
  return head.next;
}

static struct node *list_sort(struct node *h) {
  if (!h || !h->next) return h;
  struct node *slow = h, *fast = h->next;
  while (fast && fast->next) {
    slow = slow->next;
    fast = fast->next->next;
  }
  struct node *mid = slow->next;
  slow->next = 0;
  return list_merge(list_sort(h), list_sort(mid));
}

static uint32_t bench_list(void) {
  struct node *h = 0;
  for (int i = 0; i < LIST_N; i++) {
    pool[i].key = (int32_t)(rng() % 10007) - 5000;
    pool[i].idx = (uint16_t)i;
    pool[i].next = h;
    h = &pool[i];
  }
  h = list_sort(h);
  uint32_t sum = 0;
  int32_t prev = -100000;
  for (struct node *p = h; p; p = p->next) {
    if (p->key < prev) return 0xdead;
    prev = p->key;
    sum = sum * 31 + (uint32_t)p->key + p->idx;
  }
  return sum;
}

/* --- matrix: 16x16 integer multiply with accumulate --- */
#define MN 16
static int32_t ma[MN][MN], mb[MN][MN], mc[MN][MN];
static uint32_t bench_matrix(void) {
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++) {
      ma[i][j] = (int32_t)(rng() & 0xff) - 128;
      mb[i][j] = (int32_t)(rng() & 0xff) - 128;
    }
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++) {
      int32_t s = 0;
      for (int k = 0; k < MN; k++) s += ma[i][k] * mb[k][j];
      mc[i][j] = s;
    }
  uint32_t sum = 0;
  for (int i = 0; i < MN; i++)
    for (int j = 0; j < MN; j++) sum = (sum << 1 | sum >> 31) ^ (uint32_t)mc[i][j];
  return sum;
}

/* --- state machine: classify characters of a generated text --- */
enum state { S_START, S_INT, S_FLOAT, S_EXP, S_WORD, S_INVALID };
static uint32_t bench_state(void) {
  static const char alphabet[] = "0123456789.eE+-, abcxyz";
  uint32_t counts[6] = {0};
  enum state s = S_START;
  for (int i = 0; i < 2048; i++) {
    char c = alphabet[rng() % (sizeof alphabet - 1)];
    switch (s) {
      case S_START:
        s = (c >= '0' && c <= '9') ? S_INT : (c == '.') ? S_FLOAT : (c >= 'a' && c <= 'z') ? S_WORD : S_START;
        break;
      case S_INT:
        s = (c >= '0' && c <= '9') ? S_INT : (c == '.') ? S_FLOAT : (c == 'e' || c == 'E') ? S_EXP
            : (c == ',' || c == ' ') ? S_START : S_INVALID;
        break;
      case S_FLOAT:
        s = (c >= '0' && c <= '9') ? S_FLOAT : (c == 'e' || c == 'E') ? S_EXP : (c == ',' || c == ' ') ? S_START
            : S_INVALID;
        break;
      case S_EXP:
        s = (c >= '0' && c <= '9') || c == '+' || c == '-' ? S_EXP : (c == ',' || c == ' ') ? S_START : S_INVALID;
        break;
      case S_WORD:
        s = (c >= 'a' && c <= 'z') ? S_WORD : (c == ',' || c == ' ') ? S_START : S_INVALID;
        break;
      case S_INVALID:
        s = (c == ',' || c == ' ') ? S_START : S_INVALID;
        break;
    }
    counts[s]++;
  }
  uint32_t sum = 0;
  for (int i = 0; i < 6; i++) sum = sum * 1000003u + counts[i];
  return sum;
}

/* --- CRC-32 (bitwise) and CRC-16 over a buffer --- */
static uint8_t buf[1024];
static uint32_t bench_crc(void) {
  for (unsigned i = 0; i < sizeof buf; i++) buf[i] = (uint8_t)rng();
  uint32_t crc = 0xffffffffu;
  for (unsigned i = 0; i < sizeof buf; i++) {
    crc ^= buf[i];
    for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
  }
  uint16_t c16 = 0xffff;
  for (unsigned i = 0; i < sizeof buf; i++) {
    c16 ^= (uint16_t)(buf[i] << 8);
    for (int k = 0; k < 8; k++) c16 = (uint16_t)((c16 & 0x8000) ? (c16 << 1) ^ 0x1021 : c16 << 1);
  }
  return ~crc ^ ((uint32_t)c16 << 7);
}

/* --- sort: shell sort of 64-bit keys --- */
#define SORT_N 512
static uint64_t keys[SORT_N];
static uint32_t bench_sort(void) {
  for (int i = 0; i < SORT_N; i++) keys[i] = ((uint64_t)rng() << 32) | rng();
  for (int gap = SORT_N / 2; gap > 0; gap /= 2)
    for (int i = gap; i < SORT_N; i++) {
      uint64_t t = keys[i];
      int j = i;
      for (; j >= gap && keys[j - gap] > t; j -= gap) keys[j] = keys[j - gap];
      keys[j] = t;
    }
  uint64_t h = 0;
  for (int i = 0; i < SORT_N; i++) {
    if (i && keys[i - 1] > keys[i]) return 0xbad;
    h = h * 0x100000001b3ULL ^ keys[i];
  }
  return (uint32_t)(h ^ (h >> 32));
}

/* --- hash: FNV-1a and a 64-bit mixer over generated words --- */
static uint32_t bench_hash(void) {
  uint64_t fnv = 0xcbf29ce484222325ULL, mix = 0;
  for (int i = 0; i < 4096; i++) {
    uint32_t w = rng();
    for (int b = 0; b < 4; b++) {
      fnv ^= (w >> (8 * b)) & 0xff;
      fnv *= 0x100000001b3ULL;
    }
    uint64_t z = (uint64_t)w * 0x9e3779b97f4a7c15ULL + (uint64_t)i;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    mix += z ^ (z >> 31);
  }
  return (uint32_t)(fnv ^ (fnv >> 32) ^ mix ^ (mix >> 32));
}

static void report(const char *name, uint32_t v) {
  puts(name);
  puts(" 0x");
  put_hex(v, 8);
  puts("\n");
}

int main(void) {
  uint32_t total = 0, l = 0, m = 0, s = 0, c = 0, o = 0, h = 0;
  for (int it = 0; it < ITERATIONS; it++) {
    l ^= bench_list();
    m ^= bench_matrix();
    s ^= bench_state();
    c ^= bench_crc();
    o ^= bench_sort();
    h ^= bench_hash();
  }
  report("list   ", l);
  report("matrix ", m);
  report("state  ", s);
  report("crc    ", c);
  report("sort   ", o);
  report("hash   ", h);
  total = l ^ m ^ s ^ c ^ o ^ h;
  report("total  ", total);
  puts("iterations ");
  put_dec(ITERATIONS);
  puts("\n");
  return 0;
}
