import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';

const FLUSH_BYTES = 1 << 20;
/** 1980-01-01, the earliest valid DOS date: a pack's bytes do not depend on when it was written. */
const DOS_DATE = 0x21;

interface CentralEntry {
  name: Buffer;
  crc: number;
  size: number;
  offset: number;
}

/**
 * Writes a ZIP of stored entries as their bytes are produced (CRC and sizes follow each entry
 * in a data descriptor), so a pack of any size is written in constant memory. No ZIP64: an
 * entry or archive past 4 GiB is refused rather than written wrong.
 */
export class ZipStreamWriter {
  private offset = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private readonly entries: CentralEntry[] = [];
  private current: CentralEntry | undefined;

  private constructor(private readonly file: FileHandle) {}

  static async create(path: string): Promise<ZipStreamWriter> {
    return new ZipStreamWriter(await open(path, 'wx'));
  }

  async begin(name: string): Promise<void> {
    const nameBytes = Buffer.from(name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    // Bit 3: sizes and CRC in a data descriptor; bit 11: UTF-8 names.
    header.writeUInt16LE(0x0808, 6);
    header.writeUInt16LE(0, 8);
    header.writeUInt16LE(DOS_DATE, 12);
    header.writeUInt16LE(nameBytes.length, 26);
    this.current = { name: nameBytes, crc: 0, size: 0, offset: this.offset };
    await this.raw(Buffer.concat([header, nameBytes]));
  }

  async write(data: Buffer | string): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const entry = this.current;
    if (!entry) throw new Error('zip: write outside an entry');
    entry.crc = crc32(bytes, entry.crc);
    entry.size += bytes.length;
    await this.raw(bytes);
  }

  async end(): Promise<void> {
    const entry = this.current;
    if (!entry) throw new Error('zip: end outside an entry');
    if (entry.size > 0xffffffff)
      throw new Error('zip: an entry over 4 GiB needs ZIP64, which is not written');
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc >>> 0, 4);
    descriptor.writeUInt32LE(entry.size, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    await this.raw(descriptor);
    this.entries.push(entry);
    this.current = undefined;
  }

  async close(): Promise<void> {
    const start = this.offset;
    for (const e of this.entries) {
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(20, 4);
      central.writeUInt16LE(20, 6);
      central.writeUInt16LE(0x0808, 8);
      central.writeUInt16LE(DOS_DATE, 14);
      central.writeUInt32LE(e.crc >>> 0, 16);
      central.writeUInt32LE(e.size, 20);
      central.writeUInt32LE(e.size, 24);
      central.writeUInt16LE(e.name.length, 28);
      central.writeUInt32LE(e.offset, 42);
      await this.raw(Buffer.concat([central, e.name]));
    }
    if (this.offset > 0xffffffff)
      throw new Error('zip: an archive over 4 GiB needs ZIP64, which is not written');
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.raw(end);
    await this.flush();
    await this.file.close();
  }

  /** Gives up: the caller removes the half-written file. */
  async abort(): Promise<void> {
    await this.file.close();
  }

  private async raw(bytes: Buffer): Promise<void> {
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    this.offset += bytes.length;
    if (this.pendingBytes >= FLUSH_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const chunk = Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    await this.file.write(chunk);
  }
}
