# Entry of the SMP guest. QEMU 7.2's direct ELF boot starts every CPU here at once (PC = e_entry,
# CRMD = 0xa8). CPU 0 boots as the other guests do; the others check in and park: IPIs enabled in
# ECFG.LIE and the IOCSR IPI enable register, `idle` until mailbox 0 holds an entry point (the way
# Linux's secondaries wait for the boot CPU), then they jump there with sp from mailbox 1 and a0
# from mailbox 2.
#define SMP_PARK
#include "start.S"

park:
    # check in (checked_in is in .data, which CPU 0 does not clear)
    la.pcrel    $t1, checked_in
    li.w        $t2, 1
    amadd_db.w  $zero, $t2, $t1
    li.w        $t1, 0x1000             # ECFG.LIE = IPI, interrupts stay off (CRMD.IE = 0)
    csrwr       $t1, 0x4
    li.w        $t1, -1
    li.w        $t2, 0x1004             # IOCSR IPI enable
    iocsrwr.w   $t1, $t2
4:  li.w        $t2, 0x1020             # mailbox 0
    iocsrrd.d   $t0, $t2
    bnez        $t0, 5f
    idle        0
    b           4b
5:  li.w        $t1, -1
    li.w        $t2, 0x100c             # IPI clear
    iocsrwr.w   $t1, $t2
    li.w        $t2, 0x1028             # mailbox 1: stack
    iocsrrd.d   $sp, $t2
    li.w        $t2, 0x1030             # mailbox 2: argument
    iocsrrd.d   $a0, $t2
    jirl        $ra, $t0, 0
6:  idle        0
    b           6b
