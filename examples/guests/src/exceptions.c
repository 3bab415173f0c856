/* Provokes and handles the exception classes a bare-metal guest can raise on both QEMU 7.2 and the
 * manual (QEMU's deviations, loongarch.md §7, stay out: no misaligned atomics, no software interrupts,
 * BCE prints only its code) and prints ECODE/ESUBCODE, ERA relative to a symbol, BADV, BADI and PRMD.
 * (QEMU 7.2 gives INE for a misaligned PC instead of ADEF, and loops forever re-raising PNX on a fetch
 * from an NX page, so ADEF and the fetch side of PNX are only in the unit tests.)
 * Covers: SYS, BRK, INE, IPE (from PLV3), FPD, BCE, vectored entry (ECFG.VS), ertn and the LLbit
 * (LLBCTL.KLO), then in mapped mode: DMW, tlbwr/tlbsrch/tlbrd/invtlb/tlbclr/tlbflush, PIL, PIS, PIF,
 * PME, PNR, PPI (RPLV 0 and 1), ADEM, and a TLB refill through TLBRENTRY with the TLBR* CSRs. */
#include "board.h"
#include "trap.h"

/* what the last trap saw */
static volatile uint64_t t_estat, t_era, t_badv, t_badi, t_prmd, t_vector, t_count;
/* where the handler resumes (0: ERA + 4) */
static volatile uint64_t resume_at;

extern char do_syscall[], do_break[], do_ine[], do_ipe[], user_ipe[], do_fpd[], do_bce[];
extern char do_load[], do_store[], do_fetch[], vectors[], tlbr_entry[], do_llsc[];
extern char user_page[], user_ppi[];
uint64_t do_load_fn(uint64_t va);
void do_store_fn(uint64_t va, uint64_t v);
void do_fetch_fn(uint64_t va);
uint64_t do_llsc_fn(uint64_t *p, uint64_t klo);
void do_call(void *fn);

