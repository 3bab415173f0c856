# Entry of the linux-user builds: the kernel (or qemu-loongarch64) has set up the stack and zeroed .bss.
    .section .text.start, "ax"
    .globl _start
_start:
    bl          main
    bl          poweroff
1:  b           1b
