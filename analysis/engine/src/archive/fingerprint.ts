import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';

/** What one read of a plain file tells: its hash, its first bytes, and whether its lines are clean. */
export interface FileFingerprint {
  sha256: string;
  bytes: number;
  /** The first 64 KiB, for detecting the format and the system. */
  head: Buffer;
  /** Lines counted ("\n"-separated; a last line without "\n" counts). */
  lines: number;
  /**
   * True when every line is non-empty UTF-8 without "\r", U+0001 or a BOM and under the
   * record limit: then DuckDB may read the file in place and its row order is the line number.
   */
  cleanLines: boolean;
}

const HEAD_BYTES = 64 * 1024;

export async function fingerprintFile(
  path: string,
  maxLineBytes: number,
  onBytes?: (bytes: number) => void,
): Promise<FileFingerprint> {
  const hash = createHash('sha256');
  const headParts: Buffer[] = [];
  let headLength = 0;
  let bytes = 0;
  const lines = new LineCheck(maxLineBytes);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
    if (headLength < HEAD_BYTES) {
      headParts.push(chunk.subarray(0, HEAD_BYTES - headLength));
      headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
    }
    lines.push(chunk);
    onBytes?.(chunk.length);
  }
  lines.end();
  return {
    sha256: hash.digest('hex'),
    bytes,
    head: Buffer.concat(headParts),
    lines: lines.count,
    cleanLines: lines.clean,
  };
}

/**
 * Whether a file's lines are all clean, judged a chunk at a time with native scans (memchr,
 * UTF-8 validation) rather than line by line: this runs over every byte of every archive.
 */
class LineCheck {
  clean = true;
  count = 0;
  private lineLength = 0;
  private started = false;
  /** Bytes of a multi-byte character cut by the chunk boundary, validated with the next chunk. */
  private tail: Buffer = Buffer.alloc(0);

  constructor(private readonly maxLineBytes: number) {}

  push(chunk: Buffer): void {
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) this.clean = false;
    }
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) break;
      const length = this.lineLength + nl - start;
      if (length === 0 || length > this.maxLineBytes) this.clean = false;
      this.count++;
      this.lineLength = 0;
      start = nl + 1;
    }
    this.lineLength += chunk.length - start;
    if (this.lineLength > this.maxLineBytes) this.clean = false;
    if (!this.clean) return;
    if (chunk.includes(13) || chunk.includes(1)) this.clean = false;
    else this.checkUtf8(chunk);
  }

  end(): void {
    if (this.lineLength > 0) this.count++;
    if (this.tail.length > 0 && !isUtf8(this.tail)) this.clean = false;
  }

  private checkUtf8(chunk: Buffer): void {
    const data = this.tail.length > 0 ? Buffer.concat([this.tail, chunk]) : chunk;
    // Validate up to the last ASCII byte; what follows may be a character the next chunk ends.
    let cut = data.length;
    while (cut > 0 && cut > data.length - 4 && ((data[cut - 1] as number) & 0x80) !== 0) cut--;
    if (!isUtf8(data.subarray(0, cut))) this.clean = false;
    this.tail = Buffer.from(data.subarray(cut));
  }
}

export async function sha256File(path: string, onBytes?: (bytes: number) => void): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    onBytes?.(chunk.length);
  }
  return hash.digest('hex');
}