__asm__(".text\n"
        ".globl do_call\n do_call: jr $a0\n"
        ".globl do_syscall\n do_syscall: syscall 0x15\n jr $ra\n"
        ".globl do_break\n do_break: break 7\n jr $ra\n"
        ".globl do_ine\n do_ine: .word 0xffffffff\n jr $ra\n"
        ".globl do_fpd\n do_fpd: .word 0x01010000\n jr $ra\n" /* fadd.d $fa0, $fa0, $fa0 */
        ".globl do_bce\n do_bce: li.d $t0, 2\n li.d $t1, 1\n asrtle.d $t0, $t1\n jr $ra\n"
        /* enters PLV3 at user_ipe; a syscall with a7 = 99 brings the hart back to PLV0 */
        ".globl do_ipe\n do_ipe:\n"
        "  li.d $t0, 3\n csrwr $t0, 0x1\n"
        "  la.pcrel $t0, user_ipe\n csrwr $t0, 0x6\n ertn\n"
        ".globl user_ipe\n user_ipe: csrrd $t0, 0x0\n"
        "  li.d $a7, 99\n syscall 0\n jr $ra\n"
        ".globl do_load_fn\n do_load_fn:\n .globl do_load\n do_load: ld.d $a0, $a0, 0\n jr $ra\n"
        ".globl do_store_fn\n do_store_fn:\n .globl do_store\n do_store: st.d $a1, $a0, 0\n jr $ra\n"
        ".globl do_fetch_fn\n do_fetch_fn:\n .globl do_fetch\n do_fetch: jr $a0\n jr $ra\n"
        /* ll.d; syscall (ertn clears the LLbit unless KLO); sc.d: returns sc's result */
        ".globl do_llsc_fn\n do_llsc_fn:\n"
        "  li.d $a7, 0\n beqz $a1, 1f\n li.d $a7, 98\n"
        "1: ll.d $t0, $a0, 0\n"
        ".globl do_llsc\n do_llsc: syscall 0\n"
        "  addi.d $t0, $t0, 1\n sc.d $t0, $a0, 0\n move $a0, $t0\n jr $ra\n"
        /* vectored entry: slot n records n in SAVE3 and jumps to the common entry (VS = 3: 32 bytes) */
        ".section .text.vectors, \"ax\"\n .balign 4096\n .globl vectors\n vectors:\n"
        " .set vnum, 0\n"
        " .rept 77\n"
        " .balign 32\n"
        "  csrwr $t0, 0x32\n addi.w $t0, $zero, vnum\n csrwr $t0, 0x33\n csrrd $t0, 0x32\n b trap_entry\n"
        " .set vnum, vnum + 1\n"
        " .endr\n"
        /* TLB refill: maps the missing pair with the entry prepared in refill_lo0/lo1 (16 KiB pages) */
        ".section .text.tlbr, \"ax\"\n .balign 4096\n .globl tlbr_entry\n tlbr_entry:\n"
        "  csrwr $t0, 0x8b\n"
        "  la.pcrel $t0, refill_seen\n csrwr $t1, 0x34\n"
        "  csrrd $t1, 0x89\n st.d $t1, $t0, 0\n"
        "  csrrd $t1, 0x8a\n st.d $t1, $t0, 8\n"
        "  csrrd $t1, 0x8f\n st.d $t1, $t0, 16\n"
        "  csrrd $t1, 0x8e\n st.d $t1, $t0, 24\n"
        "  ld.d $t1, $t0, 32\n csrwr $t1, 0x8c\n"
        "  ld.d $t1, $t0, 40\n csrwr $t1, 0x8d\n"
        "  csrrd $t1, 0x89\n li.d $t0, -16384\n and $t1, $t1, $t0\n ori $t1, $t1, 14\n csrwr $t1, 0x8e\n"
        "  tlbfill\n"
        "  csrrd $t1, 0x34\n csrrd $t0, 0x8b\n ertn\n"
        /* a 16 KiB page of PLV3 code, mapped into the TLB by main */
        ".section .text.userpage, \"ax\"\n .balign 16384\n .globl user_page\n user_page:\n"
        ".globl user_ppi\n user_ppi: ld.d $t0, $a0, 0\n li.d $a7, 99\n syscall 0\n"
        " .balign 16384\n");

/* TLBRBADV, TLBRERA, TLBRPRMD, TLBREHI seen by the refill handler; the entry halves it installs */
uint64_t refill_seen[6];

void trap(struct frame *f) {
  uint64_t estat = CSRRD(CSR_ESTAT);
  if (((estat >> 16) & 0x3f) == 0xb && f->r[11] == 99) {
    /* back to PLV0, at the kernel's return address (the code that entered PLV3 set $ra) */
    CSRWR(CSR_PRMD, 0);
    CSRWR(CSR_ERA, f->r[1]);
    return;
  }
  t_estat = estat;
  t_era = CSRRD(CSR_ERA);
  t_badv = CSRRD(CSR_BADV);
  t_badi = CSRRD(CSR_BADI);
  t_prmd = CSRRD(CSR_PRMD);
  t_vector = CSRRD(0x33);
  t_count++;
  uint64_t ecode = (t_estat >> 16) & 0x3f;
  if (ecode == 0xb && f->r[11] == 98) {
    CSRWR(CSR_LLBCTL, 4); /* KLO: this ertn keeps the LLbit */
  }
  if (resume_at) {
    CSRWR(CSR_ERA, resume_at);
    resume_at = 0;
  } else {
    CSRWR(CSR_ERA, t_era + 4);
  }
}

static void report(const char *what, const char *sym, uint64_t base, int show_badv, int show_badi) {
  puts(what);
  puts(": ECODE=0x");
  put_hex((t_estat >> 16) & 0x3f, 2);
  puts(" ESUBCODE=");
  put_dec((t_estat >> 22) & 0x1ff);
  puts(" ERA=");
  put_rel(t_era, sym, base);
  if (show_badv) {
    puts(" BADV=0x");
    put_hex(t_badv, 16);
  }
  if (show_badi) {
    puts(" BADI=0x");
    put_hex(t_badi, 8);
  }
  puts(" PPLV=");
  put_dec(t_prmd & 3);
  puts("\n");
}

