/* A tiny paging kernel: builds 4-level page tables for 16 KiB pages (PT 14/11, Dir1 25/6, Dir2 31/6,
 * Dir3 37/10; empty slots point at shared invalid tables, as Linux does), enables PG with a TLB-refill
 * handler that walks them with lddir/ldpte and tlbfill, and runs a PLV3 task that makes syscalls
 * (write, exit) and takes page faults the kernel handles: demand-zero stack and data (PIS, PIL), a
 * write to a clean page (PME), a code page mapped on first fetch (PIF) and a privilege fault (PPI).
 * The kernel itself runs at PLV0 through DMW0 (segment 0), so user addresses always go through the TLB.
 * (QEMU 7.2's ldpte drops NR/NX, so no PTE here uses them; the exceptions guest covers PNR/PNX.) */
#include "board.h"
#include "trap.h"

#define PAGE 16384ULL
#define USER_CODE 0x120000ULL
#define USER_DATA 0x1000000ULL
#define USER_KPAGE 0x2000000ULL
#define USER_STACK_TOP 0x7ff0000ULL

static uint64_t pool[14][2048] __attribute__((aligned(16384)));
static unsigned pool_used;
static uint64_t *inv_pt, *inv_pmd, *inv_pud, *pgd;
extern char user_start[], user_end[], tlbr_refill[];

__asm__(".section .text.tlbr, \"ax\"\n .balign 4096\n .globl tlbr_refill\n tlbr_refill:\n"
        "  csrwr $t0, 0x8b\n"
        "  csrrd $t0, 0x1b\n"
        "  lddir $t0, $t0, 3\n"
        "  lddir $t0, $t0, 2\n"
        "  lddir $t0, $t0, 1\n"
        "  ldpte $t0, 0\n"
        "  ldpte $t0, 1\n"
        "  tlbfill\n"
        "  csrrd $t0, 0x8b\n"
        "  ertn\n"
        /* the PLV3 task: two 16 KiB pages of position-independent code, mapped at USER_CODE */
        ".section .text.userpage, \"ax\"\n .balign 16384\n .globl user_start\n user_start:\n"
        "  lu12i.w $sp, 0x7ff0\n"
        "  la.pcrel $a1, umsg1\n li.w $a2, 16\n li.w $a0, 1\n li.w $a7, 64\n syscall 0\n"
        "  st.d $a2, $sp, -8\n"      /* PIS: demand-zero stack */
        "  ld.d $s0, $sp, -8\n"
        "  lu12i.w $s1, 0x1000\n"
        "  ld.d $s2, $s1, 0\n"       /* PIL: demand-zero data, mapped clean */
        "  add.d $s2, $s2, $s0\n"
        "  addi.d $s2, $s2, 26\n"
        "  st.d $s2, $s1, 0\n"       /* PME: first write to the clean page */
        "  bl user_far\n"            /* PIF: the second code page */
        "  lu12i.w $s3, 0x2000\n"
        "  ld.d $s4, $s3, 0\n"       /* PPI: a PLV0 page; the kernel skips the load */
        "  la.pcrel $a1, umsg2\n li.w $a2, 21\n li.w $a0, 1\n li.w $a7, 64\n syscall 0\n"
        "  ld.d $a0, $s1, 0\n"
        "  li.w $a7, 93\n syscall 0\n"
        "1: b 1b\n"
        "umsg1: .ascii \"hello from PLV3\\n\"\n"
        "umsg2: .ascii \"back in the 1st page\\n\"\n"
        " .balign 16384\n"
        "user_far:\n"
        "  la.pcrel $a1, umsg3\n li.w $a2, 24\n li.w $a0, 1\n li.w $a7, 64\n syscall 0\n"
        "  jr $ra\n"
        "umsg3: .ascii \"running in the 2nd page\\n\"\n"
        " .balign 16384\n"
        ".globl user_end\n user_end:\n");

static uint64_t *alloc_page(void) {
  uint64_t *p = pool[pool_used++];
  for (int i = 0; i < 2048; i++) p[i] = 0;
  return p;
}

static void fill(uint64_t *t, int n, uint64_t v) {
  for (int i = 0; i < n; i++) t[i] = v;
}

/* the PTE slot of va, allocating directories on the way */
static uint64_t *pte_of(uint64_t va) {
  uint64_t *pud = (uint64_t *)pgd[(va >> 37) & 1023];
  if (pud == inv_pud) {
    pud = alloc_page();
    fill(pud, 64, (uint64_t)inv_pmd);
    pgd[(va >> 37) & 1023] = (uint64_t)pud;
  }
  uint64_t *pmd = (uint64_t *)pud[(va >> 31) & 63];
  if (pmd == inv_pmd) {
    pmd = alloc_page();
    fill(pmd, 64, (uint64_t)inv_pt);
    pud[(va >> 31) & 63] = (uint64_t)pmd;
  }
  uint64_t *pt = (uint64_t *)pmd[(va >> 25) & 63];
  if (pt == inv_pt) {
    pt = alloc_page();
    pmd[(va >> 25) & 63] = (uint64_t)pt;
  }
  return &pt[(va >> 14) & 2047];
}

