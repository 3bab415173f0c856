/* Exception plumbing shared by the exceptions and paging guests: CSR accessors, a trap entry that saves
 * every register to a frame on the trap stack (CSR SAVE0 holds its top) and calls trap(frame), and
 * run_user(), which enters PLV3 and comes back when a trap handler resumes at kernel_resume. */
#ifndef GUEST_TRAP_H
#define GUEST_TRAP_H
#include <stdint.h>

#define CSR_CRMD 0x0
#define CSR_PRMD 0x1
#define CSR_EUEN 0x2
#define CSR_ECFG 0x4
#define CSR_ESTAT 0x5
#define CSR_ERA 0x6
#define CSR_BADV 0x7
#define CSR_BADI 0x8
#define CSR_EENTRY 0xc
#define CSR_TLBIDX 0x10
#define CSR_TLBEHI 0x11
#define CSR_TLBELO0 0x12
#define CSR_TLBELO1 0x13
#define CSR_ASID 0x18
#define CSR_PGDL 0x19
#define CSR_PGDH 0x1a
#define CSR_PWCL 0x1c
#define CSR_PWCH 0x1d
#define CSR_STLBPS 0x1e
#define CSR_SAVE0 0x30
#define CSR_LLBCTL 0x60
#define CSR_TLBRENTRY 0x88
#define CSR_TLBRBADV 0x89
#define CSR_TLBRERA 0x8a
#define CSR_TLBREHI 0x8e
#define CSR_DMW0 0x180

#define CSRRD(num)                                              \
  ({                                                            \
    uint64_t v_;                                                \
    __asm__ volatile("csrrd %0, %1" : "=r"(v_) : "i"(num));     \
    v_;                                                         \
  })
#define CSRWR(num, val)                                                   \
  do {                                                                    \
    uint64_t v_ = (val);                                                  \
    __asm__ volatile("csrwr %0, %1" : "+r"(v_) : "i"(num) : "memory");    \
  } while (0)

/* TLBELO / PTE bits */
#define PTE_V (1ULL << 0)
#define PTE_D (1ULL << 1)
#define PTE_PLV3 (3ULL << 2)
#define PTE_CC (1ULL << 4)
#define PTE_G (1ULL << 6)
#define PTE_NR (1ULL << 61)
#define PTE_NX (1ULL << 62)
#define PTE_RPLV (1ULL << 63)

struct frame {
  uint64_t r[32];
};

void trap(struct frame *f);
extern char trap_entry[], kernel_resume[];
/* Enters PLV3 at `entry` with stack `usp`; returns when a handler sets ERA = kernel_resume, PPLV = 0. */
void run_user(uint64_t entry, uint64_t usp);

