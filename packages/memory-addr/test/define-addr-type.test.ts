import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Addr, addrBrand, defineAddrType, PhysAddr, VirtAddr } from "../src/index.js";
import { I64_MAX, I64_MIN, i64, pow2, U64_MAX, u64 } from "./arbitraries.js";

// The Rust tests use two throw-away types made by `def_usize_addr!`; so do we.
const ExampleAddr = defineAddrType("ExampleAddr", "EA");
type ExampleAddr = Addr<"ExampleAddr">;
const AnotherAddr = defineAddrType("AnotherAddr", "AA");
const ea = (v: bigint | number): ExampleAddr => ExampleAddr.from(v);

describe("defineAddrType: construction", () => {
  it("exposes the type name, prefix, ZERO and MAX", () => {
    expect(ExampleAddr.typeName).toBe("ExampleAddr");
    expect(ExampleAddr.prefix).toBe("EA");
    expect(ExampleAddr.ZERO.value).toBe(0n);
    expect(ExampleAddr.MAX.value).toBe(U64_MAX);
    expect(ExampleAddr.ZERO[addrBrand]).toBe("ExampleAddr");
  });

  it("accepts bigints in 0..=2^64-1 and non-negative safe integers", () => {
    expect(ea(0).value).toBe(0n);
    expect(ea(Number.MAX_SAFE_INTEGER).value).toBe(BigInt(Number.MAX_SAFE_INTEGER));
    expect(ea(U64_MAX).value).toBe(U64_MAX);
  });

  it("rejects everything else with a RangeError", () => {
    expect(() => ea(-1n)).toThrow(RangeError);
    expect(() => ea(1n << 64n)).toThrow(/ExampleAddr value must be in 0\.\.=0xffffffffffffffff/);
    expect(() => ea(-1)).toThrow(/non-negative safe integer/);
    expect(() => ea(1.5)).toThrow(RangeError);
    expect(() => ea(Number.NaN)).toThrow(RangeError);
    expect(() => ea(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => ea(2 ** 53)).toThrow(RangeError);
    expect(() => ea("0x1000" as unknown as number)).toThrow(TypeError);
  });

  it("rejects an empty type name", () => {
    expect(() => defineAddrType("", "X")).toThrow(TypeError);
    expect(() => defineAddrType("X", undefined as unknown as string)).toThrow(TypeError);
  });

  it("makes values that methods never mutate; the shared singletons are frozen", () => {
    // Instances are readonly by type (see define-addr-type.test-d.ts), not frozen, for speed.
    const a = ea(0x1234);
    a.add(1);
    a.alignDown4K();
    a.wrappingSub(0x10_0000);
    a.overflowingAdd(U64_MAX);
    expect(a.value).toBe(0x1234n);
    expect(Object.isFrozen(ExampleAddr.ZERO)).toBe(true);
    expect(Object.isFrozen(ExampleAddr.MAX)).toBe(true);
    expect(Object.isFrozen(ExampleAddr)).toBe(true);
    expect(Object.isFrozen(Object.getPrototypeOf(a))).toBe(true);
    expect(() => {
      (ExampleAddr.ZERO as { value: bigint }).value = 5n;
    }).toThrow(TypeError);
    expect(ExampleAddr.ZERO.value).toBe(0n);
  });

  it("isInstance tells types apart at run time", () => {
    expect(ExampleAddr.isInstance(ea(1))).toBe(true);
    expect(ExampleAddr.isInstance(AnotherAddr.from(1))).toBe(false);
    expect(ExampleAddr.isInstance(1n)).toBe(false);
    expect(ExampleAddr.isInstance(undefined)).toBe(false);
    expect(PhysAddr.isInstance(VirtAddr.from(1))).toBe(false);
  });

  it("toNumber converts safe values and throws above 2^53 - 1", () => {
    expect(ea(0x1234).toNumber()).toBe(0x1234);
    expect(ea(Number.MAX_SAFE_INTEGER).toNumber()).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => ea(BigInt(Number.MAX_SAFE_INTEGER) + 1n).toNumber()).toThrow(RangeError);
  });
});

