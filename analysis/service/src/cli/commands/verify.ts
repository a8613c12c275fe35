import type { Command } from 'commander';
import { ChronoscopeError } from '../../../../core/src/index.js';
import { verifyArchive } from '../../../../engine/src/index.js';
import type { IntegrityFinding, VerifyReport } from '../../../../engine/src/index.js';
import { printJson, withArchive } from '../archiveSession.js';
import type { ArchiveOptions } from '../archiveSession.js';
import { EXIT } from '../exitCodes.js';
import { isPackPath, verifyPackArchive } from './verifyPackSession.js';
import type { PackReport } from './verifyPackSession.js';

interface VerifyCliOptions extends ArchiveOptions {
  key?: string;
  hmacSecret?: string;
  limit: string;
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description(
      'every integrity check of sources.md (and auditpack.md): exit 1 when tampering or loss is found',
    )
    .argument('<archive>', 'a source export (directory, zip or file) or an .auditpack')
    .option('--key <pub>', 'the Ed25519 public key (PEM) an .auditpack must be signed with')
    .option('--hmac-secret <secret>', "the blockchain's AUDIT_SECRET, to check event signatures")
    .option('--limit <n>', 'how many findings the human report lists', '50')
    .action(async (archive: string, options: VerifyCliOptions) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 0)
        throw new ChronoscopeError('BAD_ARGUMENT', `--limit: "${options.limit}" is not a whole number`);
      const verifyOptions = options.hmacSecret !== undefined ? { hmacSecret: options.hmacSecret } : {};
      const report: VerifyReport | PackReport = isPackPath(archive)
        ? await verifyPackArchive(archive, options.key, options, verifyOptions)
        : await withArchive(archive, options, (store) => verifyArchive(store, verifyOptions));
      if (options.json) printJson(report);
      else process.stdout.write(`${formatReport(archive, report, limit, options.key !== undefined)}\n`);
      // main() returns this code: finding tampering is what verify exists for, not an error.
      if (!report.ok) process.exitCode = EXIT.found;
    });
}

function formatReport(
  archive: string,
  r: VerifyReport | PackReport,
  limit: number,
  keyGiven: boolean,
): string {
  const width = Math.max(...r.checks.map((c) => c.name.length));
  const lines = [`verify ${archive}: ${r.system}, ${r.records.toLocaleString('en')} records`, ''];
  for (const c of r.checks)
    lines.push(`${c.skipped ? '–' : c.ok ? '✓' : '✗'} ${c.name.padEnd(width)}  ${c.detail}`);
  if (r.findings.length > 0) {
    const shown = r.findings.slice(0, limit);
    lines.push('', `findings (${shown.length} of ${r.findings.length}, most severe first):`);
    for (const f of shown) lines.push(...formatFinding(f));
  }
  const failed = r.checks.filter((c) => !c.ok);
  const serious = failed.reduce((n, c) => n + c.findings, 0);
  const skipped = r.checks.filter((c) => c.skipped).map((c) => c.name);
  lines.push('');
  if ('pack' in r) {
    lines.push(
      r.pack.pinned
        ? `signatures checked against the pinned key ${r.pack.keyFingerprint ?? ''}`
        : `note: no --key given: the pack was checked only against its own key (${r.pack.keyFingerprint ?? 'none'}); a pack re-signed as a whole would pass`,
    );
  } else if (keyGiven) {
    lines.push('note: --key applies to .auditpack archives; this source export carries no signature');
  }
  if (skipped.length > 0) lines.push(`not verified: ${skipped.join(', ')}`);
  lines.push(
    r.ok
      ? `OK: ${r.checks.length - skipped.length} checks passed, no tampering or loss found`
      : `FAILED: ${serious} finding(s) of tampering or loss in ${failed.map((c) => c.name).join(', ')}`,
  );
  return lines.join('\n');
}

function formatFinding(f: IntegrityFinding): string[] {
  const where = [
    f.seq !== undefined ? `seq ${f.seq}` : undefined,
    f.block !== undefined ? `block ${f.block}` : undefined,
    f.sourceId !== undefined && String(f.block) !== f.sourceId ? f.sourceId : undefined,
  ].filter((x) => x !== undefined);
  const out = [
    `  ${f.severity.toUpperCase().padEnd(8)} ${f.kind.padEnd(18)} ${where.join('  ')}`,
    `           ${f.detail}`,
  ];
  if (f.expected !== undefined || f.actual !== undefined)
    out.push(`           expected ${clip(f.expected ?? '-')}  actual ${clip(f.actual ?? '-')}`);
  return out;
}

function clip(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
