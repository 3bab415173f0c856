/**
 * A minimal WebAssembly binary writer: a growable byte buffer with LEB128 and the handful of
 * section layouts the region compiler needs (no toolchain, no dependency).
 *
 * @module
 */

/** Value types. */
export const I32 = 0x7f;
/** Value type i64. */
export const I64 = 0x7e;
/** The empty block type. */
export const VOID = 0x40;

/** Opcodes used by the region compiler. */
export const W = {
  unreachable: 0x00,
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  brTable: 0x0e,
  return: 0x0f,
  call: 0x10,
  drop: 0x1a,
  select: 0x1b,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Load: 0x28,
  i64Load: 0x29,
  i64Load8S: 0x30,
  i64Load8U: 0x31,
  i64Load16S: 0x32,
  i64Load16U: 0x33,
  i64Load32S: 0x34,
  i64Load32U: 0x35,
  i32Store: 0x36,
  i64Store: 0x37,
  i64Store8: 0x3c,
  i64Store16: 0x3d,
  i64Store32: 0x3e,
  i32Const: 0x41,
  i64Const: 0x42,
  i32Eqz: 0x45,
  i32Eq: 0x46,
  i32Ne: 0x47,
  i32LtU: 0x49,
  i32GtS: 0x4a,
  i32GtU: 0x4b,
  i64Eqz: 0x50,
  i64Eq: 0x51,
  i64Ne: 0x52,
  i64LtS: 0x53,
  i64LtU: 0x54,
  i64GeS: 0x59,
  i64GeU: 0x5a,
  i32Clz: 0x67,
  i32Ctz: 0x68,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32DivS: 0x6d,
  i32DivU: 0x6e,
  i32RemS: 0x6f,
  i32RemU: 0x70,
  i32And: 0x71,
  i32Or: 0x72,
  i32Xor: 0x73,
  i32Shl: 0x74,
  i32ShrS: 0x75,
  i32ShrU: 0x76,
  i32Rotr: 0x78,
  i64Clz: 0x79,
  i64Ctz: 0x7a,
  i64Add: 0x7c,
  i64Sub: 0x7d,
  i64Mul: 0x7e,
  i64DivS: 0x7f,
  i64DivU: 0x80,
  i64RemS: 0x81,
  i64RemU: 0x82,
  i64And: 0x83,
  i64Or: 0x84,
  i64Xor: 0x85,
  i64Shl: 0x86,
  i64ShrS: 0x87,
  i64ShrU: 0x88,
  i64Rotr: 0x8a,
  i32WrapI64: 0xa7,
  i64ExtendI32S: 0xac,
  i64ExtendI32U: 0xad,
  i64Extend8S: 0xc2,
  i64Extend16S: 0xc3,
  i64Extend32S: 0xc4,
} as const;

/** A growable byte buffer with LEB128 writers. */
export class ByteWriter {
  private buf = new Uint8Array(1024);
  /** Number of bytes written. */
  length = 0;

  /** Appends one byte. */
  byte(b: number): this {
    if (this.length === this.buf.length) {
      const g = new Uint8Array(this.buf.length * 2);
      g.set(this.buf);
      this.buf = g;
    }
    this.buf[this.length++] = b & 0xff;
    return this;
  }

  /** Appends bytes. */
  bytes(bs: ArrayLike<number>): this {
    if (bs instanceof Uint8Array) {
      while (this.length + bs.length > this.buf.length) {
        const g = new Uint8Array(this.buf.length * 2);
        g.set(this.buf);
        this.buf = g;
      }
      this.buf.set(bs, this.length);
      this.length += bs.length;
      return this;
    }
    for (let i = 0; i < bs.length; i++) this.byte(bs[i]!);
    return this;
  }

  /** Unsigned LEB128 of a non-negative integer below 2^32. */
  u32(v: number): this {
    let x = v >>> 0;
    do {
      const b = x & 0x7f;
      x >>>= 7;
      this.byte(x === 0 ? b : b | 0x80);
    } while (x !== 0);
    return this;
  }