static void invalidate(uint64_t va) {
  __asm__ volatile("li.d $t0, 1\n invtlb 5, $t0, %0" : : "r"(va) : "$t0", "memory");
}

static void fault(const char *what, uint64_t badv, uint64_t era) {
  puts("  ");
  puts(what);
  puts(" BADV=0x");
  put_hex(badv, 8);
  puts(" ERA=");
  put_rel(era, "user_start", USER_CODE);
  puts("\n");
}

void trap(struct frame *f) {
  uint64_t estat = CSRRD(CSR_ESTAT), era = CSRRD(CSR_ERA), badv = CSRRD(CSR_BADV);
  uint64_t ecode = (estat >> 16) & 0x3f;
  uint64_t page = badv & ~(PAGE - 1);
  switch (ecode) {
  case 0x1: /* PIL */
  case 0x2: /* PIS */
    fault(ecode == 1 ? "PIL: demand-zero page" : "PIS: demand-zero page", badv, era);
    *pte_of(page) = (uint64_t)alloc_page() | PTE_V | PTE_PLV3 | PTE_CC | (ecode == 2 ? PTE_D : 0);
    invalidate(page);
    return;
  case 0x3: /* PIF */
    fault("PIF: code page", badv, era);
    *pte_of(page) = ((uint64_t)user_start + (page - USER_CODE)) | PTE_V | PTE_PLV3 | PTE_CC;
    invalidate(page);
    return;
  case 0x4: /* PME */
    fault("PME: first write, marking dirty", badv, era);
    *pte_of(page) |= PTE_D;
    invalidate(page);
    return;
  case 0x7: /* PPI */
    fault("PPI: kernel page, skipping the load", badv, era);
    CSRWR(CSR_ERA, era + 4);
    return;
  case 0xb: /* syscall */
    CSRWR(CSR_ERA, era + 4);
    if (f->r[11] == 64) {
      uint64_t va = f->r[5], n = f->r[6];
      puts("  write: ");
      for (uint64_t i = 0; i < n; i++) {
        uint64_t pte = *pte_of(va + i);
        if (!(pte & PTE_V)) break;
        putc(*(char *)((pte & ~(PAGE - 1) & 0xffffffffffffULL) | ((va + i) & (PAGE - 1))));
      }
      f->r[4] = n;
      return;
    }
    if (f->r[11] == 93) {
      puts("user exited with code ");
      put_dec(f->r[4]);
      puts("\n");
      CSRWR(CSR_PRMD, 0);
      CSRWR(CSR_ERA, (uint64_t)kernel_resume);
      return;
    }
    puts("  unknown syscall\n");
    f->r[4] = (uint64_t)-38;
    return;
  default:
    puts("unexpected exception ECODE=0x");
    put_hex(ecode, 2);
    puts("\n");
    poweroff();
  }
}

int main(void) {
  trap_init();
  inv_pt = alloc_page();
  inv_pmd = alloc_page();
  fill(inv_pmd, 64, (uint64_t)inv_pt);
  inv_pud = alloc_page();
  fill(inv_pud, 64, (uint64_t)inv_pmd);
  pgd = alloc_page();
  fill(pgd, 1024, (uint64_t)inv_pud);
  /* only the first code page and a PLV0 page; everything else faults in */
  *pte_of(USER_CODE) = (uint64_t)user_start | PTE_V | PTE_PLV3 | PTE_CC;
  *pte_of(USER_KPAGE) = (uint64_t)alloc_page() | PTE_V | PTE_D | PTE_CC;
  puts("paging: 4 levels, 16 KiB pages, ");
  put_dec(pool_used);
  puts(" pages of tables and data\n");

  CSRWR(CSR_PWCL, 14 | (11 << 5) | (25 << 10) | (6 << 15) | (31 << 20) | (6 << 25));
  CSRWR(CSR_PWCH, 37 | (10 << 6));
  CSRWR(CSR_PGDL, (uint64_t)pgd);
  CSRWR(CSR_STLBPS, 14);
  CSRWR(CSR_ASID, 1);
  CSRWR(CSR_TLBRENTRY, (uint64_t)tlbr_refill);
  CSRWR(CSR_DMW0, 0x11); /* segment 0 at PLV0: the kernel's own addresses */
  __asm__ volatile("invtlb 0, $zero, $zero" ::: "memory");
  CSRWR(CSR_CRMD, 0x10);
  puts("PG on; entering PLV3 at 0x");
  put_hex(USER_CODE, 8);
  puts("\n");
  run_user(USER_CODE, 0);
  CSRWR(CSR_CRMD, 0x8);
  puts("back in the kernel: ");
  put_dec(pool_used);
  puts(" pages in use\n");
  return 0;
}
