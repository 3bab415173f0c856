/* The QEMU virt board as a bare-metal guest sees it: polled NS16550A console and the power-off register. */
#ifndef GUEST_BOARD_H
#define GUEST_BOARD_H
#include <stdint.h>

#define UART_BASE 0x1fe001e0UL
#define GED_SLEEP_CTL 0x100e001cUL

static inline void mmio_write8(unsigned long addr, uint8_t v) { *(volatile uint8_t *)addr = v; }
static inline uint8_t mmio_read8(unsigned long addr) { return *(volatile uint8_t *)addr; }

void putc(char c);
void puts(const char *s);
void put_hex(uint64_t v, int digits);
void put_dec(uint64_t v);
void poweroff(void) __attribute__((noreturn));
#endif
