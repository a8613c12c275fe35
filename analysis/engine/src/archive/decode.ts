import { once } from 'node:events';
import type { Readable, Transform } from 'node:stream';
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
  if (file.inZip)
    raw = chain(raw, expansionGuard(file.display, file.size, budget), (err) => zipMemberError(file, err));
  const head = await peek(raw);
  const gzip = head !== null && head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  if (!gzip) return { stream: raw, gzip };
  const gunzipped = chain(raw, createGunzip(), (err) => err);
  const guarded = chain(gunzipped, expansionGuard(file.display, file.size, budget), (err) =>
    gzipError(file, err),
  );
  return { stream: guarded, gzip };
}

/**
 * `a.pipe(b)` that also carries a's errors into b (pipe() does not), so whoever reads the
 * end of the chain sees every failure instead of an uncaught exception or a hang.
 */
function chain(from: Readable, to: Transform, wrap: (err: Error) => Error): Transform {
  from.on('error', (err: Error) => to.destroy(wrap(err)));
  to.on('error', () => from.destroy());
  return from.pipe(to);
}

function zipMemberError(file: SourceFile, err: Error): Error {
  if (err instanceof ChronoscopeError) return err;
  // yauzl's validateEntrySizes: the entry produces more bytes than its header declares.
  if (/too many bytes|too few bytes/i.test(err.message)) {
    return new ChronoscopeError(
      'UNSAFE_ARCHIVE',
      `${file.display}: the entry's size differs from its header (${err.message}); refusing`,
      {
        file: file.display,
      },
    );
  }
  return new ChronoscopeError('UNREADABLE', `${file.display}: ${err.message}`, {
    file: file.display,
    truncated: /unexpected end|premature|truncated/i.test(err.message),
  });
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
    const [event] = await Promise.race([
      once(stream, 'readable').then(() => ['readable']),
      once(stream, 'end').then(() => ['end']),
    ]);
    if (event === 'end') return null;
  }
}

function gzipError(file: SourceFile, err: Error): ChronoscopeError {
  if (err instanceof ChronoscopeError) return err;
  const truncated = /unexpected end of file/i.test(err.message);
  return new ChronoscopeError(
    'UNREADABLE',
    truncated
      ? `${file.display}: the gzip stream is truncated`
      : `${file.display}: not valid gzip (${err.message})`,
    { file: file.display, truncated },
  );
}
