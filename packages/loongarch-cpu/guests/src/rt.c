/* Runtime of the linux-user guests: start-up, raw syscalls, a buffered stdout. */
#include "rt.h"

long rt_syscall(long n, long a0, long a1, long a2, long a3, long a4, long a5) {
  register long r_a0 __asm__("$a0") = a0;
  register long r_a1 __asm__("$a1") = a1;
  register long r_a2 __asm__("$a2") = a2;
  register long r_a3 __asm__("$a3") = a3;
  register long r_a4 __asm__("$a4") = a4;
  register long r_a5 __asm__("$a5") = a5;
  register long r_a7 __asm__("$a7") = n;
  __asm__ volatile("syscall 0"
                   : "+r"(r_a0)
                   : "r"(r_a1), "r"(r_a2), "r"(r_a3), "r"(r_a4), "r"(r_a5), "r"(r_a7)
                   : "memory", "$t0", "$t1", "$t2", "$t3", "$t4", "$t5", "$t6", "$t7", "$t8");
  return r_a0;
}

static char outbuf[4096];
static size_t outlen;

void flush(void) {
  size_t off = 0;
  while (off < outlen) {
    long n = rt_write(1, outbuf + off, outlen - off);
    if (n <= 0) break;
    off += (size_t)n;
  }
  outlen = 0;
}

void rt_exit(int code) {
  flush();
  for (;;) rt_syscall(94, code, 0, 0, 0, 0, 0);
}

long rt_write(int fd, const void *buf, size_t len) { return rt_syscall(64, fd, (long)buf, (long)len, 0, 0, 0); }

void put_char(char c) {
  if (outlen == sizeof outbuf) flush();
  outbuf[outlen++] = c;
}
void put_nl(void) { put_char('\n'); }
void puts_(const char *s) {
  while (*s) put_char(*s++);
}
void put_hex(u64 v, int digits) {
  for (int i = digits - 1; i >= 0; i--) put_char("0123456789abcdef"[(v >> (4 * i)) & 15]);
}
void put_u64(u64 v) {
  char tmp[24];
  int n = 0;
  do {
    tmp[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (n) put_char(tmp[--n]);
}
void put_i64(i64 v) {
  if (v < 0) {
    put_char('-');
    put_u64(-(u64)v);
  } else {
    put_u64((u64)v);
  }
}

size_t strlen(const char *s) {
  size_t n = 0;
  while (s[n]) n++;
  return n;
}
void *memcpy(void *d, const void *s, size_t n) {
  u8 *dd = d;
  const u8 *ss = s;
  while (n--) *dd++ = *ss++;
  return d;
}
void *memmove(void *d, const void *s, size_t n) {
  u8 *dd = d;
  const u8 *ss = s;
  if (dd < ss) {
    while (n--) *dd++ = *ss++;
  } else {
    while (n--) dd[n] = ss[n];
  }
  return d;
}
void *memset(void *d, int c, size_t n) {
  u8 *dd = d;
  while (n--) *dd++ = (u8)c;
  return d;
}
int memcmp(const void *a, const void *b, size_t n) {
  const u8 *x = a, *y = b;
  for (size_t i = 0; i < n; i++)
    if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}

void rt_start(long *sp) __attribute__((noreturn));
void rt_start(long *sp) {
  int argc = (int)sp[0];
  char **argv = (char **)(sp + 1);
  char **envp = argv + argc + 1;
  rt_exit(main(argc, argv, envp));
}