#define VA_BASE 0xffff800000100000ULL
static uint64_t page_a[4096] __attribute__((aligned(16384))); /* two 16 KiB pages */
static uint64_t page_b[4096] __attribute__((aligned(16384)));
static uint64_t page_c[4096] __attribute__((aligned(16384)));

static void tlb_write(uint64_t index, uint64_t va, uint64_t lo0, uint64_t lo1) {
  CSRWR(CSR_TLBEHI, va);
  CSRWR(CSR_TLBELO0, lo0);
  CSRWR(CSR_TLBELO1, lo1);
  CSRWR(CSR_TLBIDX, (14ULL << 24) | index);
  __asm__ volatile("tlbwr" ::: "memory");
}

static void search(const char *what, uint64_t va) {
  CSRWR(CSR_TLBEHI, va);
  __asm__ volatile("tlbsrch" ::: "memory");
  uint64_t idx = CSRRD(CSR_TLBIDX);
  puts(what);
  if (idx >> 31) puts(": not found\n");
  else {
    puts(": index ");
    put_dec(idx & 0xfff);
    puts("\n");
  }
}

int main(void) {
  trap_init();
  puts("exceptions: direct address mode, PLV0\n");
  do_call(do_syscall);
  report("syscall 0x15", "do_syscall", (uint64_t)do_syscall, 0, 1);
  do_call(do_break);
  report("break 7", "do_break", (uint64_t)do_break, 0, 1);
  do_call(do_ine);
  report("undefined insn", "do_ine", (uint64_t)do_ine, 0, 1);
  do_call(do_ipe);
  report("csrrd at PLV3", "do_ipe", (uint64_t)do_ipe, 0, 1);
  do_call(do_fpd);
  report("fadd.d, EUEN.FPE=0", "do_fpd", (uint64_t)do_fpd, 0, 1);
  /* QEMU reports a BCE at the start of its translation block (loongarch.md §7): print the code only */
  uint64_t n = t_count;
  resume_at = (uint64_t)do_bce + 12;
  do_call(do_bce);
  puts("asrtle.d 2, 1: ECODE=0x");
  put_hex((t_estat >> 16) & 0x3f, 2);
  puts(t_count == n + 1 ? " (one trap)\n" : " (no trap!)\n");

  /* LLbit: ertn clears it, so sc fails (QEMU 7.2 ignores LLBCTL.KLO: that case is in the unit tests) */
  static uint64_t cell;
  uint64_t r0 = do_llsc_fn(&cell, 0);
  puts("sc.d after ertn: ");
  put_dec(r0);
  puts(", cell=");
  put_dec(cell);
  puts("\n");

  /* vectored entry: ECFG.VS = 3 spaces the vectors 32 bytes apart */
  CSRWR(CSR_EENTRY, (uint64_t)vectors);
  CSRWR(CSR_ECFG, 3ULL << 16);
  do_call(do_syscall);
  puts("vectored syscall: vector ");
  put_dec(t_vector);
  do_call(do_break);
  puts(", vectored break: vector ");
  put_dec(t_vector);
  puts("\n");
  CSRWR(CSR_ECFG, 0);
  CSRWR(CSR_EENTRY, (uint64_t)trap_entry);

  /* mapped mode: DMW0 maps segment 0 at PLV0 (the kernel's own addresses); TLB for the rest */
  CSRWR(CSR_DMW0, 0x11);
  CSRWR(CSR_STLBPS, 14);
  CSRWR(CSR_ASID, 1);
  CSRWR(CSR_TLBRENTRY, (uint64_t)tlbr_entry);
  __asm__ volatile("invtlb 0, $zero, $zero" ::: "memory");
  CSRWR(CSR_CRMD, 0x10); /* PG = 1, DA = 0, PLV0, IE = 0 */
  puts("mapped mode: CRMD=0x");
  put_hex(CSRRD(CSR_CRMD), 3);
  puts("\n");

  uint64_t pa = (uint64_t)page_a, pb = (uint64_t)page_b, pc = (uint64_t)page_c;
  page_a[0] = 0x1111;
  page_b[0] = 0x2222;
  page_c[0] = 0x3333;
  /* pair 0: even = page_a read-only PLV0, odd = invalid */
  tlb_write(2048, VA_BASE, pa | PTE_V | PTE_CC, 0);
  /* pair 1: even = page_b not readable, odd = page_c not executable */
  tlb_write(2049, VA_BASE + 0x8000, pb | PTE_V | PTE_D | PTE_CC | PTE_NR, pc | PTE_V | PTE_D | PTE_CC | PTE_NX);
  /* pair 2: even = page_c PLV3 only (RPLV), odd = page_b PLV0 */
  tlb_write(2050, VA_BASE + 0x10000, pc | PTE_V | PTE_PLV3 | PTE_RPLV | PTE_CC, pb | PTE_V | PTE_CC);
  /* the user code page at 0x400000 (PLV3), with page_b's pair at 0x404000 readable only by PLV0 */
  tlb_write(2051, 0x400000, (uint64_t)user_page | PTE_V | PTE_PLV3 | PTE_CC, pb | PTE_V | PTE_CC);

  search("tlbsrch pair 1", VA_BASE + 0x8000);
  search("tlbsrch odd half of pair 2", VA_BASE + 0x14000);
  search("tlbsrch unmapped", VA_BASE + 0x40000);
  CSRWR(CSR_TLBIDX, 2049);
  __asm__ volatile("tlbrd" ::: "memory");
  put_kv("tlbrd 2049: TLBIDX", CSRRD(CSR_TLBIDX), 8);
  put_kv(" TLBEHI", CSRRD(CSR_TLBEHI), 16);
  put_kv(" TLBELO0", CSRRD(CSR_TLBELO0) - pb, 16);
  put_kv(" TLBELO1", CSRRD(CSR_TLBELO1) - pc, 16);
  puts(" (minus the PAs)\n");

  puts("load pair 0 even: 0x");
  put_hex(do_load_fn(VA_BASE + 8 - 8), 4);
  puts("\n");
  do_store_fn(VA_BASE, 1);
  report("store to D=0", "do_store", (uint64_t)do_store, 1, 1);
  do_load_fn(VA_BASE + 0x4010);
  report("load from V=0", "do_load", (uint64_t)do_load, 1, 1);
  do_store_fn(VA_BASE + 0x4018, 1);
  report("store to V=0", "do_store", (uint64_t)do_store, 1, 1);
  resume_at = (uint64_t)do_fetch + 4;
  do_fetch_fn(VA_BASE + 0x4000);
  report("fetch from V=0", "VA", VA_BASE, 1, 0);
  do_load_fn(VA_BASE + 0x8020);
  report("load from NR=1", "do_load", (uint64_t)do_load, 1, 1);
  puts("load from NX=1: 0x");
  put_hex(do_load_fn(VA_BASE + 0xc000), 4);
  puts("\n");
  do_load_fn(VA_BASE + 0x10000);
  report("PLV0 load from RPLV=1 PLV3", "do_load", (uint64_t)do_load, 1, 1);
  puts("load pair 2 odd: 0x");
  put_hex(do_load_fn(VA_BASE + 0x14000), 4);
  puts("\n");
  do_load_fn(0x4000000000000000ULL);
  report("non-canonical load", "do_load", (uint64_t)do_load, 1, 1);

  /* PLV3 code reading a PLV0 page */
  CSRWR(CSR_PRMD, 3);
  /* user_ppi runs at VA 0x400000 with a0 = 0x404000 (PLV0 page), then syscall 99 returns here */
  __asm__ volatile("la.pcrel $ra, 1f\n li.d $a0, 0x404000\n li.d $t0, 0x400000\n csrwr $t0, 0x6\n ertn\n1:\n"
                   ::: "$ra", "$a0", "$t0", "$a7", "memory");
  report("PLV3 load from PLV0 page", "user_page", 0x400000, 1, 1);

  /* TLB refill: no entry covers VA_BASE + 0x40000 */
  refill_seen[4] = pa | PTE_V | PTE_D | PTE_CC;
  refill_seen[5] = pb | PTE_V | PTE_D | PTE_CC;
  uint64_t v0 = do_load_fn(VA_BASE + 0x40000);
  uint64_t v1 = do_load_fn(VA_BASE + 0x44000);
  puts("refill: loads 0x");
  put_hex(v0, 4);
  puts(" 0x");
  put_hex(v1, 4);
  puts(" TLBRBADV=0x");
  put_hex(refill_seen[0], 16);
  puts(" TLBRERA=");
  put_rel(refill_seen[1], "do_load", (uint64_t)do_load | 1);
  puts(" TLBRPRMD=0x");
  put_hex(refill_seen[2] & 7, 1);
  puts(" TLBREHI=0x");
  put_hex(refill_seen[3] & ~0x3fULL, 16);
  puts(" TLBRERA now=0x");
  put_hex(CSRRD(CSR_TLBRERA) & 1, 1);
  puts("\n");
  /* tlbfill picks the way (QEMU: at random), so only say where */
  CSRWR(CSR_TLBEHI, VA_BASE + 0x40000);
  __asm__ volatile("tlbsrch" ::: "memory");
  puts((CSRRD(CSR_TLBIDX) & 0x80000fffULL) < 2048 ? "tlbsrch refilled: in the STLB\n" : "tlbsrch refilled: elsewhere\n");

  /* invalidation */
  __asm__ volatile("li.d $t0, 1\n li.d $t1, 0xffff800000108000\n invtlb 5, $t0, $t1" ::: "$t0", "$t1", "memory");
  search("after invtlb 5 (ASID 1, VA pair 1)", VA_BASE + 0x8000);
  search("pair 0 kept", VA_BASE);
  CSRWR(CSR_ASID, 2);
  CSRWR(CSR_TLBIDX, 2048);
  __asm__ volatile("tlbclr" ::: "memory");
  CSRWR(CSR_ASID, 1);
  search("after tlbclr with ASID 2", VA_BASE);
  CSRWR(CSR_TLBIDX, 2048);
  __asm__ volatile("tlbclr" ::: "memory");
  search("after tlbclr with ASID 1", VA_BASE);
  tlb_write(2048, VA_BASE, pa | PTE_V | PTE_CC | PTE_G, pa | PTE_V | PTE_CC | PTE_G);
  __asm__ volatile("invtlb 3, $zero, $zero" ::: "memory");
  search("global entry after invtlb 3", VA_BASE);
  __asm__ volatile("invtlb 2, $zero, $zero" ::: "memory");
  search("global entry after invtlb 2", VA_BASE);
  tlb_write(2048, VA_BASE, pa | PTE_V, 0);
  CSRWR(CSR_TLBIDX, 2048);
  __asm__ volatile("tlbflush" ::: "memory");
  search("after tlbflush", VA_BASE);
  n = t_count;
  __asm__ volatile("invtlb 7, $zero, $zero" ::: "memory");
  puts("invtlb 7: ECODE=0x");
  put_hex((t_estat >> 16) & 0x3f, 2);
  puts(t_count == n + 1 ? " (one trap)\n" : " (no trap!)\n");

  CSRWR(CSR_CRMD, 0x8); /* back to direct address mode */
  puts("traps taken: ");
  put_dec(t_count);
  puts("\n");
  return 0;
}
