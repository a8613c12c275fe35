import { sha256KernelModule } from './sha256Kernel.js';
import { HEAP_BASE } from './sha256Rounds.js';

const PAGE = 65536;

/**
 * The little of the WebAssembly API used here, declared locally: the engine's TypeScript
 * libraries (ES2022 and Node's types) do not declare the global, which Node has.
 */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
let compiled: object | undefined;
/** Kernels not in use: a verifier makes a hasher per pass, and tests make thousands. */
const idle: Sha256Kernel[] = [];

interface KernelExports {
  memory: WasmMemory;
  hashMessages(jobs: number, count: number, out: number): void;
  hashPairs(input: number, count: number, out: number): void;
  splitLines(data: number, len: number, jobs: number): number;
}

/**
 * One instance of the SHA-256 kernel and its memory. Addresses are byte offsets into
 * `bytes`, which is replaced when the memory grows: never keep a view across `ensure`.
 */
export class Sha256Kernel {
  bytes: Uint8Array;
  private readonly exports: KernelExports;

  private constructor(instance: { exports: object }) {
    this.exports = instance.exports as KernelExports;
    this.bytes = new Uint8Array(this.exports.memory.buffer);
  }

  /** A kernel for one user at a time; give it back with `release`. */
  static acquire(): Sha256Kernel {
    const kernel = idle.pop();
    if (kernel) return kernel;
    compiled ??= new wasm.Module(sha256KernelModule(1));
    return new Sha256Kernel(new wasm.Instance(compiled, {}));
  }

  release(): void {
    if (idle.length < 4 && !idle.includes(this)) idle.push(this);
  }

  /** First byte callers may use. */
  static get heapBase(): number {
    return HEAP_BASE;
  }

  /** Makes [0, size) addressable. */
  ensure(size: number): void {
    const memory = this.exports.memory;
    if (size <= memory.buffer.byteLength) return;
    memory.grow(Math.ceil((size - memory.buffer.byteLength) / PAGE));
    this.bytes = new Uint8Array(memory.buffer);
  }

  /** Digest k = sha256 of bytes [ptr, ptr + len) of job k (two i32 at jobs + 8k), at out + 32k. */
  hashMessages(jobs: number, count: number, out: number): void {
    if (count > 0) this.exports.hashMessages(jobs, count, out);
  }

  /** Digest k = sha256(0x01 ‖ 64 bytes at input + 64k), at out + 32k (out may equal input). */
  hashPairs(input: number, count: number, out: number): void {
    if (count > 0) this.exports.hashPairs(input, count, out);
  }

  /** Jobs for each "\n"-ended line of [data, data + len): 0x00 ‖ line, written in place. */
  splitLines(data: number, len: number, jobs: number): number {
    return this.exports.splitLines(data, len, jobs);
  }
}
