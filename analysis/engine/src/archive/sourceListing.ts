import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { ChronoscopeError } from '../../../core/src/index.js';
import type { ImportLimits } from './limits.js';
import { openZip } from './zipEntries.js';

/** One file of an export, wherever it lives (directory, zip member, or the archive itself). */
export interface SourceFile {
  /** How the user would name it: `dir/a.csv`, or `export.zip!qcs/a.csv`. */
  display: string;
  /** Path inside the export, with `/`, after dropping a zip's single top folder. */
  relPath: string;
  /** Lower-case base name without `.gz`: `comprehensive_audit_log.csv`. */
  name: string;
  /** `name` without its extension: `comprehensive_audit_log`. */
  stem: string;
  /** Extension of `name`: `csv`, `ndjson`, `jsonl`, `json`, or ``. */
  ext: string;
  /** Bytes as stored (compressed size for a zip member). */
  size: number;
  /** A plain file DuckDB may read in place; absent for zip members. */
  localPath?: string;
  /** Whether the bytes are inside a zip (then they are always staged before reading). */
  inZip: boolean;
  openRaw(): Promise<Readable>;
}

export interface SourceListing {
  kind: 'directory' | 'zip' | 'file';
  /** The archive path as given. */
  path: string;
  files: SourceFile[];
  close(): void;
}

const IGNORED = /(^|\/)(\.|__MACOSX\/)/;

export async function listSource(path: string, limits: ImportLimits): Promise<SourceListing> {
  const info = await stat(path).catch(() => {
    throw new ChronoscopeError('NOT_FOUND', `${path}: no such file or directory`, { file: path });
  });
  if (info.isDirectory()) return listDirectory(path);
  if (!info.isFile())
    throw new ChronoscopeError('UNREADABLE', `${path}: not a file or directory`, { file: path });
  if (info.size === 0) throw new ChronoscopeError('UNREADABLE', `${path}: the file is empty`, { file: path });
  if (await isZip(path)) return listZip(path, limits);
  return { kind: 'file', path, files: [localFile(path, basename(path), info.size)], close: () => {} };
}

async function listDirectory(root: string): Promise<SourceListing> {
  const names = (await readdir(root, { recursive: true })).map(String).sort();
  const files: SourceFile[] = [];
  for (const name of names) {
    const rel = name.split(sep).join('/');
    if (IGNORED.test(rel)) continue;
    const full = join(root, name);
    const info = await stat(full);
    if (info.isFile()) files.push(localFile(full, rel, info.size));
  }
  if (files.length === 0)
    throw new ChronoscopeError('UNREADABLE', `${root}: the directory holds no files`, { file: root });
  return { kind: 'directory', path: root, files, close: () => {} };
}

async function listZip(path: string, limits: ImportLimits): Promise<SourceListing> {
  const zip = await openZip(path, limits);
  const visible = zip.members.filter((m) => !IGNORED.test(m.name));
  const top = singleTopFolder(visible.map((m) => m.name));
  const files = visible.map((m): SourceFile => {
    const rel = top ? m.name.slice(top.length) : m.name;
    return {
      ...naming(rel),
      display: `${path}!${m.name}`,
      relPath: rel,
      size: m.compressedSize,
      inZip: true,
      openRaw: m.open,
    };
  });
  if (files.length === 0)
    throw new ChronoscopeError('UNREADABLE', `${path}: the zip holds no files`, { file: path });
  return { kind: 'zip', path, files, close: zip.close };
}

function localFile(full: string, rel: string, size: number): SourceFile {
  return {
    ...naming(rel),
    display: full,
    relPath: rel,
    size,
    localPath: full,
    inZip: false,
    openRaw: async () => createReadStream(full),
  };
}

function naming(rel: string): Pick<SourceFile, 'name' | 'stem' | 'ext'> {
  const name = (rel.split('/').pop() ?? rel).toLowerCase().replace(/\.gz$/, '');
  const dot = name.lastIndexOf('.');
  return dot > 0
    ? { name, stem: name.slice(0, dot), ext: name.slice(dot + 1) }
    : { name, stem: name, ext: '' };
}

/** "files may sit at the zip root or inside one top folder". */
function singleTopFolder(names: string[]): string | null {
  const tops = new Set(names.map((n) => (n.includes('/') ? n.slice(0, n.indexOf('/') + 1) : '')));
  const [only] = [...tops];
  return tops.size === 1 && only ? only : null;
}

async function isZip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    return head.readUInt32LE(0) === 0x04034b50 || head.readUInt32LE(0) === 0x06054b50;
  } finally {
    await handle.close();
  }
}
