import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { extractPack } from '../auditpack/extractPack.js';
import { fingerprintArchive } from './planImport.js';
import type { FileFingerprint } from '../archive/fingerprint.js';
import type { ImportLimits } from '../archive/limits.js';
import { listSource } from '../archive/sourceListing.js';
import type { SourceFile, SourceListing } from '../archive/sourceListing.js';

/** The entries every `.auditpack` has at its root (auditpack.md). */
const PACK_ENTRIES = ['manifest.json', 'records.ndjson', 'checkpoint.json'];

export function isAuditPack(listing: SourceListing): boolean {
  return (
    listing.kind === 'zip' && PACK_ENTRIES.every((name) => listing.files.some((f) => f.relPath === name))
  );
}

export interface PackSource {
  /** The pack's records as the source export they came from, named `<pack>!<stream file>`. */
  listing: SourceListing;
  prints: Map<SourceFile, FileFingerprint>;
  dispose(): Promise<void>;
}

/**
 * Opens a pack as its source export: its records are written back out (auditpack.md keeps
 * each record exactly as the source wrote it) into the cache's own staging, then read
 * through the same adapters as the export itself. Nothing is written beside the pack.
 */
export async function packAsSource(
  packPath: string,
  cacheDir: string,
  limits: ImportLimits,
): Promise<PackSource> {
  const dir = join(cacheDir, `pack-${process.pid}-${randomBytes(4).toString('hex')}`);
  const dispose = (): Promise<void> => rm(dir, { recursive: true, force: true });
  try {
    await mkdir(dir, { recursive: true });
    await extractPack(packPath, dir);
    const inner = await listSource(dir, limits);
    const files = inner.files.map((f) => ({ ...f, display: `${packPath}!${f.relPath}` }));
    const listing: SourceListing = { ...inner, files };
    const { prints } = await fingerprintArchive(listing, limits.maxRecordBytes, () => {});
    return { listing, prints, dispose };
  } catch (err) {
    await dispose();
    throw err;
  }
}
