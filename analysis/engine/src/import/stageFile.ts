import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { isUtf8 } from 'node:buffer';
import { ChronoscopeError, isChronoscopeError } from '../../../core/src/index.js';
import { openDecoded } from '../archive/decode.js';
import type { ExpansionBudget } from '../archive/expansionGuard.js';
import { LineSplitter } from '../archive/lineSplitter.js';
import type { SourceFile } from '../archive/sourceListing.js';
import type { Reject, StagedFile, StagedFormat } from './tableSpec.js';

const SEP = Buffer.from([1]);
const NL = Buffer.from([10]);

export interface StageContext {
  dir: string;
  budget: ExpansionBudget;
  maxRecordBytes: number;
  reject(reject: Reject): void;
  onBytes(bytes: number): void;
}

/**
 * Copies an NDJSON file into `<line number>\x01<line>` lines: every record keeps the line
 * number an editor would show, whatever blank lines, CRLF or bad lines sit before it. Lines
 * that are not UTF-8, hold U+0001 (never valid in JSON) or exceed the record limit are
 * rejected here, with their line; everything else is left for DuckDB to judge.
 */
export async function stageNumberedLines(
  file: SourceFile,
  target: Omit<StagedFile, 'format' | 'path' | 'bytes'>,
  ctx: StageContext,
): Promise<StagedFile> {
  const path = join(ctx.dir, `${target.rank}.lines`);
  const out = createWriteStream(path);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let lastLine = 0;
  const splitter = new LineSplitter(
    {
      line(lineNo, bytes) {
        lastLine = lineNo;
        let line = bytes;
        if (line.length > 0 && line[line.length - 1] === 13) line = line.subarray(0, line.length - 1);
        if (lineNo === 1 && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) line = line.subarray(3);
        if (line.length === 0 || isBlank(line)) return;
        if (!isUtf8(line)) return rejectLine(lineNo, 'not valid UTF-8 text', line);
        if (line.includes(1)) return rejectLine(lineNo, 'holds a U+0001 control character (not JSON)', line);
        const prefix = Buffer.from(`${lineNo}`);
        pending.push(prefix, SEP, line, NL);
        pendingBytes += prefix.length + line.length + 2;
      },
      overlong(lineNo, length) {
        lastLine = lineNo;
        ctx.reject({
          file: target.display,
          line: lineNo,
          unit: 'line',
          reason: `record is ${length} bytes, over the ${ctx.maxRecordBytes}-byte limit`,
        });
      },
    },
    ctx.maxRecordBytes,
  );
  function rejectLine(lineNo: number, reason: string, line: Buffer): void {
    ctx.reject({ file: target.display, line: lineNo, unit: 'line', reason, excerpt: excerpt(line) });
  }

  let truncated: string | undefined;
  let bytes = 0;
  try {
    const { stream } = await openDecoded(file, ctx.budget);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      ctx.onBytes(chunk.length);
      splitter.push(chunk);
      if (pendingBytes > 1 << 22) {
        const data = Buffer.concat(pending);
        pending = [];
        pendingBytes = 0;
        if (!out.write(data)) await once(out, 'drain');
      }
    }
    splitter.end();
  } catch (caught) {
    const err = asReadError(caught, target.display);
    if (!isTruncation(err)) {
      out.destroy();
      throw err;
    }
    truncated = err.message;
    // The partial last line is evidence of the truncation, not a record: reject it by name.
    ctx.reject({
      file: target.display,
      line: lastLine + 1,
      unit: 'line',
      reason: `incomplete: ${err.message}`,
    });
  }
  out.end(Buffer.concat(pending));
  await once(out, 'finish');
  return { ...target, format: 'ndjson-numbered', path, bytes, ...(truncated ? { truncated } : {}) };
}

/** Decompresses (or extracts) a CSV or JSON file so DuckDB can read it from disk. */
export async function stageCopy(
  file: SourceFile,
  format: StagedFormat,
  target: Omit<StagedFile, 'format' | 'path' | 'bytes'>,
  ctx: StageContext,
): Promise<StagedFile> {
  const path = join(ctx.dir, `${target.rank}.${format === 'csv' ? 'csv' : 'json'}`);
  const { stream } = await openDecoded(file, ctx.budget);
  let bytes = 0;
  stream.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    ctx.onBytes(chunk.length);
  });
  try {
    await pipeline(stream, createWriteStream(path));
  } catch (caught) {
    const err = asReadError(caught, target.display);
    if (!isTruncation(err)) throw err;
    return { ...target, format, path, bytes, truncated: err.message };
  }
  return { ...target, format, path, bytes };
}

/** Errors from zlib or yauzl name no file: give them the file, keeping our own as they are. */
function asReadError(err: unknown, display: string): ChronoscopeError {
  if (isChronoscopeError(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  const truncated = /unexpected end|premature|too short|truncated/i.test(message);
  return new ChronoscopeError(
    'UNREADABLE',
    `${display}: ${truncated ? 'truncated' : 'unreadable'} (${message})`,
    {
      file: display,
      truncated,
    },
  );
}

function isTruncation(err: ChronoscopeError): boolean {
  return err.code === 'UNREADABLE' && err.data['truncated'] === true;
}

function isBlank(line: Buffer): boolean {
  for (const byte of line) if (byte !== 32 && byte !== 9) return false;
  return true;
}

export function excerpt(line: Buffer | string): string {
  const text = typeof line === 'string' ? line : line.subarray(0, 240).toString('utf8');
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}
