import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateExport, verifyArchive } from '../../../analysis/engine/src/index.js';
import type { SystemId } from '../../../analysis/core/src/index.js';
import type { IntegrityFinding, VerifyOptions, VerifyReport } from '../../../analysis/engine/src/index.js';
import { importArchive, tempDir } from '../../helpers/archives.js';

/** A clean generated export of `system` in a temp dir (no incidents: nothing planted to find). */
export async function cleanExport(system: SystemId, events = 1500, seed = 11): Promise<string> {
  const out = join(await tempDir(`chronoscope-${system}-`), 'export');
  await generateExport({ system, events, seed, incidents: false, out });
  return out;
}

/** A copy of `source` changed by `mutate`, as an investigator would receive a tampered export. */
export async function tampered(source: string, mutate: (dir: string) => Promise<void>): Promise<string> {
  const dir = join(await tempDir('chronoscope-tampered-'), 'export');
  await cp(source, dir, { recursive: true });
  await mutate(dir);
  return dir;
}

export async function verify(dir: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const { store } = await importArchive(dir);
  return verifyArchive(store, options);
}

/** The lines of a text file without the final newline's empty tail. */
export async function readLines(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8');
  return text.replace(/\n$/, '').split('\n');
}

export async function writeLines(path: string, lines: readonly string[]): Promise<void> {
  await writeFile(path, `${lines.join('\n')}\n`);
}

/** Findings that show tampering or loss (not observations). */
export function serious(report: VerifyReport): IntegrityFinding[] {
  return report.findings.filter((f) => f.severity !== 'info');
}

export function failedChecks(report: VerifyReport): string[] {
  return report.checks.filter((c) => !c.ok).map((c) => c.name);
}
