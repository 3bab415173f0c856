// A mock HAL like the Rust axaddrspace tests' test_utils: a bump allocator over 64 KiB of frames
// starting at physical 0x1000, with counters and a failure switch.
import { HostPhysAddr, type HostVirtAddr, HostVirtAddr as HVA, type PagingHandler } from "../src/index.js";

export const MEMORY_START = 0x1000;
export const MEMORY_LEN = 0x10000;

export class MockHal implements PagingHandler {
  allocCount = 0;
  deallocCount = 0;
  allocShouldFail = false;
  next: number = MEMORY_START;
  readonly buffer: ArrayBuffer = new ArrayBuffer(MEMORY_START + MEMORY_LEN);
  readonly view: DataView = new DataView(this.buffer);

  allocFrame(): HostPhysAddr | undefined {
    if (this.allocShouldFail || this.next >= MEMORY_START + MEMORY_LEN) return undefined;
    const pa = this.next;
    this.next += 0x1000;
    this.allocCount++;
    return HostPhysAddr.from(pa);
  }
  deallocFrame(_paddr: HostPhysAddr): void {
    this.deallocCount++;
  }
  physToVirt(paddr: HostPhysAddr): HostVirtAddr {
    return HVA.from(paddr.value);
  }
  virtToPhys(vaddr: HostVirtAddr): HostPhysAddr {
    return HostPhysAddr.from(vaddr.value);
  }
  dataView(): DataView {
    return this.view;
  }
}