__asm__(
    ".section .text.trap, \"ax\"\n"
    ".balign 4096\n"
    ".globl trap_entry\n"
    "trap_entry:\n"
    "  csrwr $sp, 0x30\n"
    "  addi.d $sp, $sp, -256\n"
    "  st.d $r1, $sp, 8\n st.d $r2, $sp, 16\n st.d $r4, $sp, 32\n st.d $r5, $sp, 40\n"
    "  st.d $r6, $sp, 48\n st.d $r7, $sp, 56\n st.d $r8, $sp, 64\n st.d $r9, $sp, 72\n"
    "  st.d $r10, $sp, 80\n st.d $r11, $sp, 88\n st.d $r12, $sp, 96\n st.d $r13, $sp, 104\n"
    "  st.d $r14, $sp, 112\n st.d $r15, $sp, 120\n st.d $r16, $sp, 128\n st.d $r17, $sp, 136\n"
    "  st.d $r18, $sp, 144\n st.d $r19, $sp, 152\n st.d $r20, $sp, 160\n st.d $r21, $sp, 168\n"
    "  st.d $r22, $sp, 176\n st.d $r23, $sp, 184\n st.d $r24, $sp, 192\n st.d $r25, $sp, 200\n"
    "  st.d $r26, $sp, 208\n st.d $r27, $sp, 216\n st.d $r28, $sp, 224\n st.d $r29, $sp, 232\n"
    "  st.d $r30, $sp, 240\n st.d $r31, $sp, 248\n"
    "  csrrd $t0, 0x30\n"
    "  st.d $t0, $sp, 24\n"
    "  addi.d $t0, $sp, 256\n"
    "  csrwr $t0, 0x30\n"
    "  move $a0, $sp\n"
    "  bl trap\n"
    "  ld.d $r1, $sp, 8\n ld.d $r2, $sp, 16\n ld.d $r4, $sp, 32\n ld.d $r5, $sp, 40\n"
    "  ld.d $r6, $sp, 48\n ld.d $r7, $sp, 56\n ld.d $r8, $sp, 64\n ld.d $r9, $sp, 72\n"
    "  ld.d $r10, $sp, 80\n ld.d $r11, $sp, 88\n ld.d $r12, $sp, 96\n ld.d $r13, $sp, 104\n"
    "  ld.d $r14, $sp, 112\n ld.d $r15, $sp, 120\n ld.d $r16, $sp, 128\n ld.d $r17, $sp, 136\n"
    "  ld.d $r18, $sp, 144\n ld.d $r19, $sp, 152\n ld.d $r20, $sp, 160\n ld.d $r21, $sp, 168\n"
    "  ld.d $r22, $sp, 176\n ld.d $r23, $sp, 184\n ld.d $r24, $sp, 192\n ld.d $r25, $sp, 200\n"
    "  ld.d $r26, $sp, 208\n ld.d $r27, $sp, 216\n ld.d $r28, $sp, 224\n ld.d $r29, $sp, 232\n"
    "  ld.d $r30, $sp, 240\n ld.d $r31, $sp, 248\n"
    "  ld.d $sp, $sp, 24\n"
    "  ertn\n"
    "\n"
    ".text\n"
    ".globl run_user\n"
    "run_user:\n"
    "  addi.d $sp, $sp, -112\n"
    "  st.d $ra, $sp, 0\n st.d $fp, $sp, 8\n st.d $s0, $sp, 16\n st.d $s1, $sp, 24\n"
    "  st.d $s2, $sp, 32\n st.d $s3, $sp, 40\n st.d $s4, $sp, 48\n st.d $s5, $sp, 56\n"
    "  st.d $s6, $sp, 64\n st.d $s7, $sp, 72\n st.d $s8, $sp, 80\n"
    "  la.pcrel $t0, kernel_sp\n"
    "  st.d $sp, $t0, 0\n"
    "  csrwr $a0, 0x6\n"
    "  li.d $t0, 3\n"
    "  csrwr $t0, 0x1\n"
    "  move $sp, $a1\n"
    "  move $a0, $zero\n"
    "  move $a1, $zero\n"
    "  ertn\n"
    ".globl kernel_resume\n"
    "kernel_resume:\n"
    "  la.pcrel $t0, kernel_sp\n"
    "  ld.d $sp, $t0, 0\n"
    "  ld.d $ra, $sp, 0\n ld.d $fp, $sp, 8\n ld.d $s0, $sp, 16\n ld.d $s1, $sp, 24\n"
    "  ld.d $s2, $sp, 32\n ld.d $s3, $sp, 40\n ld.d $s4, $sp, 48\n ld.d $s5, $sp, 56\n"
    "  ld.d $s6, $sp, 64\n ld.d $s7, $sp, 72\n ld.d $s8, $sp, 80\n"
    "  addi.d $sp, $sp, 112\n"
    "  jr $ra\n");

uint64_t kernel_sp;
static uint64_t trap_stack[1024] __attribute__((aligned(16)));

/* Installs the trap entry and its stack. */
static void trap_init(void) {
  CSRWR(CSR_SAVE0, (uint64_t)&trap_stack[1024]);
  CSRWR(CSR_EENTRY, (uint64_t)trap_entry);
}

__attribute__((unused)) static void put_rel(uint64_t v, const char *sym, uint64_t base) {
  puts(sym);
  puts("+0x");
  put_hex(v - base, 4);
}

__attribute__((unused)) static void put_kv(const char *k, uint64_t v, int digits) {
  puts(k);
  puts("=0x");
  put_hex(v, digits);
}
#endif
