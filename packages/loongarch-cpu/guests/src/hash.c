/* Hashing and CRC: FNV-1a, a murmur-style mixer, table CRC-32, bitwise CRC-32C, the crc.w.*.w
   instructions, and an open-addressing hash table. */
#include "rt.h"

static u8 data[65536];
static u32 crc_table[256];

static u32 crc32_table(const u8 *p, size_t n) {
  u32 c = 0xffffffffu;
  for (size_t i = 0; i < n; i++) c = crc_table[(c ^ p[i]) & 0xff] ^ (c >> 8);
  return ~c;
}
static u32 crc32c_bitwise(const u8 *p, size_t n) {
  u32 c = 0xffffffffu;
  for (size_t i = 0; i < n; i++) {
    c ^= p[i];
    for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0x82f63b78u & -(c & 1));
  }
  return ~c;
}
static u32 crc32_insn(const u8 *p, size_t n) {
  u32 c = 0xffffffffu;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    u64 v;
    memcpy(&v, p + i, 8);
    c = (u32)__builtin_loongarch_crc_w_d_w((long)v, (int)c);
  }
  for (; i < n; i++) c = (u32)__builtin_loongarch_crc_w_b_w((char)p[i], (int)c);
  return ~c;
}
static u32 crc32c_insn(const u8 *p, size_t n) {
  u32 c = 0xffffffffu;
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    u32 v;
    memcpy(&v, p + i, 4);
    c = (u32)__builtin_loongarch_crcc_w_w_w((int)v, (int)c);
  }
  for (; i + 2 <= n; i += 2) {
    u16 v;
    memcpy(&v, p + i, 2);
    c = (u32)__builtin_loongarch_crcc_w_h_w((short)v, (int)c);
  }
  return ~c;
}
static u64 fnv1a(const u8 *p, size_t n) {
  u64 h = 0xcbf29ce484222325UL;
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 0x100000001b3UL;
  return h;
}
static u64 mix(u64 k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdUL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53UL;
  k ^= k >> 33;
  return k;
}

#define TABLE 4096
static u64 keys[TABLE];
static u32 vals[TABLE];

static void put(u64 k, u32 v) {
  u64 i = mix(k) & (TABLE - 1);
  while (keys[i] && keys[i] != k) i = (i + 1) & (TABLE - 1);
  keys[i] = k;
  vals[i] += v;
}
static u32 get(u64 k) {
  u64 i = mix(k) & (TABLE - 1);
  while (keys[i]) {
    if (keys[i] == k) return vals[i];
    i = (i + 1) & (TABLE - 1);
  }
  return 0;
}

int main(int argc, char **argv, char **envp) {
  (void)argc, (void)argv, (void)envp;
  for (u32 i = 0; i < 256; i++) {
    u32 c = i;
    for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xedb88320u & -(c & 1));
    crc_table[i] = c;
  }
  u64 x = 12345;
  for (size_t i = 0; i < sizeof data; i++) {
    x = x * 6364136223846793005UL + 1442695040888963407UL;
    data[i] = (u8)(x >> 56);
  }
  puts_("crc32 table ");
  put_hex(crc32_table(data, sizeof data), 8);
  puts_("\ncrc32 insn  ");
  put_hex(crc32_insn(data, sizeof data - 3), 8);
  puts_(" ");
  put_hex(crc32_table(data, sizeof data - 3), 8);
  puts_("\ncrc32c bit  ");
  put_hex(crc32c_bitwise(data, 4096), 8);
  puts_("\ncrc32c insn ");
  put_hex(crc32c_insn(data, 4096), 8);
  puts_("\nfnv1a ");
  put_hex(fnv1a(data, sizeof data), 16);
  put_nl();
  u64 acc = 0;
  for (u64 i = 1; i <= 3000; i++) put(mix(i % 1700 + 1), (u32)i);
  for (u64 i = 1; i <= 1700; i++) acc = acc * 1000003 + get(mix(i));
  puts_("table ");
  put_hex(acc, 16);
  put_nl();
  puts_("hello crc ");
  put_hex(crc32_table((const u8 *)"hello, world", 12), 8);
  put_nl();
  return 0;
}