describe("defineAddrType: the Rust memory_addr tests", () => {
  it("test_addr_convert_and_comparison", () => {
    const example1 = ea(0x1234);
    const example2 = ea(0x5678n);
    const another1 = AnotherAddr.from(0x9abc);
    const another2 = AnotherAddr.from(0xdef0n);

    expect(example1.value).toBe(0x1234n);
    expect(example2.toBigInt()).toBe(0x5678n);
    expect(another1.toBigInt()).toBe(0x9abcn);
    expect(another2.value).toBe(0xdef0n);

    expect(example1.equals(ea(0x1234n))).toBe(true);
    expect(example2.equals(ea(0x5678))).toBe(true);
    expect(another1.equals(AnotherAddr.from(0x9abc))).toBe(true);

    expect(example1.lt(example2)).toBe(true);
    expect(example1.le(example2)).toBe(true);
    expect(example2.gt(example1)).toBe(true);
    expect(example2.ge(example1)).toBe(true);
    expect(example1.equals(example2)).toBe(false);
    expect(example1.compare(example2)).toBe(-1);
    expect(example2.compare(example1)).toBe(1);
    expect(example1.compare(ea(0x1234))).toBe(0);
    expect(example1.le(example1) && example1.ge(example1)).toBe(true);
    expect(example1.lt(example1) || example1.gt(example1)).toBe(false);
  });

  it("equals is false across types even with the same value (run-time guard)", () => {
    const a = ea(1) as unknown as Addr<"AnotherAddr">;
    expect(AnotherAddr.from(1).equals(a)).toBe(false);
  });

  it("test_addr_fmt", () => {
    expect(ea(0x1abc).toString()).toBe("EA:0x1abc");
    expect(AnotherAddr.from(0x1abc).toString()).toBe("AA:0x1abc");
    expect(ea(0x1abc).toUpperHex()).toBe("EA:0x1ABC");
    expect(`${ea(0)}`).toBe("EA:0x0");
    expect(ea(U64_MAX).toUpperHex()).toBe("EA:0xFFFFFFFFFFFFFFFF");
    expect(Object.prototype.toString.call(ea(0))).toBe("[object ExampleAddr]");
  });

  it("test_addr (VirtAddr alignment)", () => {
    const addr = VirtAddr.from(0x2000);
    expect(addr.isAligned4K()).toBe(true);
    expect(addr.isAligned(0x10000)).toBe(false);
    expect(addr.alignOffset4K()).toBe(0n);
    expect(addr.alignDown4K().equals(VirtAddr.from(0x2000))).toBe(true);
    expect(addr.alignUp4K().equals(VirtAddr.from(0x2000))).toBe(true);

    const addr2 = VirtAddr.from(0x2fff);
    expect(addr2.isAligned4K()).toBe(false);
    expect(addr2.alignOffset4K()).toBe(0xfffn);
    expect(addr2.alignDown4K().equals(VirtAddr.from(0x2000))).toBe(true);
    expect(addr2.alignUp4K().equals(VirtAddr.from(0x3000))).toBe(true);

    const align = 0x100000n;
    const addr3 = VirtAddr.from(align * 5n + 0x2000n);
    expect(addr3.isAligned4K()).toBe(true);
    expect(addr3.isAligned(align)).toBe(false);
    expect(addr3.alignOffset(align)).toBe(0x2000n);
    expect(addr3.alignDown(align).equals(VirtAddr.from(align * 5n))).toBe(true);
    expect(addr3.alignUp(align).equals(VirtAddr.from(align * 6n))).toBe(true);
  });

  it("test_alignment", () => {
    const alignment = 0x1000;
    const base = alignment * 2;
    const offset = 0x123;
    const addr = ea(base + offset);
    expect(addr.alignDown(alignment).equals(ea(base))).toBe(true);
    expect(addr.alignUp(alignment).equals(ea(base + alignment))).toBe(true);
    expect(addr.alignOffset(alignment)).toBe(BigInt(offset));
    expect(addr.isAligned(alignment)).toBe(false);
    expect(ea(base).isAligned(alignment)).toBe(true);
    expect(ea(base).alignUp(alignment).equals(ea(base))).toBe(true);
  });

  it("alignment methods reject a non-power-of-two and overflow", () => {
    expect(() => ea(0x1000).alignDown(0x1001)).toThrow(/power of two/);
    expect(() => ea(0x1000).alignUp(0)).toThrow(RangeError);
    expect(() => ea(0x1000).alignOffset(3n)).toThrow(RangeError);
    expect(() => ea(0x1000).isAligned(-2)).toThrow(RangeError);
    expect(() => ea(U64_MAX).alignUp4K()).toThrow(/overflow/);
    expect(() => ea(U64_MAX).alignUp(2)).toThrow(RangeError);
  });

  it("test_addr_arithmetic", () => {
    const base = 0x1234n;
    const offset = 0x100n;
    const addr = ea(base);
    const offsetAddr = ea(base + offset);

    expect(addr.offset(offset).equals(offsetAddr)).toBe(true);
    expect(addr.wrappingOffset(offset).equals(offsetAddr)).toBe(true);
    expect(offsetAddr.offsetFrom(addr)).toBe(offset);
    expect(addr.add(offset).equals(offsetAddr)).toBe(true);
    expect(addr.wrappingAdd(offset).equals(offsetAddr)).toBe(true);
    expect(offsetAddr.sub(offset).equals(addr)).toBe(true);
    expect(offsetAddr.wrappingSub(offset).equals(addr)).toBe(true);
    expect(offsetAddr.subAddr(addr)).toBe(offset);
    expect(offsetAddr.wrappingSubAddr(addr)).toBe(offset);
    // Number arguments behave the same as bigint ones.
    expect(addr.add(0x100).equals(offsetAddr)).toBe(true);
    expect(offsetAddr.offset(-0x100).equals(addr)).toBe(true);
    expect(addr.offsetFrom(offsetAddr)).toBe(-offset);
  });

  it("test_addr_wrapping_arithmetic", () => {
    const base = U64_MAX - 0x100n;
    const offset = 0x200n;
    const withOffset = (base + offset) & U64_MAX;
    const addr = ea(base);
    const offsetAddr = ea(withOffset);

    expect(addr.wrappingOffset(offset).equals(offsetAddr)).toBe(true);
    expect(offsetAddr.wrappingOffset(-offset).equals(addr)).toBe(true);
    expect(addr.wrappingAdd(offset).equals(offsetAddr)).toBe(true);
    expect(offsetAddr.wrappingSub(offset).equals(addr)).toBe(true);
    expect(offsetAddr.wrappingSubAddr(addr)).toBe(offset);
  });

  it("test_addr_checked_arithmetic", () => {
    const lowAddr = ea(0x100n);
    const highAddr = ea(U64_MAX - 0x100n);
    const small = 0x50n;
    const large = 0x200n;

    expect(lowAddr.checkedSub(small)?.equals(lowAddr.wrappingSub(small))).toBe(true);
    expect(lowAddr.checkedSub(large)).toBeUndefined();
    expect(highAddr.checkedAdd(small)?.equals(highAddr.wrappingAdd(small))).toBe(true);
    expect(highAddr.checkedAdd(large)).toBeUndefined();
    expect(highAddr.checkedSubAddr(lowAddr)).toBe(U64_MAX - 0x200n);
    expect(lowAddr.checkedSubAddr(highAddr)).toBeUndefined();
  });

  it("test_addr_overflowing_arithmetic", () => {
    const lowAddr = ea(0x100n);
    const highAddr = ea(U64_MAX - 0x100n);
    const small = 0x50n;
    const large = 0x200n;
    const same = ([a, f]: [ExampleAddr, boolean], [b, g]: [ExampleAddr, boolean]): boolean =>
      a.equals(b) && f === g;

    expect(same(lowAddr.overflowingSub(small), [lowAddr.wrappingSub(small), false])).toBe(true);
    expect(same(lowAddr.overflowingSub(large), [lowAddr.wrappingSub(large), true])).toBe(true);
    expect(same(highAddr.overflowingAdd(small), [highAddr.wrappingAdd(small), false])).toBe(true);
    expect(same(highAddr.overflowingAdd(large), [highAddr.wrappingAdd(large), true])).toBe(true);
    expect(highAddr.overflowingSubAddr(lowAddr)).toEqual([highAddr.wrappingSubAddr(lowAddr), false]);
    expect(lowAddr.overflowingSubAddr(highAddr)).toEqual([lowAddr.wrappingSubAddr(highAddr), true]);
  });

  // The Rust #[should_panic] tests: each panic becomes a RangeError with the same message.
  it("test_addr_offset_overflow", () => {
    expect(() => ea(U64_MAX).offset(1)).toThrow(RangeError);
    expect(() => ea(U64_MAX).offset(1)).toThrow("overflow in `MemoryAddr::offset`");
    expect(() => ea(0).offset(-1)).toThrow("overflow in `MemoryAddr::offset`");
  });

  it("test_addr_offset_from_overflow", () => {
    expect(() => ea(U64_MAX).offsetFrom(ea(0))).toThrow("overflow in `MemoryAddr::offset_from`");
  });

  it("test_addr_offset_from_underflow", () => {
    expect(() => ea(0).offsetFrom(ea(U64_MAX))).toThrow("overflow in `MemoryAddr::offset_from`");
  });

  it("offsetFrom accepts exactly the i64 range", () => {
    expect(ea(I64_MAX).offsetFrom(ea(0))).toBe(I64_MAX);
    expect(() => ea(I64_MAX + 1n).offsetFrom(ea(0))).toThrow(RangeError);
    expect(ea(0).offsetFrom(ea(-I64_MIN))).toBe(I64_MIN);
    expect(() => ea(0).offsetFrom(ea(-I64_MIN + 1n))).toThrow(RangeError);
  });

  it("test_addr_add_overflow", () => {
    expect(() => ea(U64_MAX).add(1)).toThrow("overflow in `MemoryAddr::add`");
  });

  it("test_addr_sub_underflow", () => {
    expect(() => ea(0).sub(1)).toThrow("overflow in `MemoryAddr::sub`");
  });

  it("test_addr_sub_addr_overflow", () => {
    expect(() => ea(0).subAddr(ea(1))).toThrow("overflow in `MemoryAddr::sub_addr`");
  });

  it("rejects out-of-type operands (what Rust's usize/isize types forbid)", () => {
    expect(() => ea(0).add(-1)).toThrow(RangeError);
    expect(() => ea(0).wrappingAdd(1n << 64n)).toThrow(RangeError);
    expect(() => ea(0).checkedSub(-1n)).toThrow(RangeError);
    expect(() => ea(0).offset(1n << 63n)).toThrow(/signed 64-bit/);
    expect(() => ea(0).wrappingOffset(I64_MIN - 1n)).toThrow(RangeError);
    expect(() => ea(0).offset(0.5)).toThrow(RangeError);
  });
});

