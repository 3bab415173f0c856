/* SMP: CPU 0 counts the CPUs that checked in, starts each through its IPI mailbox (mail send for the
 * entry and stack, any send for the argument, then an IPI), and every CPU adds its share of a fixed
 * sum with atomics. Each secondary IPIs CPU 0 when it is done. The output does not depend on timing. */
#include "board.h"

#define MAX_CPUS 4
#define TERMS 30000u

volatile uint32_t checked_in __attribute__((section(".data"))) = 0;
static uint64_t total;
static uint32_t hits;
static uint32_t finished;
static uint32_t ncpus;
static uint8_t stacks[MAX_CPUS][4096] __attribute__((aligned(16)));

static void iocsr_w32(uint64_t addr, uint32_t v) { __asm__ volatile("iocsrwr.w %0, %1" ::"r"(v), "r"(addr) : "memory"); }
static void iocsr_w64(uint64_t addr, uint64_t v) { __asm__ volatile("iocsrwr.d %0, %1" ::"r"(v), "r"(addr) : "memory"); }
/* csrwr returns the old value in its source register */
#define CSRWR(num, val)                                                \
  do {                                                                 \
    uint64_t v_ = (val);                                               \
    __asm__ volatile("csrwr %0, %1" : "+r"(v_) : "i"(num) : "memory"); \
  } while (0)
static uint64_t csrrd_estat(void) {
  uint64_t v;
  __asm__ volatile("csrrd %0, 0x5" : "=r"(v));
  return v;
}

/* IOCSR mail send: 32 bits of data into word `word` (0-7) of the target's mailbox buffers. */
static void mail_send(uint32_t cpu, uint32_t word, uint32_t data) {
  iocsr_w64(0x1048, ((uint64_t)data << 32) | ((uint64_t)cpu << 16) | (word << 2));
}

static void work(uint32_t me) {
  uint64_t sum = 0;
  for (uint32_t i = me; i < TERMS; i += ncpus) sum += (uint64_t)i * i % 1000003u;
  __atomic_fetch_add(&total, sum, __ATOMIC_SEQ_CST);
  for (int i = 0; i < 1000; i++) __atomic_fetch_add(&hits, 1, __ATOMIC_RELAXED);
}

void secondary(uint64_t me) {
  work((uint32_t)me);
  __atomic_fetch_add(&finished, 1, __ATOMIC_SEQ_CST);
  /* IPI send: vector 1 to CPU 0 */
  iocsr_w32(0x1040, (0u << 16) | 1u);
}

static void wait_ticks(uint64_t ticks) {
  /* a one-shot timer and idle with interrupts off: idle returns once TI is pending */
  CSRWR(0x4, 1u << 11);
  CSRWR(0x41, ticks | 1);
  while (!(csrrd_estat() & (1u << 11))) __asm__ volatile("idle 0" ::: "memory");
  CSRWR(0x44, 1);
}

int main(void) {
  /* every CPU started at reset: give the others up to 200 ms (10 ms steps of QEMU's 100 MHz counter)
   * to check in; QEMU 7.2's virt board has at most 4 */
  for (int i = 0; i < 20 && __atomic_load_n(&checked_in, __ATOMIC_SEQ_CST) < MAX_CPUS - 1; i++) wait_ticks(1000000);
  ncpus = 1 + __atomic_load_n(&checked_in, __ATOMIC_SEQ_CST);
  puts("cpus: ");
  put_dec(ncpus);
  puts("\n");
  extern void _start(void);
  extern void secondary_entry(void) __asm__("secondary");
  /* CPU 0 takes its IPIs too (woken by the secondaries' "done" IPIs) */
  iocsr_w32(0x1004, 0xffffffffu);
  CSRWR(0x4, 1u << 12);
  for (uint32_t cpu = 1; cpu < ncpus; cpu++) {
    uint64_t entry = (uint64_t)secondary_entry;
    uint64_t sp = (uint64_t)&stacks[cpu][4096];
    /* the argument through any send at the target's IOCSR 0x1030 (mailbox 2), high word first */
    iocsr_w64(0x1158, ((uint64_t)0 << 32) | ((uint64_t)cpu << 16) | 0x1034);
    iocsr_w64(0x1158, ((uint64_t)cpu << 32) | ((uint64_t)cpu << 16) | 0x1030);
    mail_send(cpu, 3, (uint32_t)(sp >> 32));
    mail_send(cpu, 2, (uint32_t)sp);
    /* the entry last: a parked CPU leaves as soon as mailbox 0 is non-zero */
    mail_send(cpu, 1, (uint32_t)(entry >> 32));
    mail_send(cpu, 0, (uint32_t)entry);
    /* IPI send: vector 0 to `cpu` */
    iocsr_w32(0x1040, (cpu << 16) | 0u);
  }
  work(0);
  while (__atomic_load_n(&finished, __ATOMIC_SEQ_CST) < ncpus - 1) {
    __asm__ volatile("idle 0" ::: "memory");
    iocsr_w32(0x100c, 0xffffffffu);
  }
  puts("total: ");
  put_dec(__atomic_load_n(&total, __ATOMIC_SEQ_CST));
  puts("\nhits: ");
  put_dec(__atomic_load_n(&hits, __ATOMIC_SEQ_CST));
  puts("\n");
  return 0;
}
