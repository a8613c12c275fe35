import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import type { Readable } from 'node:stream';
import { ChronoscopeError } from '../../../core/src/index.js';
import type { ImportLimits } from './limits.js';

export interface ZipMember {
  /** The entry's name inside the zip, as stored. */
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  open(): Promise<Readable>;
}

export interface OpenZip {
  members: ZipMember[];
  close(): void;
}

/**
 * Reads a zip's central directory. Entry names that are absolute, contain `..` or
 * backslashes make yauzl refuse the archive: we surface that as UNSAFE_ARCHIVE, naming the
 * entry, because a reader must never be led outside its own cache.
 */
export async function openZip(path: string, limits: ImportLimits): Promise<OpenZip> {
  const zip = await new Promise<ZipFile>((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (err, file) => {
      if (err || !file) reject(zipError(path, err));
      else resolve(file);
    });
  });
  const members: ZipMember[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('error', (err: Error) => reject(zipError(path, err)));
    zip.on('end', () => resolve());
    zip.on('entry', (entry: Entry) => {
      if (members.length >= limits.maxZipEntries) {
        reject(new ChronoscopeError('UNSAFE_ARCHIVE', `${path}: more than ${limits.maxZipEntries} entries`));
        return;
      }
      if (!entry.fileName.endsWith('/')) members.push(member(zip, path, entry));
      zip.readEntry();
    });
    zip.readEntry();
  });
  return { members, close: () => zip.close() };
}

function member(zip: ZipFile, path: string, entry: Entry): ZipMember {
  return {
    name: entry.fileName,
    compressedSize: entry.compressedSize,
    uncompressedSize: entry.uncompressedSize,
    open: () =>
      new Promise<Readable>((resolve, reject) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) reject(zipError(`${path}!${entry.fileName}`, err));
          else resolve(stream);
        });
      }),
  };
}

function zipError(path: string, err: Error | null | undefined): ChronoscopeError {
  const reason = err?.message ?? 'unknown error';
  if (/invalid relative path|absolute path|invalid characters/i.test(reason)) {
    return new ChronoscopeError('UNSAFE_ARCHIVE', `${path}: zip entry escapes the archive (${reason})`, {
      file: path,
    });
  }
  return new ChronoscopeError('UNREADABLE', `${path}: not a readable zip (${reason}); is it truncated?`, {
    file: path,
  });
}
