import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { LineSplitter } from './lineSplitter.js';

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
  let clean = true;
  let lines = 0;
  const splitter = new LineSplitter(
    {
      line(lineNo, line) {
        lines = lineNo;
        if (!clean) return;
        if (line.length === 0 || line.includes(13) || line.includes(1) || !isUtf8(line)) clean = false;
        else if (lineNo === 1 && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) clean = false;
      },
      overlong(lineNo) {
        lines = lineNo;
        clean = false;
      },
    },
    maxLineBytes,
  );
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
    if (headLength < HEAD_BYTES) {
      headParts.push(chunk.subarray(0, HEAD_BYTES - headLength));
      headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
    }
    splitter.push(chunk);
    onBytes?.(chunk.length);
  }
  splitter.end();
  return { sha256: hash.digest('hex'), bytes, head: Buffer.concat(headParts), lines, cleanLines: clean };
}

export async function sha256File(path: string, onBytes?: (bytes: number) => void): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    onBytes?.(chunk.length);
  }
  return hash.digest('hex');
}
