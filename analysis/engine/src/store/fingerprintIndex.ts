import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { SourceListing } from '../archive/sourceListing.js';

/**
 * Remembers which sha256 each archive had, keyed by what `stat` says of its files (path,
 * size, mtime, ctime, inode). Any write to a file changes its ctime, which no ordinary tool
 * can set back, so an unchanged key means unchanged bytes: a second command on a 1 GB archive
 * finds its cache without reading the evidence again. Anything else hashes in full.
 */
const INDEX_FILE = 'fingerprints.json';

type Index = Record<string, string>;

export async function statKey(listing: SourceListing): Promise<string> {
  const paths =
    listing.kind === 'directory' ? listing.files.map((f) => f.localPath as string) : [listing.path];
  const parts: string[] = [`${listing.kind}:${resolve(listing.path)}`];
  for (const path of paths) {
    const s = await stat(path, { bigint: true });
    parts.push(`${resolve(path)}|${s.size}|${s.mtimeNs}|${s.ctimeNs}|${s.ino}|${s.dev}`);
  }
  return parts.join('\n');
}

export async function knownSha256(cacheDir: string, key: string): Promise<string | undefined> {
  return (await readIndex(cacheDir))[key];
}

export async function rememberSha256(cacheDir: string, key: string, sha256: string): Promise<void> {
  const index = await readIndex(cacheDir);
  index[key] = sha256;
  // Atomic replace: concurrent commands may race, and the loser only costs a re-hash later.
  const tmp = join(cacheDir, `${INDEX_FILE}.${process.pid}.tmp`);
  await writeFile(tmp, JSON.stringify(index));
  await rename(tmp, join(cacheDir, INDEX_FILE));
}

async function readIndex(cacheDir: string): Promise<Index> {
  try {
    const parsed: unknown = JSON.parse(await readFile(join(cacheDir, INDEX_FILE), 'utf8'));
    return parsed !== null && typeof parsed === 'object' ? (parsed as Index) : {};
  } catch {
    return {};
  }
}
