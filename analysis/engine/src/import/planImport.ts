import { createHash } from 'node:crypto';
import { ChronoscopeError } from '../../../core/src/index.js';
import type { SystemId } from '../../../core/src/index.js';
import type { ExpansionBudget } from '../archive/expansionGuard.js';
import { fingerprintFile, sha256File } from '../archive/fingerprint.js';
import type { FileFingerprint } from '../archive/fingerprint.js';
import type { SourceFile, SourceListing } from '../archive/sourceListing.js';
import { ADAPTERS, adapterFor } from '../adapters/registry.js';
import type { SourceAdapter } from '../adapters/types.js';
import { readHead, sniff } from './sniff.js';
import type { Sniffed } from './sniff.js';
import type { TableSpec } from './tableSpec.js';

export interface PlannedFile {
  file: SourceFile;
  sniffed: Sniffed;
  /** Only for plain files on disk: their hash and whether DuckDB can read their lines in place. */
  fingerprint?: FileFingerprint;
  /** The adapter table this file holds, or null when the system does not analyse it. */
  table: TableSpec | null;
}

export interface ImportPlan {
  sha256: string;
  adapter: SourceAdapter;
  files: PlannedFile[];
}

/** The archive's identity: the sha256 of its bytes, or of a sorted manifest for a directory. */
export async function fingerprintArchive(
  listing: SourceListing,
  maxRecordBytes: number,
  onBytes: (n: number) => void,
): Promise<{ sha256: string; prints: Map<SourceFile, FileFingerprint> }> {
  const prints = new Map<SourceFile, FileFingerprint>();
  if (listing.kind === 'zip') return { sha256: await sha256File(listing.path, onBytes), prints };
  for (const file of listing.files) {
    prints.set(file, await fingerprintFile(file.localPath as string, maxRecordBytes, onBytes));
  }
  if (listing.kind === 'file')
    return { sha256: (prints.get(listing.files[0] as SourceFile) as FileFingerprint).sha256, prints };
  const manifest = createHash('sha256');
  for (const file of listing.files) {
    const print = prints.get(file) as FileFingerprint;
    manifest.update(`${file.relPath}\0${print.bytes}\0${print.sha256}\n`);
  }
  return { sha256: manifest.digest('hex'), prints };
}

export async function planImport(
  listing: SourceListing,
  sha256: string,
  prints: Map<SourceFile, FileFingerprint>,
  budget: ExpansionBudget,
  system: SystemId | undefined,
): Promise<ImportPlan> {
  const sniffs = new Map<SourceFile, Sniffed>();
  for (const file of listing.files) {
    const print = prints.get(file);
    const gz = print ? print.head[0] === 0x1f && print.head[1] === 0x8b : true;
    const head = print && !gz ? print.head : await readHead(file, budget);
    sniffs.set(file, sniff(file, head));
  }
  const fields = new Map<string, readonly string[]>();
  for (const [file, sniffed] of sniffs) fields.set(file.stem, sniffed.fields);
  const adapter = system ? (adapterFor(system) as SourceAdapter) : detect(listing, fields);
  const files = listing.files.map((file): PlannedFile => {
    const planned: PlannedFile = {
      file,
      sniffed: sniffs.get(file) as Sniffed,
      table: tableOf(adapter, file, listing),
    };
    const print = prints.get(file);
    return print ? { ...planned, fingerprint: print } : planned;
  });
  for (const spec of adapter.tables) {
    if (spec.required && !files.some((f) => f.table === spec)) {
      throw new ChronoscopeError(
        'UNKNOWN_FORMAT',
        `${listing.path}: a ${adapter.id} export needs ${spec.stems.join(' or ')} (.ndjson, .json or .csv, optionally .gz); found ${listing.files.map((f) => f.relPath).join(', ')}`,
        { file: listing.path },
      );
    }
  }
  return { sha256, adapter, files };
}

function detect(listing: SourceListing, fields: Map<string, readonly string[]>): SourceAdapter {
  const scored = ADAPTERS.map((adapter) => ({ adapter, score: adapter.detect(fields) })).sort(
    (a, b) => b.score - a.score,
  );
  const best = scored[0];
  if (!best || best.score < 0.5) {
    const seen = [...fields.entries()]
      .slice(0, 6)
      .map(([stem, f]) => `${stem} (${f.slice(0, 8).join(', ') || 'no fields'})`)
      .join('; ');
    throw new ChronoscopeError(
      'UNKNOWN_FORMAT',
      `${listing.path}: not an export of any known system (${ADAPTERS.map((a) => a.id).join(', ')}); saw ${seen}. Use --system to choose one.`,
      { file: listing.path },
    );
  }
  return best.adapter;
}

function tableOf(adapter: SourceAdapter, file: SourceFile, listing: SourceListing): TableSpec | null {
  const byStem = adapter.tables.find((t) => t.stems.includes(file.stem));
  if (byStem) return byStem;
  // A single file is the system's main table, whatever it is called.
  return listing.kind === 'file' ? (adapter.tables[0] ?? null) : null;
}
