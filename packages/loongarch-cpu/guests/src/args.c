/* The process environment and syscalls: argv, auxv, brk, mmap/munmap, uname, clock_gettime, read,
   an unknown syscall, and the exit code. With argv[1] == "segv" it dereferences an unmapped page. */
#include "rt.h"

#define SYS_read 63
#define SYS_writev 66
#define SYS_uname 160
#define SYS_getpid 172
#define SYS_brk 214
#define SYS_munmap 215
#define SYS_mmap 222
#define SYS_clock_gettime 113
#define SYS_set_tid_address 96

struct iovec_ {
  const void *base;
  size_t len;
};

static int streq(const char *a, const char *b) {
  while (*a && *a == *b) a++, b++;
  return *a == *b;
}

int main(int argc, char **argv, char **envp) {
  puts_("argc ");
  put_u64((u64)argc);
  put_nl();
  for (int i = 1; i < argc; i++) {
    puts_("argv[");
    put_u64((u64)i);
    puts_("] ");
    puts_(argv[i]);
    put_nl();
  }
  if (argc > 1 && streq(argv[1], "segv")) {
    flush();
    return *(volatile int *)(u64)0x10;
  }
  char **e = envp;
  while (*e) e++;
  u64 *aux = (u64 *)(e + 1);
  u64 phnum = 0, phent = 0, pagesz = 0, entry = 0, random = 0, phdr = 0;
  for (; aux[0]; aux += 2) {
    if (aux[0] == 3) phdr = aux[1];
    if (aux[0] == 4) phent = aux[1];
    if (aux[0] == 5) phnum = aux[1];
    if (aux[0] == 6) pagesz = aux[1];
    if (aux[0] == 9) entry = aux[1];
    if (aux[0] == 25) random = aux[1];
  }
  puts_("auxv phdr ");
  put_hex(phdr, 9);
  puts_(" phent ");
  put_u64(phent);
  puts_(" phnum ");
  put_u64(phnum);
  puts_(" entry ");
  put_hex(entry, 9);
  puts_(random ? " random yes" : " random no");
  puts_(pagesz >= 4096 ? " pagesz ok\n" : " pagesz bad\n");

  u64 b0 = (u64)rt_syscall(SYS_brk, 0, 0, 0, 0, 0, 0);
  u64 b1 = (u64)rt_syscall(SYS_brk, (long)(b0 + 100000), 0, 0, 0, 0, 0);
  u8 *heap = (u8 *)b0;
  for (int i = 0; i < 100000; i++) heap[i] = (u8)i;
  u64 hs = 0;
  for (int i = 0; i < 100000; i++) hs += heap[i];
  puts_("brk grew ");
  put_u64(b1 - b0);
  puts_(" sum ");
  put_u64(hs);
  put_nl();

  long m = rt_syscall(SYS_mmap, 0, 1 << 20, 3, 0x22, -1, 0);
  u64 *mp = (u64 *)m;
  u64 ms = 0;
  for (int i = 0; i < (1 << 17); i += 512) mp[i] = (u64)i * 3;
  for (int i = 0; i < (1 << 17); i += 512) ms += mp[i];
  puts_("mmap ");
  puts_(m > 0 && (m & 0xfff) == 0 ? "ok" : "bad");
  puts_(" zero ");
  put_u64(mp[1] + mp[(1 << 17) - 1]);
  puts_(" sum ");
  put_u64(ms);
  puts_(" munmap ");
  put_i64(rt_syscall(SYS_munmap, m, 1 << 20, 0, 0, 0, 0));
  put_nl();

  char uts[6 * 65];
  long ur = rt_syscall(SYS_uname, (long)uts, 0, 0, 0, 0, 0);
  puts_("uname ");
  put_i64(ur);
  put_char(' ');
  puts_(uts);
  put_char(' ');
  puts_(uts + 4 * 65);
  put_nl();

  long ts[2] = {0, 0}, ts2[2] = {0, 0};
  long c1 = rt_syscall(SYS_clock_gettime, 1, (long)ts, 0, 0, 0, 0);
  long c2 = rt_syscall(SYS_clock_gettime, 1, (long)ts2, 0, 0, 0, 0);
  int mono = ts2[0] > ts[0] || (ts2[0] == ts[0] && ts2[1] >= ts[1]);
  puts_("clock ");
  put_i64(c1 + c2);
  puts_(mono && ts[1] >= 0 && ts[1] < 1000000000 ? " monotonic\n" : " broken\n");

  long pid = rt_syscall(SYS_getpid, 0, 0, 0, 0, 0, 0);
  long tid = rt_syscall(SYS_set_tid_address, (long)&ts, 0, 0, 0, 0, 0);
  puts_(pid > 0 && tid > 0 ? "pid ok\n" : "pid bad\n");
  puts_("unknown syscall ");
  put_i64(rt_syscall(1999, 0, 0, 0, 0, 0, 0));
  put_nl();

  char in[64];
  long n = rt_syscall(SYS_read, 0, (long)in, sizeof in - 1, 0, 0, 0);
  puts_("read ");
  put_i64(n);
  if (n > 0) {
    in[n] = 0;
    puts_(" ");
    puts_(in);
  }
  put_nl();
  flush();
  struct iovec_ iov[3] = {{"writev ", 7}, {"works", 5}, {"\n", 1}};
  long wv = rt_syscall(SYS_writev, 1, (long)iov, 3, 0, 0, 0);
  puts_("writev returned ");
  put_i64(wv);
  put_nl();
  return 3;
}
