// A tour of @axvisor/axaddrspace: build a LoongArch guest physical address space in emulated host
// memory, map RAM and leave a hole for a device, fault in a lazy page, and print the nested
// page-table walk an MMU would perform.
// Run it with `pnpm --filter @axvisor/example-axaddrspace start` (after `pnpm build`).
import { AddrSpace, GuestPhysAddr, HostPhysMemory, MappingFlags, PageSize } from "@axvisor/axaddrspace";

const RWX = MappingFlags.READ | MappingFlags.WRITE | MappingFlags.EXECUTE;
const gpa = (n: number | bigint) => GuestPhysAddr.from(n);

function section(title: string): void {
  console.log(`\n== ${title} ==`);
}

// Host "physical" memory: one growable WebAssembly.Memory, at most 256 MiB here.
const hpm = new HostPhysMemory({ maxBytes: 256n << 20n });
const space = AddrSpace.newEmpty({ levels: 3, base: gpa(0), size: 1n << 32n, hal: hpm, arch: "loongarch64" });
space.onChange((range) => console.log(`  (soft-TLB flush: ${range})`));

section("map guest RAM and a linear window");
// Low RAM, 256 MiB, allocated lazily: costs nothing until the guest touches it.
space.mapAlloc(gpa(0), 0x1000_0000, RWX, false);
// 2 MiB of RAM above the device window, populated now (512 frames).
space.mapAlloc(gpa(0x9000_0000), 0x20_0000, RWX, true);
// A 2 MiB framebuffer mapped linearly onto 2 MiB-aligned host frames: a single huge page.
const fb = hpm.allocFrames(512, 0x20_0000)!;
space.mapLinear(gpa(0x4000_0000), fb, 0x20_0000, MappingFlags.READ | MappingFlags.WRITE);
console.log(space.toString());

section("the device hole at 0x1fe0_0000 (UART) is unmapped: an MMIO exit for the vCPU");
const uart = gpa(0x1fe0_01e0);
console.log(`translate(${uart}) =`, space.translate(uart)?.toString() ?? "undefined");
console.log(`handlePageFault(${uart}, READ) =`, space.handlePageFault(uart, MappingFlags.READ));

section("fault in a lazy RAM page");
const kernel = gpa(0x20_0040);
console.log(`before: translate(${kernel}) =`, space.translate(kernel)?.toString() ?? "undefined");
console.log(`handlePageFault(${kernel}, EXECUTE) =`, space.handlePageFault(kernel, MappingFlags.EXECUTE));
console.log(`after:  translate(${kernel}) =`, space.translate(kernel)?.toString());
const mem = space.accessor();
mem.writeU32(kernel, 0x0340_0000); // a LoongArch `nop` (andi $zero, $zero, 0)
console.log(`read back: 0x${mem.readU32(kernel).toString(16).padStart(8, "0")}`);

section(`page-table walk for ${kernel} (root ${space.pageTableRoot()})`);
for (const step of space.pageTable().trace(kernel)) {
  const bits = `0x${step.bits.toString(16).padStart(16, "0")}`;
  console.log(
    `  L${step.level}[${String(step.index).padStart(3)}] @ ${step.entryAddr}: ${bits}  ${step.kind.padEnd(10)} ${step.description}`,
  );
}
const [hpa, flags, size] = space.pageTable().query(kernel);
console.log(`  → ${hpa} ${MappingFlags.format(flags)} (${PageSize.format(size)} page)`);

const pixel = gpa(0x4001_2340);
section(`page-table walk for ${pixel} (the framebuffer: a 2M leaf one level up)`);
for (const step of space.pageTable().trace(pixel)) {
  const bits = `0x${step.bits.toString(16).padStart(16, "0")}`;
  console.log(
    `  L${step.level}[${String(step.index).padStart(3)}] @ ${step.entryAddr}: ${bits}  ${step.kind.padEnd(10)} ${step.description}`,
  );
}
console.log(`  → ${space.translate(pixel)}`);

section("host memory cost");
const s = hpm.stats;
console.log(`  frames in use ${s.framesInUse}, allocated ${s.framesAllocated}, freed ${s.framesFreed}`);
console.log(
  `  reserved ${(s.bytesReserved / 1024).toFixed(0)} KiB of a ${(s.maxBytes / (1 << 20)).toFixed(0)} MiB limit for a 4 GiB guest space`,
);

space.destroy();
hpm.deallocFrames(fb, 512);
console.log(`after destroy: frames in use ${hpm.stats.framesInUse}`);
