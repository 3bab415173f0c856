#!/bin/sh
# Rebuild the committed bare-metal guest ELFs from src/ with clang-19 and ld.lld-19.
set -eu
cd "$(dirname "$0")"
CC=${CC:-clang-19}
LD=${LD:-ld.lld-19}
CFLAGS="--target=loongarch64-unknown-none -march=loongarch64 -mabi=lp64s -msoft-float -O2 -ffreestanding -fno-builtin -nostdlib -fno-stack-protector -fno-pic -mcmodel=normal -Wall -Wextra"
mkdir -p build elf elf/linux-user
# the compute benchmark guests (bench-*.c): built for the virt board and as static linux-user programs
BENCH=${BENCH:-"bench-list bench-matrix bench-state bench-crc bench-sort bench-hash"}
$CC $CFLAGS -c src/start.S -o build/start.o
$CC $CFLAGS -c src/board.c -o build/board.o
$CC $CFLAGS -c src/fmt.c -o build/fmt.o
for g in ${GUESTS:-hello csr compute hypercall echo timer smp fpu exceptions paging memtouch uartirq $BENCH}; do
  # a guest with its own entry (src/<guest>-start.S) links that instead of start.S
  start=build/start.o
  if [ -f "src/$g-start.S" ]; then
    start="build/$g-start.o"
    $CC $CFLAGS -c "src/$g-start.S" -o "$start"
  fi
  $CC $CFLAGS -c "src/$g.c" -o "build/$g.o"
  $LD -T src/link.ld -static --no-relax -o "elf/$g.elf" "$start" build/board.o build/fmt.o "build/$g.o"
done
# linux-user builds of the benchmark guests: the same sources over linux-rt.c (write/exit_group)
UFLAGS=$(echo "$CFLAGS" | sed 's/loongarch64-unknown-none/loongarch64-unknown-linux-gnu/')
$CC $UFLAGS -c src/linux-start.S -o build/linux-start.o
$CC $UFLAGS -c src/linux-rt.c -o build/linux-rt.o
$CC $UFLAGS -c src/fmt.c -o build/fmt-user.o
for g in $BENCH; do
  $CC $UFLAGS -c "src/$g.c" -o "build/$g-user.o"
  $LD -T src/linux.ld -static --no-relax -z noexecstack -o "elf/linux-user/$g.elf" build/linux-start.o build/linux-rt.o build/fmt-user.o "build/$g-user.o"
done
rm -rf build
ls -l elf elf/linux-user
