/* Compute benchmark: hashing (FNV-1a, a 64-bit multiply-xorshift mixer) and an open-addressing hash table
 * with inserts, lookups and deletions, folded into a checksum. */
#include "bench.h"

#define SLOTS 4096
#define KEYS 2800
#define ROUNDS (52 * SCALE)

static uint64_t slot_key[SLOTS];
static uint32_t slot_val[SLOTS];
static uint8_t slot_used[SLOTS]; /* 0 empty, 1 used, 2 deleted */

static uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static uint64_t fnv1a(uint64_t key) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (int b = 0; b < 8; b++) {
    h ^= (key >> (8 * b)) & 0xff;
    h *= 0x100000001b3ull;
  }
  return h;
}

static int probe(uint64_t key, int for_insert) {
  uint32_t i = (uint32_t)fnv1a(key) & (SLOTS - 1);
  int tomb = -1;
  for (;;) {
    if (slot_used[i] == 0) return for_insert && tomb >= 0 ? tomb : (for_insert ? (int)i : -1);
    if (slot_used[i] == 2) {
      if (tomb < 0) tomb = (int)i;
    } else if (slot_key[i] == key)
      return (int)i;
    i = (i + 1) & (SLOTS - 1);
  }
}

static uint32_t kernel(void) {
  uint32_t check = 0;
  for (int round = 0; round < ROUNDS; round++) {
    for (int i = 0; i < SLOTS; i++) slot_used[i] = 0;
    uint64_t seed = mix64((uint64_t)round + 1);
    for (int i = 0; i < KEYS; i++) {
      uint64_t key = mix64(seed + (uint64_t)i);
      int s = probe(key, 1);
      if (slot_used[s] == 1) slot_val[s]++;
      else {
        slot_used[s] = 1;
        slot_key[s] = key;
        slot_val[s] = (uint32_t)i;
      }
    }
    /* delete every third key, then look all of them up again */
    for (int i = 0; i < KEYS; i += 3) {
      int s = probe(mix64(seed + (uint64_t)i), 0);
      if (s >= 0) slot_used[s] = 2;
    }
    uint32_t hits = 0, sum = 0;
    for (int i = 0; i < KEYS; i++) {
      int s = probe(mix64(seed + (uint64_t)i), 0);
      if (s >= 0) {
        hits++;
        sum += slot_val[s];
      }
    }
    uint64_t h = 0;
    for (int i = 0; i < SLOTS; i++)
      if (slot_used[i] == 1) h += mix64(slot_key[i] ^ slot_val[i]);
    check = (check << 1 | check >> 31) ^ hits ^ sum ^ (uint32_t)(h ^ (h >> 32));
  }
  return check;
}

int main(void) {
  bench_report("hash", ROUNDS, bench_repeat(kernel));
  return 0;
}
