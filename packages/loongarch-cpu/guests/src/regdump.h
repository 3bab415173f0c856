/* Register-dump harness shared by the instruction-class blocks and the fuzz slots.
   A block runs with r21 = B = ctx + 1024; everything is addressed from B:
     B-1024 .. B+1024  scratch buffer (2048 bytes)
     B+1024            out[32]   all GPRs after the block
     B+1280            saved[16] the caller's callee-saved registers
     B+1408            init[32]  register values loaded before the block (init[21] is ignored)
   Blocks never write r21; the fuzz blocks also keep r20 (an index into the scratch buffer). */
#ifndef REGDUMP_H
#define REGDUMP_H
#ifdef __ASSEMBLER__
#define OUT 1024
#define SAVED 1280
#define INIT 1408

.macro BLOCK name
    .text
    .p2align 4
    .globl \name
\name:
    addi.d  $t0, $a0, 1024
    st.d    $ra, $t0, SAVED+0
    st.d    $sp, $t0, SAVED+8
    st.d    $tp, $t0, SAVED+16
    st.d    $r21, $t0, SAVED+24
    st.d    $fp, $t0, SAVED+32
    st.d    $s0, $t0, SAVED+40
    st.d    $s1, $t0, SAVED+48
    st.d    $s2, $t0, SAVED+56
    st.d    $s3, $t0, SAVED+64
    st.d    $s4, $t0, SAVED+72
    st.d    $s5, $t0, SAVED+80
    st.d    $s6, $t0, SAVED+88
    st.d    $s7, $t0, SAVED+96
    st.d    $s8, $t0, SAVED+104
    move    $r21, $t0
    .irp r, 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,22,23,24,25,26,27,28,29,30,31
    ld.d    $r\r, $r21, INIT+8*\r
    .endr
.endm

.macro END_BLOCK
    .irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    st.d    $r\r, $r21, OUT+8*\r
    .endr
    ld.d    $ra, $r21, SAVED+0
    ld.d    $sp, $r21, SAVED+8
    ld.d    $tp, $r21, SAVED+16
    ld.d    $fp, $r21, SAVED+32
    ld.d    $s0, $r21, SAVED+40
    ld.d    $s1, $r21, SAVED+48
    ld.d    $s2, $r21, SAVED+56
    ld.d    $s3, $r21, SAVED+64
    ld.d    $s4, $r21, SAVED+72
    ld.d    $s5, $r21, SAVED+80
    ld.d    $s6, $r21, SAVED+88
    ld.d    $s7, $r21, SAVED+96
    ld.d    $s8, $r21, SAVED+104
    ld.d    $r21, $r21, SAVED+24
    ret
.endm
#else
#include "rt.h"
typedef struct {
  u8 scratch[2048];
  u64 out[32];
  u64 saved[16];
  u64 init[32];
} regdump_ctx;
typedef void (*block_fn)(regdump_ctx *ctx);
#endif
#endif
