# Entry of every bare-metal guest: QEMU's direct ELF boot starts here in DA mode (CRMD = 0xa8).
# smp-start.S includes it with SMP_PARK defined: every CPU but CPU 0 goes to its `park` first.
    .section .text.start, "ax"
    .globl _start
_start:
#ifdef SMP_PARK
    csrrd       $t0, 0x20               # CPUID
    bnez        $t0, park
#endif
    la.pcrel    $sp, __stack_top
    la.pcrel    $t0, __bss_start
    la.pcrel    $t1, __bss_end
1:  bgeu        $t0, $t1, 2f
    st.d        $zero, $t0, 0
    addi.d      $t0, $t0, 8
    b           1b
2:  bl          main
    bl          poweroff
3:  b           3b
