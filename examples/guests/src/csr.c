/* Prints the CPU identification (CPUCFG words) and the reset values of the CSRs a bare-metal guest sees
 * after QEMU's direct ELF boot. Only registers whose reset value is defined and stable are listed. */
#include "board.h"

static uint64_t cpucfg(uint64_t word) {
  uint64_t v;
  __asm__ volatile("cpucfg %0, %1" : "=r"(v) : "r"(word));
  return v;
}

#define CSRRD(num)                                     \
  ({                                                   \
    uint64_t v_;                                       \
    __asm__ volatile("csrrd %0, %1" : "=r"(v_) : "i"(num)); \
    v_;                                                \
  })

static void row(const char *name, uint64_t v) {
  puts(name);
  puts(" = 0x");
  put_hex(v, 16);
  puts("\n");
}

int main(void) {
  puts("CPUCFG words\n");
  static const char *const names[] = {"cpucfg 0x00", "cpucfg 0x01", "cpucfg 0x02", "cpucfg 0x03",
                                      "cpucfg 0x04", "cpucfg 0x05", "cpucfg 0x06", "cpucfg 0x07",
                                      "cpucfg 0x08", "cpucfg 0x09", "cpucfg 0x0a", "cpucfg 0x0b",
                                      "cpucfg 0x0c", "cpucfg 0x0d", "cpucfg 0x0e", "cpucfg 0x0f",
                                      "cpucfg 0x10", "cpucfg 0x11", "cpucfg 0x12", "cpucfg 0x13",
                                      "cpucfg 0x14"};
  /* word 6 describes the performance monitors, which QEMU 7.2 lacks (it reports 0); axvisor has them */
  for (uint64_t i = 0; i <= 0x14; i++)
    if (i != 6) row(names[i], cpucfg(i));
  puts("CSR reset values\n");
  row("CRMD     ", CSRRD(0x0));
  row("PRMD     ", CSRRD(0x1));
  row("EUEN     ", CSRRD(0x2));
  row("ECFG     ", CSRRD(0x4));
  row("ESTAT    ", CSRRD(0x5) & ~0x1fffULL);
  row("EENTRY   ", CSRRD(0xc));
  row("TLBIDX   ", CSRRD(0x10));
  row("TLBEHI   ", CSRRD(0x11));
  row("ASID     ", CSRRD(0x18));
  row("PGDL     ", CSRRD(0x19));
  row("PGDH     ", CSRRD(0x1a));
  row("PWCL     ", CSRRD(0x1c));
  row("PWCH     ", CSRRD(0x1d));
  row("STLBPS   ", CSRRD(0x1e));
  row("CPUID    ", CSRRD(0x20));
  row("PRCFG1   ", CSRRD(0x21));
  row("PRCFG2   ", CSRRD(0x22));
  row("PRCFG3   ", CSRRD(0x23));
  row("TID      ", CSRRD(0x40));
  row("TCFG     ", CSRRD(0x41));
  row("CNTC     ", CSRRD(0x43));
  row("LLBCTL   ", CSRRD(0x60));
  row("TLBRENTRY", CSRRD(0x88));
  row("DMW0     ", CSRRD(0x180));
  row("DMW1     ", CSRRD(0x181));
  row("DMW2     ", CSRRD(0x182));
  row("DMW3     ", CSRRD(0x183));
  return 0;
}
