/**
 * Just enough of the WebAssembly binary format to write the SHA-256 kernel of
 * `sha256Kernel.ts` from TypeScript: the module is generated when first used, so the project
 * carries no binary blob and needs no compiler for it. Instructions are appended to a
 * `Body` as bytes; only the opcodes the kernel uses are named.
 */

export const I32 = 0x7f;
export const V128 = 0x7b;
type ValType = typeof I32 | typeof V128;

function uleb(n: number): number[] {
  const out: number[] = [];
  let v = n;
  do {
    let byte = v % 128;
    v = Math.floor(v / 128);
    if (v > 0) byte |= 0x80;
    out.push(byte);
  } while (v > 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  let v = n | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

/** A function body: locals are declared up front, then instructions appended in order. */
export class Body {
  readonly code: number[] = [];
  private readonly locals: ValType[] = [];

  constructor(private readonly params: number) {}

  local(type: ValType): number {
    this.locals.push(type);
    return this.params + this.locals.length - 1;
  }

  op(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }

  get(i: number): this {
    return this.op(0x20, ...uleb(i));
  }
  set(i: number): this {
    return this.op(0x21, ...uleb(i));
  }
  tee(i: number): this {
    return this.op(0x22, ...uleb(i));
  }
  i32(n: number): this {
    return this.op(0x41, ...sleb(n));
  }
  /** i32.load/store family with a byte offset (alignment hint 0: the kernel reads unaligned). */
  mem(opcode: number, offset = 0): this {
    return this.op(opcode, 0, ...uleb(offset));
  }
  simd(opcode: number, ...imm: number[]): this {
    return this.op(0xfd, ...uleb(opcode), ...imm);
  }
  simdMem(opcode: number, offset = 0): this {
    return this.simd(opcode, 0, ...uleb(offset));
  }
  v128Const(lanes: readonly number[]): this {
    const bytes: number[] = [];
    for (const lane of lanes) for (let k = 0; k < 4; k++) bytes.push((lane >>> (8 * k)) & 0xff);
    return this.simd(OP.v128_const, ...bytes);
  }
  shuffle(lanes: readonly number[]): this {
    return this.simd(OP.i8x16_shuffle, ...lanes);
  }

  encode(): number[] {
    const groups: number[] = [];
    let runs = 0;
    for (let i = 0; i < this.locals.length;) {
      let j = i;
      while (j < this.locals.length && this.locals[j] === this.locals[i]) j++;
      groups.push(...uleb(j - i), this.locals[i] as number);
      runs++;
      i = j;
    }
    const body = [...uleb(runs), ...groups, ...this.code, 0x0b];
    return [...uleb(body.length), ...body];
  }
}

/** The opcodes the kernel uses (core, bulk memory after 0xfc, SIMD after 0xfd). */
export const OP = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  br_if: 0x0d,
  void: 0x40,
  select: 0x1b,
  i32_load: 0x28,
  i32_load8_u: 0x2d,
  i32_store: 0x36,
  i32_store8: 0x3a,
  i32_eqz: 0x45,
  i32_ne: 0x47,
  i32_lt_u: 0x49,
  i32_gt_u: 0x4b,
  i32_ge_u: 0x4f,
  i32_ctz: 0x68,
  i32_add: 0x6a,
  i32_sub: 0x6b,
  i32_and: 0x71,
  i32_or: 0x72,
  i32_shl: 0x74,
  i32_shr_u: 0x76,
  i32_rotl: 0x77,
  i32_rotr: 0x78,
  // SIMD (0xfd prefix)
  v128_load: 0x00,
  v128_store: 0x0b,
  v128_const: 0x0c,
  i8x16_shuffle: 0x0d,
  i8x16_splat: 0x0f,
  i8x16_eq: 0x23,
  v128_xor: 0x51,
  v128_or: 0x50,
  v128_bitselect: 0x52,
  i8x16_bitmask: 0x64,
  i32x4_shl: 0xab,
  i32x4_shr_u: 0xad,
  i32x4_add: 0xae,
} as const;

/** memory.copy and memory.fill (bulk memory, 0xfc prefix) on memory 0. */
export const MEMORY_COPY = [0xfc, 10, 0, 0] as const;
export const MEMORY_FILL = [0xfc, 11, 0] as const;

export interface WasmFunction {
  name: string;
  params: number;
  results: number;
  body: Body;
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...uleb(bytes.length), ...bytes];
}

/** A module of exported functions over one exported, growable memory (all params and results i32). */
export function writeModule(functions: readonly WasmFunction[], memoryPages: number): Uint8Array {
  const types = functions.map((f) => [
    0x60,
    ...uleb(f.params),
    ...Array<number>(f.params).fill(I32),
    ...uleb(f.results),
    ...Array<number>(f.results).fill(I32),
  ]);
  const bytes = [
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, [...uleb(types.length), ...types.flat()]),
    ...section(3, [...uleb(functions.length), ...functions.flatMap((_, i) => uleb(i))]),
    ...section(5, [1, 0x00, ...uleb(memoryPages)]),
    ...section(7, [
      ...uleb(functions.length + 1),
      ...name('memory'),
      0x02,
      0,
      ...functions.flatMap((f, i) => [...name(f.name), 0x00, ...uleb(i)]),
    ]),
    ...section(10, [...uleb(functions.length), ...functions.flatMap((f) => f.body.encode())]),
  ];
  return Uint8Array.from(bytes);
}
