# Entry of every linux-user guest: the kernel (or qemu-loongarch64) leaves argc at 0(sp).
    .section .text.start, "ax"
    .globl _start
_start:
    move        $a0, $sp
    bl          rt_start
1:  b           1b
