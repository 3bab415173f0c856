/* The stable-counter timer and interrupts: periodic and one-shot TCFG, TICLR, a software interrupt,
 * vectored interrupt entry (ECFG.VS = 1) and `idle` woken by the timer. Prints only counts that do not
 * depend on how fast time passes. */
#include "board.h"

#define CSR_CRMD 0x0
#define CSR_ECFG 0x4
#define CSR_ESTAT 0x5
#define CSR_EENTRY 0xc
#define CSR_TCFG 0x41
#define CSR_TICLR 0x44

#define CSRRD(num)                                         \
  ({                                                       \
    uint64_t v_;                                           \
    __asm__ volatile("csrrd %0, %1" : "=r"(v_) : "i"(num)); \
    v_;                                                    \
  })
/* csrwr and csrxchg return the old value in their source register */
#define CSRWR(num, val)                                                       \
  ({                                                                          \
    uint64_t v_ = (val);                                                      \
    __asm__ volatile("csrwr %0, %1" : "+r"(v_) : "i"(num) : "memory");        \
    v_;                                                                       \
  })
#define CSRXCHG(num, val, mask)                                                           \
  ({                                                                                      \
    uint64_t v_ = (val);                                                                  \
    __asm__ volatile("csrxchg %0, %1, %2" : "+r"(v_) : "r"((uint64_t)(mask)), "i"(num) : "memory"); \
    v_;                                                                                   \
  })

volatile uint32_t ticks;
volatile uint32_t swis;
volatile uint32_t strays;

/* Vector table for ECFG.VS = 1 (8-byte slots): interrupt n enters at EENTRY + (64 + n) * 8. The
 * handlers keep t0/t1 in SAVE0/SAVE1, so the interrupted code loses nothing. */
__asm__(".section .text.vectors, \"ax\"\n"
        ".p2align 12\n"
        ".globl vectors\n"
        "vectors:\n"
        ".rept 64\n b stray\n nop\n.endr\n"
        " b swi0\n nop\n"
        ".rept 10\n b stray\n nop\n.endr\n"
        " b timer\n nop\n"
        ".rept 4\n b stray\n nop\n.endr\n"
        "timer:\n"
        " csrwr $t0, 0x30\n csrwr $t1, 0x31\n"
        " li.w $t0, 1\n csrwr $t0, 0x44\n"
        " la.pcrel $t1, ticks\n ld.w $t0, $t1, 0\n addi.w $t0, $t0, 1\n st.w $t0, $t1, 0\n"
        " csrrd $t0, 0x30\n csrrd $t1, 0x31\n ertn\n"
        "swi0:\n"
        " csrwr $t0, 0x30\n csrwr $t1, 0x31\n"
        " li.w $t0, 0\n li.w $t1, 1\n csrxchg $t0, $t1, 0x5\n"
        " la.pcrel $t1, swis\n ld.w $t0, $t1, 0\n addi.w $t0, $t0, 1\n st.w $t0, $t1, 0\n"
        " csrrd $t0, 0x30\n csrrd $t1, 0x31\n ertn\n"
        "stray:\n"
        " csrwr $t0, 0x30\n csrwr $t1, 0x31\n"
        " la.pcrel $t1, strays\n ld.w $t0, $t1, 0\n addi.w $t0, $t0, 1\n st.w $t0, $t1, 0\n"
        /* mask everything so that a stray line cannot loop */
        " csrwr $zero, 0x4\n"
        " csrrd $t0, 0x30\n csrrd $t1, 0x31\n ertn\n"
        ".text\n");
extern char vectors[];

static void idle(void) { __asm__ volatile("idle 0" ::: "memory"); }

static void spin(uint64_t n) {
  for (volatile uint64_t i = 0; i < n; i++) {
  }
}

static void line(const char *what, uint64_t n) {
  puts(what);
  put_dec(n);
  puts("\n");
}

int main(void) {
  CSRWR(CSR_EENTRY, (uint64_t)vectors);
  /* VS = 1, LIE = TI | SWI0 */
  CSRWR(CSR_ECFG, (1u << 16) | (1u << 11) | 1u);
  CSRXCHG(CSR_CRMD, 4, 4);

  /* periodic: 10000 ticks (100 us under QEMU's 100 MHz counter), idle until five went by */
  CSRWR(CSR_TCFG, 10000 | 3);
  while (ticks < 5) idle();
  CSRWR(CSR_TCFG, 0);
  CSRWR(CSR_TICLR, 1);
  line("periodic: ticks = ", ticks);

  /* one-shot: exactly one interrupt however long we wait */
  ticks = 0;
  CSRWR(CSR_TCFG, 20000 | 1);
  while (ticks < 1) idle();
  spin(200000);
  line("one-shot: ticks = ", ticks);

  /* a software interrupt, taken by the time two more timer ticks went by */
  ticks = 0;
  CSRXCHG(CSR_ESTAT, 1, 1);
  CSRWR(CSR_TCFG, 10000 | 3);
  while (ticks < 2) idle();
  CSRWR(CSR_TCFG, 0);
  CSRWR(CSR_TICLR, 1);
  line("software interrupts: ", swis);

  /* idle wakes on a pending, enabled interrupt even with CRMD.IE = 0, and takes nothing */
  CSRXCHG(CSR_CRMD, 0, 4);
  ticks = 0;
  CSRWR(CSR_TCFG, 20000 | 1);
  while (!(CSRRD(CSR_ESTAT) & (1u << 11))) idle();
  line("woke with IE = 0, timer pending: ", (CSRRD(CSR_ESTAT) >> 11) & 1);
  line("taken with IE = 0: ", ticks);
  /* TICLR drops the line; re-enabling IE then takes nothing */
  CSRWR(CSR_TICLR, 1);
  CSRXCHG(CSR_CRMD, 4, 4);
  spin(1000);
  line("after TICLR: ", ticks + ((CSRRD(CSR_ESTAT) >> 11) & 1));
  line("stray interrupts: ", strays);
  return 0;
}
