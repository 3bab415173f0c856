#include "board.h"

void putc(char c) {
  while (!(mmio_read8(UART_BASE + 5) & 0x20)) {
  }
  mmio_write8(UART_BASE, (uint8_t)c);
}

void puts(const char *s) {
  while (*s) {
    if (*s == '\n') putc('\r');
    putc(*s++);
  }
}

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

void poweroff(void) {
  /* ACPI GED sleep control: S5 (0x34) powers the board off. */
  mmio_write8(GED_SLEEP_CTL, 0x34);
  for (;;) {
  }
}
