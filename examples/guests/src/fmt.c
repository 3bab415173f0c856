/* Number formatting over the runtime's putc: linked into the bare-metal guests (board.c) and the
 * linux-user builds (linux-rt.c) alike. */
#include "board.h"

void put_hex(uint64_t v, int digits) {
  static const char hex[] = "0123456789abcdef";
  for (int i = digits - 1; i >= 0; i--) putc(hex[(v >> (i * 4)) & 0xf]);
}

void put_dec(uint64_t v) {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (n) putc(buf[--n]);
}
