import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractPack, readPublicKey, verifyArchive, verifyPack } from '../../../../engine/src/index.js';
import type { VerifyOptions, VerifyReport } from '../../../../engine/src/index.js';
import { withArchive } from '../archiveSession.js';
import type { ArchiveOptions } from '../archiveSession.js';

export interface PackReport extends VerifyReport {
  pack: { pinned: boolean; keyFingerprint: string | null; origin: string | null; treeSize: number | null };
}

export function isPackPath(path: string): boolean {
  return path.toLowerCase().endsWith('.auditpack');
}

/**
 * A pack's own checks (auditpack.md), then the source's: its records are written back out as
 * the export they came from and opened through the same adapters.
 */
export async function verifyPackArchive(
  path: string,
  keyPath: string | undefined,
  options: ArchiveOptions,
  verifyOptions: VerifyOptions,
): Promise<PackReport> {
  const pinned = keyPath !== undefined ? await readPublicKey(keyPath) : undefined;
  const own = await verifyPack(path, pinned, { options: verifyOptions });
  const dir = await mkdtemp(join(tmpdir(), 'chronoscope-pack-'));
  let source: VerifyReport | undefined;
  let failure: string | undefined;
  try {
    await extractPack(path, dir);
    source = await withArchive(dir, options, (store) => verifyArchive(store, verifyOptions));
  } catch (err) {
    failure = (err instanceof Error ? err.message : String(err)).split('\n')[0];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const checks = [
    ...own.outcomes.map((o) => o.check),
    ...(source?.checks ?? [
      {
        name: 'source_checks',
        ok: false,
        skipped: true,
        findings: 0,
        detail: `not run: ${failure ?? 'no records'}`,
      },
    ]),
  ];
  return {
    ok: checks.every((c) => c.ok),
    system: source?.system ?? (own.checkpoint?.system as VerifyReport['system']),
    records: own.checkpoint?.treeSize ?? 0,
    checks,
    findings: [...own.outcomes.flatMap((o) => o.findings), ...(source?.findings ?? [])],
    pack: {
      pinned: own.pinned,
      keyFingerprint: own.keyFingerprint ?? null,
      origin: own.checkpoint?.origin ?? null,
      treeSize: own.checkpoint?.treeSize ?? null,
    },
  };
}
