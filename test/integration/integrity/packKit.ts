import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ArchiveStore,
  openArchive,
  readPrivateKey,
  readPublicKey,
  writeKeyPair,
  writePack,
} from '../../../analysis/engine/src/index.js';
import type { IntegrityFinding, PackSummary, PackVerification } from '../../../analysis/engine/src/index.js';
import { makeZip } from '../../helpers/zipWriter.js';

export type Entries = Map<string, Buffer>;

/** A finding with the name of the check that made it. */
export type Located = IntegrityFinding & { check: string };

export interface Signer {
  privatePath: string;
  publicPath: string;
}

export async function signer(dir: string, name: string): Promise<Signer> {
  const keys = await writeKeyPair(join(dir, name));
  return { privatePath: keys.privatePath, publicPath: keys.publicPath };
}

/** Imports `source` and writes a pack of it, signed by `by`. */
export async function packOf(
  source: string,
  out: string,
  by: Signer,
  options: {
    cacheDir: string;
    origin?: string;
    previous?: { rootHash: string; treeSize: number };
    now?: Date;
  },
): Promise<PackSummary> {
  const opened = await openArchive(source, { cacheDir: options.cacheDir });
  const store = await ArchiveStore.open(opened.dbPath);
  try {
    return await writePack(store, opened.system, {
      origin: options.origin ?? 'test.audit',
      privateKey: await readPrivateKey(by.privatePath),
      publicKey: await readPublicKey(by.publicPath),
      out,
      previous: options.previous ?? null,
      ...(options.now ? { now: options.now } : {}),
    });
  } finally {
    store.close();
  }
}

/** Writes `entries` as a pack file again, as a tamperer with a zip tool would (every entry stored). */
export async function rezip(path: string, entries: Entries): Promise<string> {
  await writeFile(path, makeZip([...entries].map(([name, data]) => ({ name, data, store: true }))));
  return path;
}

export function findingsOf(v: PackVerification): Located[] {
  return v.outcomes.flatMap((o) => o.findings.map((f) => ({ ...f, check: o.check.name })));
}

/** The findings of one check, as [kind, seq or block]. */
export function located(v: PackVerification, check: string): [string, number | undefined][] {
  return findingsOf(v)
    .filter((f) => f.check === check)
    .map((f) => [f.kind, f.seq ?? f.block]);
}

export function failed(v: PackVerification): string[] {
  return v.outcomes.filter((o) => !o.check.ok).map((o) => o.check.name);
}

/** The lines of records.ndjson, and a function that puts edited lines back. */
export function recordLines(entries: Entries): string[] {
  return (entries.get('records.ndjson') ?? Buffer.alloc(0)).toString('utf8').replace(/\n$/, '').split('\n');
}

export function withLines(entries: Entries, lines: readonly string[]): Entries {
  return new Map([...entries, ['records.ndjson', Buffer.from(`${lines.join('\n')}\n`)]]);
}
