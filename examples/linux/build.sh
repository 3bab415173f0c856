#!/bin/sh
# Builds the two Linux 6.12 kernels the tests boot, from Debian's linux-source-6.12 with clang-19/lld-19:
#   vmlinux      tinyconfig + la-min.config, built-in DT la-min.dts (polled UART)
#   vmlinux-irq  the same kernel with la-irq.dts (the UART's interrupt goes PCH-PIC pin 2 -> EIOINTC -> HWI1)
#                and init.c built with -DINIT_READ_LINE as /init (reads a line, so input arrives by interrupt)
# Both boot without firmware (QEMU 7.2's `-M virt -kernel`). No kernel binary is committed: they are built
# into a cache outside git, keyed by a hash of this directory's recipe files, and linked as out/vmlinux*.
#
# Usage: examples/linux/build.sh [--print-dir]
#   AXVISOR_LINUX_CACHE  cache directory (default ${XDG_CACHE_HOME:-$HOME/.cache}/axvisor-linux)
#   --print-dir          print the directory the kernels are (or would be) in, build nothing
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
CACHE=${AXVISOR_LINUX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/axvisor-linux}
KEY=$(cd "$HERE" && cat build.sh init.c initramfs.list.in la-min.config la-min.dts la-irq.dts | sha256sum | cut -c1-16)
DEST=$CACHE/$KEY
if [ "${1:-}" = "--print-dir" ]; then
	echo "$DEST"
	exit 0
fi

link_out() {
	mkdir -p "$HERE/out"
	ln -sf "$DEST/vmlinux" "$HERE/out/vmlinux"
	ln -sf "$DEST/vmlinux-irq" "$HERE/out/vmlinux-irq"
}
if [ -f "$DEST/vmlinux" ] && [ -f "$DEST/vmlinux-irq" ]; then
	link_out
	echo "cached: $DEST"
	exit 0
fi

for tool in clang-19 ld.lld-19 make flex bison bc cpio; do
	command -v "$tool" >/dev/null 2>&1 || {
		echo "build.sh: $tool is missing (apt-get install clang-19 lld-19 llvm-19 make flex bison bc libelf-dev libssl-dev cpio linux-source-6.12)" >&2
		exit 3
	}
done
TARBALL=/usr/src/linux-source-6.12.tar.xz
[ -f "$TARBALL" ] || {
	echo "build.sh: $TARBALL is missing (apt-get install linux-source-6.12)" >&2
	exit 3
}

# The source tree and the object tree are shared by every key, so a recipe change rebuilds incrementally.
SRC=$CACHE/src/linux-source-6.12
OUT=$CACHE/obj
MK="make -C $SRC O=$OUT LLVM=-19 ARCH=loongarch"
mkdir -p "$CACHE/src" "$OUT" "$DEST.tmp"
[ -d "$SRC" ] || tar -C "$CACHE/src" -xf "$TARBALL"

# userspace: one static /init per kernel, each in its initramfs
for init in init init-echo; do
	flags=""
	[ "$init" = init-echo ] && flags=-DINIT_READ_LINE
	clang-19 --target=loongarch64-unknown-linux-gnu -O2 -nostdlib -static -ffreestanding \
		-fno-stack-protector -fuse-ld=lld $flags -o "$DEST.tmp/$init" "$HERE/init.c"
	sed "s|@INIT@|$DEST.tmp/$init|" "$HERE/initramfs.list.in" >"$DEST.tmp/$init.list"
done

# kernel: BUILTIN_DTB_NAME is relative to arch/loongarch/boot/dts/
cp "$HERE/la-min.dts" "$HERE/la-irq.dts" "$SRC/arch/loongarch/boot/dts/"
build() { # $1 = dtb name, $2 = init, $3 = output file
	$MK tinyconfig >/dev/null
	sed -e "s|/tmp/linux-la/initramfs.list|$DEST.tmp/$2.list|" \
		-e "s|^CONFIG_BUILTIN_DTB_NAME=.*|CONFIG_BUILTIN_DTB_NAME=\"$1\"|" "$HERE/la-min.config" >"$DEST.tmp/fragment.config"
	# allnoconfig with the fragment as KCONFIG_ALLCONFIG: symbols the fragment makes visible (VT, INPUT,
	# SERIO_I8042) default to n instead of their Kconfig default, as olddefconfig would set them
	cat "$OUT/.config" "$DEST.tmp/fragment.config" >"$DEST.tmp/allno.config"
	$MK KCONFIG_ALLCONFIG="$DEST.tmp/allno.config" allnoconfig >/dev/null 2>&1
	nice -n 10 $MK -j"$(nproc)" vmlinux >"$DEST.tmp/build-$1.log" 2>&1 || {
		tail -30 "$DEST.tmp/build-$1.log" >&2
		exit 1
	}
	cp "$OUT/vmlinux" "$DEST.tmp/$3"
}
echo "building Linux 6.12 into $DEST (about 4 minutes on 2 cores the first time)"
build la-min init vmlinux
build la-irq init-echo vmlinux-irq
rm -rf "$DEST"
mv "$DEST.tmp" "$DEST"
link_out
ls -l "$DEST/vmlinux" "$DEST/vmlinux-irq"