  /** Signed LEB128 of an int32. */
  s32(v: number): this {
    let x = v | 0;
    for (;;) {
      const b = x & 0x7f;
      x >>= 7;
      if ((x === 0 && (b & 0x40) === 0) || (x === -1 && (b & 0x40) !== 0)) {
        this.byte(b);
        return this;
      }
      this.byte(b | 0x80);
    }
  }

  /** Signed LEB128 of a 64-bit value. */
  s64(v: bigint): this {
    // the signed LEB128 of a value that fits in 32 bits is the same for i32 and i64
    if (v >= -2147483648n && v <= 2147483647n) return this.s32(Number(v));
    let x = BigInt.asIntN(64, v);
    for (;;) {
      const b = Number(x & 0x7fn);
      x >>= 7n;
      if ((x === 0n && (b & 0x40) === 0) || (x === -1n && (b & 0x40) !== 0)) {
        this.byte(b);
        return this;
      }
      this.byte(b | 0x80);
    }
  }

  /** A length-prefixed UTF-8 (ASCII) name. */
  name(s: string): this {
    this.u32(s.length);
    for (let i = 0; i < s.length; i++) this.byte(s.charCodeAt(i));
    return this;
  }

  /** The bytes written so far. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** Shape of one function for {@link encodeModule}. */
export interface ModuleSpec {
  /** Function types: [params, results]. */
  readonly types: readonly (readonly [readonly number[], readonly number[]])[];
  /** Imported functions: module, name, type index. */
  readonly funcImports: readonly (readonly [string, string, number])[];
  /** Imported memory (module, name), if any. */
  readonly memoryImport?: readonly [string, string];
  /** Whether the imported memory is a shared one (its type must say so to link). */
  readonly sharedMemory?: boolean;
  /** The defined function's type index. */
  readonly funcType: number;
  /** Local declarations: [count, type]. */
  readonly locals: readonly (readonly [number, number])[];
  /** The function body's instructions (without the final `end`). */
  readonly body: Uint8Array;
  /** The export name of the defined function. */
  readonly exportName: string;
}

/**
 * Encodes a module with one defined function.
 *
 * @param spec - The module.
 * @returns The binary.
 */
export function encodeModule(spec: ModuleSpec): Uint8Array {
  const out = new ByteWriter();
  out.bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  const section = (id: number, fill: (w: ByteWriter) => void) => {
    const w = new ByteWriter();
    fill(w);
    out.byte(id).u32(w.length).bytes(w.finish());
  };
  section(1, (w) => {
    w.u32(spec.types.length);
    for (const [params, results] of spec.types) {
      w.byte(0x60).u32(params.length).bytes(params).u32(results.length).bytes(results);
    }
  });
  section(2, (w) => {
    w.u32(spec.funcImports.length + (spec.memoryImport ? 1 : 0));
    for (const [m, n, t] of spec.funcImports) w.name(m).name(n).byte(0x00).u32(t);
    if (spec.memoryImport) {
      w.name(spec.memoryImport[0]).name(spec.memoryImport[1]).byte(0x02);
      // limits: a shared memory's type needs a maximum; 65536 pages admits any wasm32 memory
      if (spec.sharedMemory) w.byte(0x03).u32(0).u32(65536);
      else w.byte(0).u32(0);
    }
  });
  section(3, (w) => {
    w.u32(1).u32(spec.funcType);
  });
  section(7, (w) => {
    w.u32(1).name(spec.exportName).byte(0x00).u32(spec.funcImports.length);
  });
  section(10, (w) => {
    const f = new ByteWriter();
    f.u32(spec.locals.length);
    for (const [count, type] of spec.locals) f.u32(count).byte(type);
    f.bytes(spec.body).byte(W.end);
    w.u32(1).u32(f.length).bytes(f.finish());
  });
  return out.finish();
}
