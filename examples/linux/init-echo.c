/* /init of the interrupt-driven kernel (vmlinux-irq): raw syscalls, no libc. It prints a prompt, reads one
 * line from the console (the UART's receive interrupt delivers it), echoes it and powers off.
 * Build: clang-19 --target=loongarch64-unknown-linux-gnu -O2 -nostdlib -static
 *        -ffreestanding -fno-stack-protector -fuse-ld=lld -o init init-echo.c       */
#define SYS_read    63
#define SYS_write   64
#define SYS_reboot  142
#define SYS_ioctl   29
#define TCSBRK      0x5409	/* ioctl(fd, TCSBRK, 1) == tcdrain(fd) */

static long sys4(long n, long a, long b, long c, long d)
{
	register long a0 __asm__("$a0") = a;
	register long a1 __asm__("$a1") = b;
	register long a2 __asm__("$a2") = c;
	register long a3 __asm__("$a3") = d;
	register long a7 __asm__("$a7") = n;
	__asm__ volatile("syscall 0"
			 : "+r"(a0)
			 : "r"(a1), "r"(a2), "r"(a3), "r"(a7)
			 : "$t0", "$t1", "$t2", "$t3", "$t4", "$t5", "$t6", "$t7", "$t8",
			   "memory");
	return a0;
}

static void say(const char *s, long n)
{
	sys4(SYS_write, 1, (long)s, n, 0);
}

#define SAY(lit) say(lit, sizeof(lit) - 1)

__attribute__((noreturn)) void _start(void)
{
	static char line[128];
	long n;

	SAY("hello from init\n");
	SAY("init: type a line\n");
	/* canonical mode: one read returns one line; 0 is end of input */
	n = sys4(SYS_read, 0, (long)line, sizeof(line), 0);
	if (n > 0) {
		SAY("init read: ");
		say(line, n);
	} else {
		SAY("init read nothing\n");
	}
	sys4(SYS_ioctl, 1, TCSBRK, 1, 0);
	/* reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_POWER_OFF) */
	sys4(SYS_reboot, 0xfee1dead, 672274793, 0x4321fedc, 0);
	SAY("poweroff failed, looping\n");
	for (;;)
		;
}
