/* Compute benchmark: CRC-32 (table-driven and bitwise, which must agree), CRC-16/CCITT and Adler-32 over
 * a changing buffer, folded into a checksum. */
#include "bench.h"

#define LEN 8192
#define ROUNDS (24 * SCALE)

static uint8_t data[LEN];
static uint32_t table[256];

static void make_table(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xedb88320u & -(c & 1));
    table[i] = c;
  }
}

static uint32_t crc32_table(const uint8_t *p, int n) {
  uint32_t c = 0xffffffffu;
  for (int i = 0; i < n; i++) c = table[(c ^ p[i]) & 0xff] ^ (c >> 8);
  return ~c;
}

static uint32_t crc32_bits(const uint8_t *p, int n) {
  uint32_t c = 0xffffffffu;
  for (int i = 0; i < n; i++) {
    c ^= p[i];
    for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xedb88320u & -(c & 1));
  }
  return ~c;
}

static uint16_t crc16(const uint8_t *p, int n) {
  uint16_t c = 0xffff;
  for (int i = 0; i < n; i++) {
    c ^= (uint16_t)(p[i] << 8);
    for (int k = 0; k < 8; k++) c = (uint16_t)((c & 0x8000) ? (c << 1) ^ 0x1021 : c << 1);
  }
  return c;
}

static uint32_t adler32(const uint8_t *p, int n) {
  uint32_t a = 1, b = 0;
  for (int i = 0; i < n; i++) {
    a = (a + p[i]) % 65521u;
    b = (b + a) % 65521u;
  }
  return b << 16 | a;
}

static uint32_t kernel(void) {
  make_table();
  for (int i = 0; i < LEN; i++) data[i] = (uint8_t)bench_rng();
  uint32_t check = 0;
  for (int round = 0; round < ROUNDS; round++) {
    uint32_t t = crc32_table(data, LEN);
    uint32_t b = crc32_bits(data, LEN);
    if (t != b) check ^= 0x80000000u;
    check = (check << 7 | check >> 25) ^ t;
    check += crc16(data, LEN);
    check ^= adler32(data, LEN);
    for (int k = 0; k < 32; k++) data[bench_rng() % LEN] = (uint8_t)bench_rng();
  }
  return check;
}

int main(void) {
  bench_report("crc", ROUNDS, bench_repeat(kernel));
  return 0;
}
