/* One fault per argv[1]: prints a line, then executes the faulting instruction so the runner's fatal
   signal (exit code 128 + signal) can be compared with qemu-loongarch64's. */
#include "rt.h"

static int streq(const char *a, const char *b) {
  while (*a && *a == *b) a++, b++;
  return *a == *b;
}

static long scratch[4];

int main(int argc, char **argv, char **envp) {
  (void)envp;
  const char *what = argc > 1 ? argv[1] : "none";
  puts_("trap ");
  puts_(what);
  put_nl();
  flush();
  if (streq(what, "break")) __asm__ volatile("break 0");
  if (streq(what, "ine")) __asm__ volatile(".word 0xffffffff");
  if (streq(what, "ipe")) __asm__ volatile("csrrd $t0, 0" ::: "$t0");
  if (streq(what, "bce")) __asm__ volatile("li.w $t0, 1\n asrtgt.d $zero, $t0" ::: "$t0");
  if (streq(what, "load")) return *(volatile int *)(u64)0x10;
  if (streq(what, "store")) *(volatile long *)(u64)0x7fff00000000UL = 1;
  if (streq(what, "rostore")) *(volatile int *)(u64)&main = 0;
  if (streq(what, "fetch")) ((void (*)(void))(u64)0x40000000)();
  if (streq(what, "noncanonical")) return *(volatile int *)(u64)0x8000000000000000UL;
  if (streq(what, "unaligned")) {
    /* plain loads may be misaligned (UAL): this one succeeds */
    volatile char *p = (volatile char *)scratch + 1;
    *(volatile long *)p = 0x1122334455667788L;
    put_hex((u64) * (volatile long *)p, 16);
    put_nl();
  }
  return 7;
}
