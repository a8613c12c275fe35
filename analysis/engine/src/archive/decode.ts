import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { ChronoscopeError } from '../../../core/src/index.js';
import { expansionGuard } from './expansionGuard.js';
import type { ExpansionBudget } from './expansionGuard.js';
import type { SourceFile } from './sourceListing.js';

export interface DecodedStream {
  stream: Readable;
  gzip: boolean;
}

/**
 * The file's bytes as text would be read: gunzipped when it starts with the gzip magic
 * (whatever its name says), and counted against the expansion budget when compressed.
 */
export async function openDecoded(file: SourceFile, budget: ExpansionBudget): Promise<DecodedStream> {
  let raw = await file.openRaw();
  if (file.inZip) raw = raw.pipe(expansionGuard(file.display, file.size, budget));
  const head = await peek(raw);
  const gzip = head !== null && head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  if (!gzip) return { stream: raw, gzip };
  const gunzip = createGunzip();
  raw.on('error', (err) => gunzip.destroy(err));
  const guarded = raw.pipe(gunzip).pipe(expansionGuard(file.display, file.size, budget));
  gunzip.on('error', (err: Error) => guarded.destroy(gzipError(file, err)));
  return { stream: guarded, gzip };
}

/** Reads the first chunk and puts it back, so the caller still sees the whole stream. */
async function peek(stream: Readable): Promise<Buffer | null> {
  for (;;) {
    const chunk = stream.read() as Buffer | null;
    if (chunk !== null) {
      stream.unshift(chunk);
      return chunk;
    }
    if (stream.readableEnded) return null;
    const [event] = await Promise.race([once(stream, 'readable').then(() => ['readable']), once(stream, 'end').then(() => ['end'])]);
    if (event === 'end') return null;
  }
}

function gzipError(file: SourceFile, err: Error): ChronoscopeError {
  const truncated = /unexpected end of file/i.test(err.message);
  return new ChronoscopeError(
    'UNREADABLE',
    truncated ? `${file.display}: the gzip stream is truncated` : `${file.display}: not valid gzip (${err.message})`,
    { file: file.display, truncated },
  );
}
