#!/bin/sh
# Rebuilds the committed linux-user guest ELFs (elf/*.elf) from src/ with clang-19 and ld.lld-19.
# Usage: guests/build.sh   (needs clang-19, ld.lld-19 and node; the ELFs are committed so tests need none)
set -eu
cd "$(dirname "$0")"
CC=${CC:-clang-19}
LD=${LD:-ld.lld-19}
CFLAGS="--target=loongarch64-unknown-linux-gnu -march=loongarch64 -mabi=lp64s -msoft-float -O2 -ffreestanding -fno-builtin -nostdlib -static -fno-stack-protector -fno-pic -mcmodel=normal -Wall -Wextra -Wno-unused-command-line-argument"
node gen-blocks.mjs
B=$(mktemp -d)
trap 'rm -rf "$B"' EXIT
$CC $CFLAGS -c src/start.S -o "$B/start.o"
$CC $CFLAGS -c src/rt.c -o "$B/rt.o"
link() { out=$1; shift; $LD -T src/link.ld -static --no-relax -z noexecstack -o "elf/$out.elf" "$B/start.o" "$B/rt.o" "$@"; }
# register-dump harness: instruction-class blocks
$CC $CFLAGS -c src/blocks.S -o "$B/blocks.o"
$CC $CFLAGS -c src/regdump-main.c -o "$B/regdump-main.o"
link regdump "$B/blocks.o" "$B/regdump-main.o"
# fuzz harness: patchable slots
$CC $CFLAGS -c src/fuzz-slots.S -o "$B/fuzz-slots.o"
$CC $CFLAGS -c src/fuzz-main.c -o "$B/fuzz-main.o"
link fuzz "$B/fuzz-slots.o" "$B/fuzz-main.o"
# whole C programs
for p in ${PROGRAMS:-sort hash bignum strings misc args traps}; do
  $CC $CFLAGS -c "src/$p.c" -o "$B/$p.o"
  link "$p" "$B/$p.o"
done
ls -l elf
