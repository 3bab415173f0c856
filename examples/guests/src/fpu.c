/* FPU test: enables EUEN.FPE, then runs F/D instructions over edge values (signed zeros, subnormals,
 * extremes, infinities, quiet and signaling NaNs, values that need rounding) in all four rounding
 * modes, and prints results and FCSR0 in hex: single lines for hand-picked cases (fused multiply-add
 * hard cases, conversions at the edges, fcmp), one FNV-1a hash per (instruction, rounding mode) sweep.
 * Built soft-float like the other guests: every FP instruction is inline assembly. */
#include "board.h"

typedef uint64_t u64;

static void set_fcsr(u64 v) { __asm__ volatile("movgr2fcsr $fcsr0, %0" ::"r"(v)); }
static u64 get_fcsr(void) {
  u64 v;
  __asm__ volatile("movfcsr2gr %0, $fcsr0" : "=r"(v));
  return v;
}

#define OP2(fn, insn)                                                                            \
  static u64 fn(u64 a, u64 b) {                                                                  \
    u64 r;                                                                                       \
    __asm__ volatile("movgr2fr.d $fa1, %1\n movgr2fr.d $fa2, %2\n " insn " $fa0, $fa1, $fa2\n"    \
                     " movfr2gr.d %0, $fa0"                                                      \
                     : "=r"(r)                                                                   \
                     : "r"(a), "r"(b)                                                            \
                     : "$fa0", "$fa1", "$fa2");                                                  \
    return r;                                                                                    \
  }
#define OP1(fn, insn)                                                                            \
  static u64 fn(u64 a) {                                                                         \
    u64 r;                                                                                       \
    __asm__ volatile("movgr2fr.d $fa1, %1\n " insn " $fa0, $fa1\n movfr2gr.d %0, $fa0"          \
                     : "=r"(r)                                                                   \
                     : "r"(a)                                                                    \
                     : "$fa0", "$fa1");                                                          \
    return r;                                                                                    \
  }
#define OP3(fn, insn)                                                                            \
  static u64 fn(u64 a, u64 b, u64 c) {                                                           \
    u64 r;                                                                                       \
    __asm__ volatile("movgr2fr.d $fa1, %1\n movgr2fr.d $fa2, %2\n movgr2fr.d $fa3, %3\n " insn   \
                     " $fa0, $fa1, $fa2, $fa3\n movfr2gr.d %0, $fa0"                             \
                     : "=r"(r)                                                                   \
                     : "r"(a), "r"(b), "r"(c)                                                    \
                     : "$fa0", "$fa1", "$fa2", "$fa3");                                          \
    return r;                                                                                    \
  }

OP2(fadd_d, "fadd.d")
OP2(fsub_d, "fsub.d")
OP2(fmul_d, "fmul.d")
OP2(fdiv_d, "fdiv.d")
OP2(fmax_d, "fmax.d")
OP2(fmina_d, "fmina.d")
OP2(fadd_s, "fadd.s")
OP2(fmul_s, "fmul.s")
OP2(fdiv_s, "fdiv.s")
OP2(fscaleb_d, "fscaleb.d")
OP1(fsqrt_d, "fsqrt.d")
OP1(fsqrt_s, "fsqrt.s")
OP1(frint_d, "frint.d")
OP1(ftint_l_d, "ftint.l.d")
OP1(ftint_w_d, "ftint.w.d")
OP1(ftintrz_w_s, "ftintrz.w.s")
OP1(ftintrm_l_d, "ftintrm.l.d")
OP1(ffint_d_l, "ffint.d.l")
OP1(ffint_s_l, "ffint.s.l")
OP1(fcvt_s_d, "fcvt.s.d")
OP1(fcvt_d_s, "fcvt.d.s")
OP1(fclass_d, "fclass.d")
OP1(flogb_d, "flogb.d")
OP1(frecip_d, "frecip.d")
OP3(fmadd_d, "fmadd.d")
OP3(fmsub_d, "fmsub.d")
OP3(fnmadd_d, "fnmadd.d")
OP3(fmadd_s, "fmadd.s")

