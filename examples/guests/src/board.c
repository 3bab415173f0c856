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

void poweroff(void) {
  /* ACPI GED sleep control: S5 (0x34) powers the board off. */
  mmio_write8(GED_SLEEP_CTL, 0x34);
  for (;;) {
  }
}
