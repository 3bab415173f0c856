/* Talks to the hypervisor through `hvcl 0`, KVM's LoongArch convention: a0 = hypercall number, a1..a6 =
 * arguments, the result comes back in a0. axvisor serves HyperVisorDebug (2) and fails the others with -1.
 * Under plain QEMU (no LVZ) `hvcl` is not an instruction the guest may use, so this guest is for axvisor only. */
#include "board.h"

static long hypercall(long nr, long a1, long a2) {
  register long a0 __asm__("$a0") = nr;
  register long r1 __asm__("$a1") = a1;
  register long r2 __asm__("$a2") = a2;
  __asm__ volatile("hvcl 0" : "+r"(a0) : "r"(r1), "r"(r2) : "memory");
  return a0;
}

static void show(const char *what, long nr, long ret) {
  puts(what);
  puts(": hypercall 0x");
  put_hex((uint64_t)nr, 2);
  puts(" returned ");
  if (ret < 0) {
    puts("-");
    put_dec((uint64_t)-ret);
  } else {
    put_dec((uint64_t)ret);
  }
  puts("\n");
}

int main(void) {
  puts("hypercall guest: asking the hypervisor\n");
  show("HyperVisorDebug", 2, hypercall(2, 0x1234, 0x5678));
  show("unknown        ", 0x7f, hypercall(0x7f, 0, 0));
  puts("hypercall guest: done\n");
  return 0;
}
