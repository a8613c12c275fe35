import type { Command } from 'commander';
import { ChronoscopeError } from '../../../../core/src/index.js';
import { verifyArchive } from '../../../../engine/src/index.js';
import type {
  IntegrityCheck,
  IntegrityFinding,
  VerifyOptions,
  VerifyReport,
} from '../../../../engine/src/index.js';
import { printJson, withArchive } from '../archiveSession.js';
import type { ArchiveOptions } from '../archiveSession.js';
import { EXIT } from '../exitCodes.js';
import { isPackPath, verifyPackArchive } from './verifyPackSession.js';
import type { PackReport } from './verifyPackSession.js';

interface VerifyCliOptions extends ArchiveOptions {
  key?: string;
  hmacSecret?: string;
  previous?: string;
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
    .option('--previous <pack>', 'for an .auditpack: the pack its `previous` link names, to check the link')
    .option('--limit <n>', 'how many findings the human report lists', '50')
    .action(async (archive: string, options: VerifyCliOptions) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 0)
        throw new ChronoscopeError('BAD_ARGUMENT', `--limit: "${options.limit}" is not a whole number`);
      const isPack = isPackPath(archive);
      if (options.previous !== undefined && !isPack)
        throw new ChronoscopeError('BAD_ARGUMENT', '--previous applies to an .auditpack only');
      const verifyOptions: VerifyOptions = {
        ...(options.hmacSecret !== undefined ? { hmacSecret: options.hmacSecret } : {}),
        ...(options.previous !== undefined ? { previousPack: options.previous } : {}),
      };
      const report: VerifyReport | PackReport = isPack
        ? await verifyPackArchive(archive, options.key, options, verifyOptions)
        : await withArchive(archive, options, (store) => verifyArchive(store, verifyOptions));
      if (options.json) printJson(report);
      else process.stdout.write(`${formatReport(archive, report, limit, options.key !== undefined)}\n`);
      // main() returns this code: finding tampering is what verify exists for, not an error.
      if (!report.ok) process.exitCode = EXIT.found;
    });
}

/**
 * The human report, laid out as a verifier writes one: what was examined and against which
 * key, then one line per finding (where, what, the expected and the actual value), then
 * what was verified, what failed, what could not be checked, and the verdict.
 */
function formatReport(
  archive: string,
  r: VerifyReport | PackReport,
  limit: number,
  keyGiven: boolean,
): string {
  const lines = [`Integrity report: ${archive}`, ''];
  const facts: [string, string][] = [
    ['system', r.system],
    ['records', r.records.toLocaleString('en')],
  ];
  if ('pack' in r) {
    facts.push(['origin', r.pack.origin ?? 'unknown (no readable checkpoint)']);
    facts.push([
      'key',
      r.pack.pinned
        ? `${r.pack.keyFingerprint ?? '?'} (pinned with --key)`
        : `NOT PINNED: checked only against the pack's own key ${r.pack.keyFingerprint ?? '(none)'}; a pack re-signed as a whole with another key would pass. Pin the signer's key with --key.`,
    ]);
  } else {
    facts.push([
      'signature',
      'a source export carries no pack signature; its own integrity rules are checked',
    ]);
    if (keyGiven) facts.push(['note', '--key applies to .auditpack archives and was not used']);
  }
  for (const [name, value] of facts) lines.push(`  ${name.padEnd(10)}${value}`);
  const serious = r.findings.filter((f) => f.severity !== 'info');
  const observations = r.findings.length - serious.length;
  lines.push('');
  if (r.findings.length === 0) lines.push('Findings: none');
  else {
    const shown = [...r.findings].sort(bySeverityThenPlace).slice(0, limit);
    const more = r.findings.length - shown.length;
    lines.push(
      `Findings (${r.findings.length}: ${serious.length} of tampering or loss, ${observations} observation(s); most severe first${more > 0 ? `; ${more} more with --limit or --json` : ''}):`,
    );
    for (const f of shown) lines.push(`  ${formatFinding(f)}`);
  }
  const groups: [string, string, (c: IntegrityCheck) => boolean][] = [
    ['Verified', '✓', (c) => c.ok && !c.skipped],
    ['Failed', '✗', (c) => !c.ok && !c.skipped],
    ['Not verified', '–', (c) => c.skipped === true],
  ];
  const width = Math.max(...r.checks.map((c) => c.name.length));
  for (const [title, mark, pick] of groups) {
    const checks = r.checks.filter(pick);
    if (checks.length === 0) continue;
    lines.push('', `${title}:`);
    for (const c of checks) lines.push(`  ${mark} ${c.name.padEnd(width)}  ${c.detail}`);
  }
  const failed = r.checks.filter((c) => !c.ok);
  const skipped = r.checks.filter((c) => c.skipped).length;
  const verified = r.checks.filter((c) => c.ok && !c.skipped).length;
  const unpinned = 'pack' in r && !r.pack.pinned ? " (against the pack's own key only)" : '';
  lines.push(
    '',
    r.ok
      ? `OK: ${verified} checks passed${unpinned}, ${skipped} not verified; no tampering or loss found`
      : `FAILED: ${serious.length} finding(s) of tampering or loss in ${failed.map((c) => c.name).join(', ')}; ${verified} checks passed, ${skipped} not verified`,
  );
  return lines.join('\n');
}

const SEVERITY_RANK = { critical: 0, high: 1, medium: 2, low: 3, info: 4 } as const;

/** Most severe first, then in record order, so a reader walks the archive from the top. */
function bySeverityThenPlace(a: IntegrityFinding, b: IntegrityFinding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    (a.seq ?? -1) - (b.seq ?? -1) ||
    (a.block ?? -1) - (b.block ?? -1)
  );
}

/** One line: severity, kind, where (seq, block, the source's id), expected and actual, then why. */
function formatFinding(f: IntegrityFinding): string {
  const where = [
    f.seq !== undefined ? `seq ${f.seq}` : undefined,
    f.block !== undefined ? `block ${f.block}` : undefined,
    f.sourceId !== undefined && String(f.block) !== f.sourceId ? `id ${f.sourceId}` : undefined,
  ].filter((x) => x !== undefined);
  const values =
    f.expected !== undefined || f.actual !== undefined
      ? `  expected ${clip(f.expected ?? '-')}  actual ${clip(f.actual ?? '-')}`
      : '';
  return `${f.severity.toUpperCase().padEnd(8)} ${f.kind.padEnd(18)} ${(where.join(', ') || 'pack').padEnd(24)}${values}  — ${f.detail}`;
}

/** Hashes are shown whole; long values (a state as JSON) are cut. */
function clip(text: string): string {
  return text.length > 96 ? `${text.slice(0, 93)}...` : text;
}