describe("arithmetic laws (fast-check, whole u64 range)", () => {
  const inRange = (v: bigint): boolean => v >= 0n && v <= U64_MAX;

  it("wrappingAdd and wrappingSub are inverse", () => {
    fc.assert(
      fc.property(u64, u64, (x, n) => {
        const a = ea(x);
        expect(a.wrappingAdd(n).wrappingSub(n).equals(a)).toBe(true);
        expect(a.wrappingSub(n).wrappingAdd(n).equals(a)).toBe(true);
        expect(a.wrappingAdd(n).value).toBe((x + n) % (U64_MAX + 1n));
      }),
    );
  });

  it("overflowingAdd agrees with checkedAdd, wrappingAdd and add", () => {
    fc.assert(
      fc.property(u64, u64, (x, n) => {
        const a = ea(x);
        const [r, overflowed] = a.overflowingAdd(n);
        expect(r.equals(a.wrappingAdd(n))).toBe(true);
        expect(overflowed).toBe(!inRange(x + n));
        const c = a.checkedAdd(n);
        if (overflowed) {
          expect(c).toBeUndefined();
          expect(() => a.add(n)).toThrow(RangeError);
        } else {
          expect(c?.equals(r)).toBe(true);
          expect(a.add(n).equals(r)).toBe(true);
        }
      }),
    );
  });

  it("overflowingSub agrees with checkedSub, wrappingSub and sub", () => {
    fc.assert(
      fc.property(u64, u64, (x, n) => {
        const a = ea(x);
        const [r, overflowed] = a.overflowingSub(n);
        expect(r.equals(a.wrappingSub(n))).toBe(true);
        expect(overflowed).toBe(n > x);
        const c = a.checkedSub(n);
        if (overflowed) {
          expect(c).toBeUndefined();
          expect(() => a.sub(n)).toThrow(RangeError);
        } else {
          expect(c?.equals(r)).toBe(true);
          expect(a.sub(n).value).toBe(x - n);
        }
      }),
    );
  });

  it("the subAddr family agrees, and wrappingSubAddr inverts wrappingAdd", () => {
    fc.assert(
      fc.property(u64, u64, (x, y) => {
        const a = ea(x);
        const b = ea(y);
        const [d, overflowed] = a.overflowingSubAddr(b);
        expect(d).toBe(a.wrappingSubAddr(b));
        expect(overflowed).toBe(y > x);
        expect(a.checkedSubAddr(b)).toBe(overflowed ? undefined : x - y);
        if (overflowed) expect(() => a.subAddr(b)).toThrow(RangeError);
        else expect(a.subAddr(b)).toBe(x - y);
        expect(b.wrappingAdd(d).equals(a)).toBe(true);
      }),
    );
  });

  it("offset/wrappingOffset agree with the exact sum; offsetFrom is consistent with offset", () => {
    fc.assert(
      fc.property(u64, i64, (x, delta) => {
        const a = ea(x);
        const exact = x + delta;
        expect(a.wrappingOffset(delta).value).toBe(BigInt.asUintN(64, exact));
        if (inRange(exact)) {
          const b = a.offset(delta);
          expect(b.value).toBe(exact);
          expect(b.offsetFrom(a)).toBe(delta);
          // -I64_MIN is not an i64 (as in Rust), so that one delta has no inverse offset.
          if (delta !== I64_MIN) expect(b.wrappingOffset(-delta).equals(a)).toBe(true);
        } else {
          expect(() => a.offset(delta)).toThrow("overflow in `MemoryAddr::offset`");
        }
      }),
    );
  });

  it("offsetFrom returns the exact signed difference or throws outside i64", () => {
    fc.assert(
      fc.property(u64, u64, (x, y) => {
        const d = x - y;
        if (d >= I64_MIN && d <= I64_MAX) {
          expect(ea(x).offsetFrom(ea(y))).toBe(d);
          expect(ea(y).offset(d).equals(ea(x))).toBe(true);
        } else {
          expect(() => ea(x).offsetFrom(ea(y))).toThrow(RangeError);
        }
      }),
    );
  });

  it("comparison is a total order consistent with the values", () => {
    fc.assert(
      fc.property(u64, u64, (x, y) => {
        const a = ea(x);
        const b = ea(y);
        expect(a.compare(b)).toBe(x < y ? -1 : x > y ? 1 : 0);
        expect(a.compare(b)).toBe(-b.compare(a) || 0);
        expect(a.lt(b)).toBe(x < y);
        expect(a.le(b)).toBe(x <= y);
        expect(a.gt(b)).toBe(x > y);
        expect(a.ge(b)).toBe(x >= y);
        expect(a.equals(b)).toBe(x === y);
      }),
    );
  });

  it("address alignment methods agree with the free functions' laws", () => {
    fc.assert(
      fc.property(u64, pow2, (x, al) => {
        const a = ea(x);
        const d = a.alignDown(al);
        expect(d.le(a)).toBe(true);
        expect(d.isAligned(al)).toBe(true);
        expect(a.alignOffset(al)).toBe(a.subAddr(d));
        if (x + al - 1n <= U64_MAX) {
          const u = a.alignUp(al);
          expect(u.ge(a) && u.isAligned(al) && u.alignUp(al).equals(u)).toBe(true);
        }
      }),
    );
  });

  it("toString round-trips through BigInt parsing", () => {
    fc.assert(
      fc.property(u64, (x) => {
        const s = ea(x).toString();
        expect(s.startsWith("EA:0x")).toBe(true);
        expect(BigInt(s.slice(3))).toBe(x);
        expect(ea(x).toUpperHex()).toBe(`EA:0x${x.toString(16).toUpperCase()}`);
      }),
    );
  });
});
