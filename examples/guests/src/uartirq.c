/* uartirq: the virt board's interrupt path, programmed the way Linux 6.12's drivers do it.
 * PCH-PIC (MMIO 0x10000000, pch_pic_reset) -> EIOINTC (IOCSR 0x1400.., eiointc_router_init, routes by
 * any-send like eiointc_set_irq_route) -> HWI1 (ESTAT.IS[3]). First, with interrupts off, it drives the
 * UART's line through the THR-empty interrupt and records what each controller shows (masking,
 * enables, ISR write-1-to-clear, edge mode); then it echoes console input upper-cased from the
 * receive-interrupt handler (FIFO, trigger level 8) until the line "exit". Prints nothing that depends
 * on timing (not the number of interrupts), so the transcript matches QEMU's. */
#include "board.h"
#include "trap.h"

#define PCH_PIC 0x10000000UL
#define PIC_MASK 0x20
#define PIC_HTMSI_EN 0x40
#define PIC_EDGE 0x60
#define PIC_CLR 0x80
#define PIC_AUTO0 0xc0
#define PIC_AUTO1 0xe0
#define PIC_ROUTE 0x100
#define PIC_HTVEC 0x200
#define PIC_ISR 0x3a0
#define PIC_POL 0x3e0

#define IOCSR_MISC_FUNC 0x420
#define IOCSR_ANY_SEND 0x1158
#define EIO_NODEMAP 0x14a0
#define EIO_IPMAP 0x14c0
#define EIO_ENABLE 0x1600
#define EIO_BOUNCE 0x1680
#define EIO_ISR 0x1800
#define EIO_ROUTE 0x1c00

#define UART_IRQ 2 /* PCH-PIC pin of the UART (QEMU's VIRT_UART_IRQ) */
#define ECFG_HWI1 (1u << 3)

static inline uint32_t rd32(unsigned long a) { return *(volatile uint32_t *)a; }
static inline uint64_t rd64(unsigned long a) { return *(volatile uint64_t *)a; }
static inline void wr32(unsigned long a, uint32_t v) { *(volatile uint32_t *)a = v; }

static inline uint64_t iocsr_rd64(uint32_t a) {
  uint64_t v;
  __asm__ volatile("iocsrrd.d %0, %1" : "=r"(v) : "r"(a));
  return v;
}
static inline uint32_t iocsr_rd32(uint32_t a) {
  uint32_t v;
  __asm__ volatile("iocsrrd.w %0, %1" : "=r"(v) : "r"(a));
  return v;
}
static inline void iocsr_wr64(uint32_t a, uint64_t v) { __asm__ volatile("iocsrwr.d %0, %1" ::"r"(v), "r"(a) : "memory"); }
static inline void iocsr_wr32(uint32_t a, uint32_t v) { __asm__ volatile("iocsrwr.w %0, %1" ::"r"(v), "r"(a) : "memory"); }

/* Linux's csr_any_send: a masked 32-bit write into a core's IOCSR space (blocking bit 31). */
static void any_send(uint32_t addr, uint32_t data, uint32_t mask, uint32_t cpu) {
  uint64_t v = (1ULL << 31) | addr | ((uint64_t)cpu << 16) | ((uint64_t)mask << 27) | ((uint64_t)data << 32);
  iocsr_wr64(IOCSR_ANY_SEND, v);
}

static void kv(const char *k, uint64_t v, int digits) {
  puts(k);
  puts("=0x");
  put_hex(v, digits);
  puts("\n");
}

/* ---- the PCH-PIC and EIOINTC set-up of Linux 6.12 ---- */

static void pch_pic_reset(void) {
  for (int i = 0; i < 64; i++) {
    mmio_write8(PCH_PIC + PIC_HTVEC + i, (uint8_t)i); /* pic-base-vec 0 */
    mmio_write8(PCH_PIC + PIC_ROUTE + i, 1);
  }
  for (int i = 0; i < 2; i++) {
    wr32(PCH_PIC + PIC_MASK + 4 * i, 0xffffffff);
    wr32(PCH_PIC + PIC_CLR + 4 * i, 0xffffffff);
    wr32(PCH_PIC + PIC_AUTO0 + 4 * i, 0);
    wr32(PCH_PIC + PIC_AUTO1 + 4 * i, 0);
    wr32(PCH_PIC + PIC_HTMSI_EN + 4 * i, 0xffffffff);
  }
}

