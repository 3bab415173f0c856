// A tour of @axvisor/memory-addr: nominal address types, alignment, the four arithmetic families,
// half-open ranges, page iteration, and a user-defined address type.
// Run it with `pnpm start` at the repository root (or `pnpm --filter @axvisor/example-memory-addr start`).
import {
  type Addr,
  AddrRange,
  alignDown,
  alignUp,
  defineAddrType,
  isAligned,
  PAGE_SIZE_2M,
  PAGE_SIZE_4K,
  PageIter,
  PageIter4K,
  PhysAddr,
  pa,
  U64_MAX,
  VirtAddr,
  va,
} from "@axvisor/memory-addr";

function section(title: string): void {
  console.log(`\n== ${title} ==`);
}

function hex(v: bigint): string {
  return v < 0n ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`;
}

function show(label: string, value: unknown): void {
  const text = typeof value === "bigint" ? `${hex(value)} (${value}n)` : String(value);
  console.log(`  ${label.padEnd(52)} ${text}`);
}

section("Addresses");
const kernelBase = VirtAddr.from(0xffff_8000_0020_1234n);
const ramBase = PhysAddr.from(0x8000_0000);
show("VirtAddr.from(0xffff_8000_0020_1234n)", kernelBase);
show("PhysAddr.from(0x8000_0000)", ramBase);
show("upper-case form", kernelBase.toUpperHex());
show("value (bigint)", kernelBase.value);
show("pa(0x1000).lt(pa(0x2000))", pa(0x1000).lt(pa(0x2000)));
show(
  "[pa(3), pa(1), pa(2)] sorted by compare",
  [pa(3), pa(1), pa(2)].sort((a, b) => a.compare(b)).join(", "),
);

section("Alignment");
show("alignDown(0x12345678n, 0x1000n)", alignDown(0x12345678n, 0x1000n));
show("alignUp(0x12345678n, 0x1000n)", alignUp(0x12345678n, 0x1000n));
show("isAligned(0x12345000n, PAGE_SIZE_4K)", isAligned(0x12345000n, PAGE_SIZE_4K));
show("kernelBase.alignDown4K()", kernelBase.alignDown4K());
show("kernelBase.alignOffset4K()", kernelBase.alignOffset4K());
show("kernelBase.alignUp(PAGE_SIZE_2M)", kernelBase.alignUp(PAGE_SIZE_2M));
try {
  kernelBase.alignDown(0x3000);
} catch (e) {
  show("kernelBase.alignDown(0x3000) throws", (e as Error).message);
}

section("Arithmetic families (Rust: add / wrapping_add / overflowing_add / checked_add)");
const top = VirtAddr.from(U64_MAX - 0xfffn);
show("top", top);
show("top.add(0xfff)", top.add(0xfff));
try {
  top.add(0x1000);
} catch (e) {
  show("top.add(0x1000) throws RangeError", (e as Error).message);
}
show("top.wrappingAdd(0x1000)", top.wrappingAdd(0x1000));
const [wrapped, overflowed] = top.overflowingAdd(0x1000);
show("top.overflowingAdd(0x1000)", `[${wrapped}, ${overflowed}]`);
show("top.checkedAdd(0x1000)", top.checkedAdd(0x1000));
show("va(0x1000).offset(-0x10)", va(0x1000).offset(-0x10));
show("va(0x1000).offsetFrom(va(0x1100))", va(0x1000).offsetFrom(va(0x1100)));
show("va(0x3000).subAddr(va(0x1000))", va(0x3000).subAddr(va(0x1000)));
show("va(0x1000).checkedSubAddr(va(0x3000))", va(0x1000).checkedSubAddr(va(0x3000)));

section("Ranges (half-open [start, end))");
const mmio = AddrRange.new(va(0xfec000), va(0xfff000));
show("AddrRange.new(va(0xfec000), va(0xfff000))", mmio);
show("upper-case form", mmio.toUpperHex());
show("size()", mmio.size());
show("contains(va(0xfff000)) (end is exclusive)", mmio.contains(va(0xfff000)));
const ram = AddrRange.fromStartSize(ramBase, 0x100_0000);
show("AddrRange.fromStartSize(ramBase, 16 MiB)", ram);
show(
  "ram.overlaps([0x80ff_f000, 0x8100_0000))",
  ram.overlaps(AddrRange.new(pa(0x80ff_f000), pa(0x8100_0000))),
);
show(
  "ram.overlaps([0x8100_0000, 0x8200_0000)) (touching)",
  ram.overlaps(AddrRange.new(pa(0x8100_0000), pa(0x8200_0000))),
);
show("AddrRange.tryNew(pa(2), pa(1))", AddrRange.tryNew(pa(2), pa(1)));
show("AddrRange.tryFromStartSize(top, 0x2000)", AddrRange.tryFromStartSize(top, 0x2000));

section("Page iteration");
const pages = PageIter4K.new(va(0x1000), va(0x5000));
show("PageIter4K over [0x1000, 0x5000)", pages ? [...pages].join(", ") : "unaligned");
const huge = PageIter.new(pa(0), pa(0x80_0000), PAGE_SIZE_2M);
show("PageIter over 8 MiB in 2 MiB pages", huge ? [...huge].join(", ") : "unaligned");
show("PageIter4K.new(va(0x1001), va(0x2000))", PageIter4K.new(va(0x1001), va(0x2000)));
show("PageIter.new(pa(0), pa(0x3000), 0x3000)", PageIter.new(pa(0), pa(0x3000), 0x3000));

section("Your own address type (what axaddrspace does for guest addresses)");
const GuestPhysAddr = defineAddrType("GuestPhysAddr", "GPA");
type GuestPhysAddr = Addr<"GuestPhysAddr">;
const gpa: GuestPhysAddr = GuestPhysAddr.from(0x8020_1abc);
show("GuestPhysAddr.from(0x8020_1abc)", gpa);
show("gpa.alignDown4K()", gpa.alignDown4K());
show("GuestPhysAddr.isInstance(pa(0x8020_1abc))", GuestPhysAddr.isInstance(pa(0x8020_1abc)));
// Passing a GuestPhysAddr where a PhysAddr is expected does not compile:
//   const host: PhysAddr = gpa;   // error TS2322: Type 'Addr<"GuestPhysAddr">' is not assignable to type 'Addr<"PhysAddr">'.
const guestRam = AddrRange.fromStartSize(GuestPhysAddr.from(0x8000_0000), 0x4000);
show("guest RAM pages", [...(PageIter4K.new(guestRam.start, guestRam.end) ?? [])].join(", "));