static const u64 D[] = {
    0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000, 0x3ff8000000000000,
    0x4008000000000000, 0x3ca0000000000000, 0x3ff0000000000001, 0x7fefffffffffffff, 0x0010000000000000,
    0x0000000000000001, 0x800fffffffffffff, 0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000,
    0x7ff4000000000001, 0x4330000000000001, 0x43e0000000000000, 0xc1e0000000100000, 0x3fb999999999999a,
};
#define ND (sizeof D / sizeof D[0])
static const u64 S[] = {
    0xffffffff00000000, 0xffffffff80000000, 0xffffffff3f800000, 0xffffffffbf800000, 0xffffffff3fc00000,
    0xffffffff33800000, 0xffffffff3f800001, 0xffffffff7f7fffff, 0xffffffff00800000, 0xffffffff00000001,
    0xffffffff7f800000, 0xffffffffff800000, 0xffffffff7fc00000, 0xffffffff7fa00001, 0xffffffff4f000000,
    0x0000000040490fdb,
};
#define NS (sizeof S / sizeof S[0])

static u64 hash;
static void mix(u64 v) {
  for (int i = 0; i < 8; i++) hash = (hash ^ ((v >> (8 * i)) & 0xff)) * 0x100000001b3UL;
}
static void line(const char *what, u64 r) {
  puts(what);
  puts(" = ");
  put_hex(r, 16);
  puts(" fcsr ");
  put_hex(get_fcsr(), 8);
  putc('\n');
}
static const char *const RM[4] = {"rne", "rz ", "rp ", "rm "};