static void pic_bit(unsigned long reg, int bit, int set) {
  unsigned long a = PCH_PIC + reg + (bit / 32) * 4;
  uint32_t v = rd32(a);
  wr32(a, set ? v | (1u << (bit % 32)) : v & ~(1u << (bit % 32)));
}

static void eiointc_router_init(void) {
  iocsr_wr64(IOCSR_MISC_FUNC, iocsr_rd64(IOCSR_MISC_FUNC) | (1ULL << 48));
  for (int i = 0; i < 8; i++) iocsr_wr32(EIO_NODEMAP + i * 4, ((1u << (i * 2 + 1)) << 16) | (1u << (i * 2)));
  for (int i = 0; i < 2; i++) iocsr_wr32(EIO_IPMAP + i * 4, 0x02020202); /* IP1 */
  for (int i = 0; i < 64; i++) iocsr_wr32(EIO_ROUTE + i * 4, 0x01010101); /* core 0 */
  for (int i = 0; i < 8; i++) {
    iocsr_wr32(EIO_ENABLE + i * 4, 0xffffffff);
    iocsr_wr32(EIO_BOUNCE + i * 4, 0xffffffff);
  }
}

/* eiointc_set_irq_affinity(vector, cpu 0): mask, route, unmask, all through any-send. */
static void eiointc_route(int vector) {
  uint32_t en = EIO_ENABLE + ((vector >> 5) << 2);
  int byte = vector & 3;
  any_send(en, 0xffffffff & ~(1u << (vector & 31)), 0, 0);
  any_send(EIO_ROUTE + (vector & ~3), (1u | (0u << 4)) << (byte * 8), ~(1u << byte) & 0xf, 0);
  any_send(en, 0xffffffff, 0, 0);
}

/* ---- what each controller shows while the UART's line is driven by THR-empty ---- */

struct snap {
  const char *what;
  uint32_t pic_isr;
  uint64_t eio_isr;
  uint32_t hwi;
};
static struct snap snaps[16];
static int nsnaps;

static void snap(const char *what) {
  struct snap *s = &snaps[nsnaps++];
  s->what = what;
  s->pic_isr = rd32(PCH_PIC + PIC_ISR);
  s->eio_isr = iocsr_rd64(EIO_ISR);
  s->hwi = (uint32_t)(CSRRD(CSR_ESTAT) >> 2) & 0xff;
}

static void irq_enable(int on) {
  uint64_t v = on ? 4 : 0;
  __asm__ volatile("csrxchg %0, %1, 0x0" : "+r"(v) : "r"(4UL) : "memory");
}

static void thri(int on) { mmio_write8(UART_BASE + 1, on ? 0x02 : 0x00); }

static void line_tests(void) {
  pic_bit(PIC_MASK, UART_IRQ, 0);
  thri(1);
  snap("THRI on");
  (void)mmio_read8(UART_BASE + 2); /* IIR read acknowledges THR empty */
  snap("IIR read");
  thri(0);
  pic_bit(PIC_MASK, UART_IRQ, 1);
  thri(1);
  snap("pin masked");
  pic_bit(PIC_MASK, UART_IRQ, 0);
  snap("pin unmasked");
  iocsr_wr64(EIO_ISR, 1ULL << UART_IRQ);
  snap("EIO ISR cleared");
  thri(0);
  snap("THRI off");
  iocsr_wr32(EIO_ENABLE, ~(1u << UART_IRQ));
  thri(1);
  snap("vector disabled");
  iocsr_wr32(EIO_ENABLE, 0xffffffff);
  snap("vector enabled");
  thri(0);
  pic_bit(PIC_EDGE, UART_IRQ, 1);
  thri(1);
  snap("edge rising");
  thri(0);
  snap("edge falling");
  wr32(PCH_PIC + PIC_CLR, 1u << UART_IRQ);
  pic_bit(PIC_EDGE, UART_IRQ, 0);
  snap("edge cleared");
}

/* ---- the interrupt-driven echo ---- */

static volatile int done;
static volatile int lines;
static volatile int strays;
static char line[64];
static int n;

static char upper(char c) { return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c; }

static void rx_char(char c) {
  if (done) return;
  if (c == '\r' || c == '\n') {
    puts("\n");
    lines++;
    if (n == 4 && line[0] == 'e' && line[1] == 'x' && line[2] == 'i' && line[3] == 't') {
      done = 1;
      return;
    }
    n = 0;
    puts("> ");
    return;
  }
  if (n < (int)sizeof line) line[n++] = c;
  putc(upper(c));
}

