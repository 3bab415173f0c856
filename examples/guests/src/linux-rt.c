/* The board.h console for the linux-user builds of the compute benchmark guests: the same functions over
 * write(2) on a buffered stdout, and poweroff() as exit_group(0). */
#include "board.h"

static long sys3(long n, long a0, long a1, long a2) {
  register long r0 __asm__("$a0") = a0;
  register long r1 __asm__("$a1") = a1;
  register long r2 __asm__("$a2") = a2;
  register long r7 __asm__("$a7") = n;
  __asm__ volatile("syscall 0"
                   : "+r"(r0)
                   : "r"(r1), "r"(r2), "r"(r7)
                   : "memory", "$t0", "$t1", "$t2", "$t3", "$t4", "$t5", "$t6", "$t7", "$t8");
  return r0;
}

static char out[1024];
static unsigned long len;

static void flush(void) {
  unsigned long off = 0;
  while (off < len) {
    long n = sys3(64, 1, (long)(out + off), (long)(len - off));
    if (n <= 0) break;
    off += (unsigned long)n;
  }
  len = 0;
}

void putc(char c) {
  if (len == sizeof out) flush();
  out[len++] = c;
}

void puts(const char *s) {
  while (*s) putc(*s++);
}

void poweroff(void) {
  flush();
  for (;;) sys3(94, 0, 0, 0);
}