#define SWEEP2(fn, tab, n)                                      \
  do {                                                          \
    hash = 0xcbf29ce484222325UL;                                \
    for (unsigned i = 0; i < n; i++)                            \
      for (unsigned j = 0; j < n; j++) {                        \
        set_fcsr(rm << 8);                                      \
        mix(fn(tab[i], tab[j]));                                \
        mix(get_fcsr());                                        \
      }                                                         \
    puts(#fn " ");                                              \
    puts(RM[rm]);                                               \
    puts(" ");                                                  \
    put_hex(hash, 16);                                          \
    putc('\n');                                                 \
  } while (0)
#define SWEEP1(fn, tab, n)                                      \
  do {                                                          \
    hash = 0xcbf29ce484222325UL;                                \
    for (unsigned i = 0; i < n; i++) {                          \
      set_fcsr(rm << 8);                                        \
      mix(fn(tab[i]));                                          \
      mix(get_fcsr());                                          \
    }                                                           \
    puts(#fn " ");                                              \
    puts(RM[rm]);                                               \
    puts(" ");                                                  \
    put_hex(hash, 16);                                          \
    putc('\n');                                                 \
  } while (0)

int main(void) {
  /* EUEN.FPE = 1: FP instructions raise FPD until then */
  __asm__ volatile("li.w $t0, 1\n csrwr $t0, 0x2" ::: "$t0");
  puts("fpu: EUEN.FPE enabled\n");

  /* fused multiply-add hard cases (round to nearest) */
  set_fcsr(0);
  line("fma (1+2^-30)^2-1      ", fmadd_d(0x3ff0000000400000, 0x3ff0000000400000, 0xbff0000000000000));
  line("fma (1+2^-52)^2-1 tie  ", fmadd_d(0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000000));
  line("fma (1-2^-53)(1+2^-52)-1", fmadd_d(0x3fefffffffffffff, 0x3ff0000000000001, 0xbff0000000000000));
  line("fms 0.1*10-1           ", fmsub_d(0x3fb999999999999a, 0x4024000000000000, 0x3ff0000000000000));
  line("fnma 1*1+1             ", fnmadd_d(0x3ff0000000000000, 0x3ff0000000000000, 0x3ff0000000000000));
  line("fma inf*0+qnan         ", fmadd_d(0x7ff0000000000000, 0, 0x7ff8000000000005));
  line("fma.s 1*1-1            ", fmadd_s(0xffffffff3f800000, 0xffffffff3f800000, 0xffffffffbf800000));
  set_fcsr(3 << 8);
  line("fma rm 1*1-1 (-0)      ", fmadd_d(0x3ff0000000000000, 0x3ff0000000000000, 0xbff0000000000000));
  /* conversions at the edges */
  set_fcsr(0);
  line("ftint.l.d 2^63         ", ftint_l_d(0x43e0000000000000));
  line("ftint.w.d -2^31-0.5    ", ftint_w_d(0xc1e0000000100000));
  line("ftint.l.d qnan         ", ftint_l_d(0x7ff8000000000000));
  line("ftintrz.w.s -1.5       ", ftintrz_w_s(0xffffffffbfc00000));
  line("ftintrm.l.d -0.5       ", ftintrm_l_d(0xbfe0000000000000));
  line("fcvt.s.d snan          ", fcvt_s_d(0xfff4000012345671));
  line("fcvt.s.d max           ", fcvt_s_d(0x7fefffffffffffff));
  line("fcvt.d.s 1.5           ", fcvt_d_s(0xffffffff3fc00000));
  line("ffint.s.l 2^24+1       ", ffint_s_l(0x1000001));
  line("flogb.d 2^-1074        ", flogb_d(1));
  line("fscaleb.d 1.5,-1075    ", fscaleb_d(0x3ff8000000000000, 0xfffffffffffffbcd));
  line("div 1/0                ", fdiv_d(0x3ff0000000000000, 0));
  line("fclass.d -subnormal    ", fclass_d(0x800fffffffffffff));
  /* fcmp: every condition on (1, 2), (2, 2), (qnan, 1) */
  {
    u64 fcc = 0;
    set_fcsr(0);
#define FCMP(c)                                                                                  \
  __asm__ volatile("movgr2fr.d $fa1, %1\n movgr2fr.d $fa2, %2\n fcmp." c ".d $fcc0, $fa1, $fa2\n" \
                   " movcf2gr $t0, $fcc0\n slli.d %0, %0, 1\n or %0, %0, $t0"                      \
                   : "+r"(fcc)                                                                   \
                   : "r"(a), "r"(b)                                                              \
                   : "$t0", "$fa1", "$fa2", "$fcc0")
    static const u64 P[3][2] = {
        {0x3ff0000000000000, 0x4000000000000000},
        {0x4000000000000000, 0x4000000000000000},
        {0x7ff8000000000000, 0x3ff0000000000000},
    };
    for (int p = 0; p < 3; p++) {
      u64 a = P[p][0], b = P[p][1];
      FCMP("caf"); FCMP("saf"); FCMP("clt"); FCMP("slt"); FCMP("ceq"); FCMP("seq"); FCMP("cle");
      FCMP("sle"); FCMP("cun"); FCMP("sun"); FCMP("cult"); FCMP("sult"); FCMP("cueq"); FCMP("sueq");
      FCMP("cule"); FCMP("sule"); FCMP("cne"); FCMP("sne"); FCMP("cor"); FCMP("sor"); FCMP("cune");
      FCMP("sune");
    }
    line("fcmp 22 conds x 3 pairs", fcc);
  }
  /* sweeps over every pair of edge values in every rounding mode */
  for (u64 rm = 0; rm < 4; rm++) {
    SWEEP2(fadd_d, D, ND);
    SWEEP2(fsub_d, D, ND);
    SWEEP2(fmul_d, D, ND);
    SWEEP2(fdiv_d, D, ND);
    SWEEP2(fmax_d, D, ND);
    SWEEP2(fmina_d, D, ND);
    SWEEP2(fadd_s, S, NS);
    SWEEP2(fmul_s, S, NS);
    SWEEP2(fdiv_s, S, NS);
    SWEEP1(fsqrt_d, D, ND);
    SWEEP1(fsqrt_s, S, NS);
    SWEEP1(frint_d, D, ND);
    SWEEP1(ftint_l_d, D, ND);
    SWEEP1(ftint_w_d, D, ND);
    SWEEP1(ffint_d_l, D, ND);
    SWEEP1(ffint_s_l, D, ND);
    SWEEP1(fcvt_s_d, D, ND);
    SWEEP1(fcvt_d_s, S, NS);
    SWEEP1(frecip_d, D, ND);
    hash = 0xcbf29ce484222325UL;
    for (unsigned i = 0; i < ND; i++)
      for (unsigned j = 0; j < ND; j += 3)
        for (unsigned k = 0; k < ND; k += 2) {
          set_fcsr(rm << 8);
          mix(fmadd_d(D[i], D[j], D[k]));
          mix(get_fcsr());
        }
    puts("fmadd_d ");
    puts(RM[rm]);
    puts(" ");
    put_hex(hash, 16);
    putc('\n');
  }
  puts("fpu: done\n");
  return 0;
}