/* The 8250 driver's handler: IIR, then drain the receiver while LSR.DR. */
static void uart_irq(void) {
  (void)mmio_read8(UART_BASE + 2);
  while (mmio_read8(UART_BASE + 5) & 0x01) rx_char((char)mmio_read8(UART_BASE));
}

static void handle_vector(int vector) {
  if (vector == UART_IRQ) {
    /* pch_pic_ack_irq: only an edge pin is cleared */
    if (rd32(PCH_PIC + PIC_EDGE) & (1u << UART_IRQ)) wr32(PCH_PIC + PIC_CLR, 1u << UART_IRQ);
    uart_irq();
  } else
    strays++;
}

void trap(struct frame *f) {
  (void)f;
  uint64_t estat = CSRRD(CSR_ESTAT);
  if (((estat >> 16) & 0x3f) != 0 || !(estat & ECFG_HWI1)) {
    puts("unexpected exception, ESTAT=0x");
    put_hex(estat, 8);
    puts("\n");
    poweroff();
  }
  /* eiointc_irq_dispatch */
  for (int i = 0; i < 4; i++) {
    uint64_t pending = iocsr_rd64(EIO_ISR + (i << 3));
    if (!pending) continue;
    iocsr_wr64(EIO_ISR + (i << 3), pending);
    while (pending) {
      int bit = __builtin_ctzll(pending);
      handle_vector(bit + 64 * i);
      pending &= pending - 1;
    }
  }
}

int main(void) {
  trap_init();
  puts("uartirq: PCH-PIC -> EIOINTC -> HWI1, programmed like Linux 6.12\n");
  uint64_t id = rd64(PCH_PIC);
  kv("pch-pic id", id, 16);
  puts("pch-pic vectors=");
  put_dec(((id >> 48) & 0xff) + 1);
  puts("\n");

  pch_pic_reset();
  eiointc_router_init();
  eiointc_route(UART_IRQ);
  kv("pic mask", rd64(PCH_PIC + PIC_MASK), 16);
  kv("pic htmsi_en", rd64(PCH_PIC + PIC_HTMSI_EN), 16);
  kv("pic edge", rd64(PCH_PIC + PIC_EDGE), 16);
  kv("pic pol", rd64(PCH_PIC + PIC_POL), 16);
  kv("pic route[2]", mmio_read8(PCH_PIC + PIC_ROUTE + 2), 2);
  kv("pic htvec[2]", mmio_read8(PCH_PIC + PIC_HTVEC + 2), 2);
  kv("pic auto0", rd32(PCH_PIC + PIC_AUTO0), 8);
  kv("misc_func", iocsr_rd64(IOCSR_MISC_FUNC), 16);
  kv("eio nodemap0", iocsr_rd32(EIO_NODEMAP), 8);
  kv("eio ipmap", iocsr_rd64(EIO_IPMAP), 16);
  kv("eio enable0", iocsr_rd64(EIO_ENABLE), 16);
  kv("eio bounce0", iocsr_rd32(EIO_BOUNCE), 8);
  kv("eio route0", iocsr_rd32(EIO_ROUTE), 8);
  kv("eio isr", iocsr_rd64(EIO_ISR), 16);

  /* the 8250 set-up: 8N1, FIFO with trigger level 8, OUT2 | RTS | DTR */
  mmio_write8(UART_BASE + 3, 0x03);
  mmio_write8(UART_BASE + 2, 0x87);
  mmio_write8(UART_BASE + 4, 0x0b);
  line_tests();
  for (int i = 0; i < nsnaps; i++) {
    puts(snaps[i].what);
    puts(": pic isr=0x");
    put_hex(snaps[i].pic_isr, 8);
    puts(" eio isr=0x");
    put_hex(snaps[i].eio_isr, 16);
    puts(" hwi=0x");
    put_hex(snaps[i].hwi, 2);
    puts("\n");
  }

  puts("echo: type lines, the interrupt handler echoes them upper-cased; \"exit\" ends.\n> ");
  mmio_write8(UART_BASE + 1, 0x01); /* received-data interrupt */
  CSRWR(CSR_ECFG, ECFG_HWI1);
  /* check and sleep with interrupts off, so that no wake-up is lost; idle returns on a pending one */
  for (;;) {
    irq_enable(0);
    if (done) break;
    __asm__ volatile("idle 0" ::: "memory");
    irq_enable(1);
  }
  mmio_write8(UART_BASE + 1, 0x00);
  puts("bye: ");
  put_dec(lines);
  puts(" lines, ");
  put_dec(strays);
  puts(" stray vectors\n");
  return 0;
}
