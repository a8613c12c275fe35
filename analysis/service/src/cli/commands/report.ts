import type { Command } from 'commander';
import { stat } from 'node:fs/promises';
import { ChronoscopeError, parseTimeSpec } from '../../../../core/src/index.js';
import { findChromium, gatherReport, saveReport, verifyArchive } from '../../../../engine/src/index.js';
import type { EventFilter, ReportIntegrity } from '../../../../engine/src/index.js';
import { printJson, withArchive } from '../archiveSession.js';
import type { ArchiveOptions } from '../archiveSession.js';
import { isPackPath, verifyPackArchive } from './verifyPackSession.js';

interface ReportCliOptions extends ArchiveOptions {
  out: string;
  from?: string;
  to?: string;
  actor: string[];
  action: string[];
  eventType: string[];
  entityType: string[];
  entity: string[];
  text?: string;
  key?: string;
  hmacSecret?: string;
  case?: string | false;
  evidenceRows: string;
  maxFindings: string;
  title?: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerReport(program: Command): void {
  program
    .command('report')
    .description("the analyst's report: a self-contained HTML file, or a PDF printed with Chromium")
    .argument('<archive>', 'a source export (directory, zip or file) or an .auditpack')
    .requiredOption('--out <file>', 'FILE.html or FILE.pdf')
    .option('--from <time>', 'first instant covered (ISO 8601 or seq:N)')
    .option('--to <time>', 'last instant covered (ISO 8601 or seq:N)')
    .option('--actor <id>', 'only this actor (repeat for several)', collect, [])
    .option('--action <action>', 'only this normalised action (repeatable)', collect, [])
    .option('--event-type <type>', 'only this source event type (repeatable)', collect, [])
    .option('--entity-type <type>', 'only this entity type (repeatable)', collect, [])
    .option('--entity <id>', 'only this entity (repeatable)', collect, [])
    .option('--text <text>', 'only events whose states or record contain this text')
    .option('--key <pub>', 'the Ed25519 public key (PEM) an .auditpack must be signed with')
    .option('--hmac-secret <secret>', "the blockchain's AUDIT_SECRET, to check event signatures")
    .option('--case <file>', 'the case file whose annotations to include (default: ARCHIVE.chronocase.json)')
    .option('--no-case', 'leave annotations out')
    .option('--evidence-rows <n>', 'evidence rows shown per finding', '10')
    .option('--max-findings <n>', 'findings shown in full (the rest are counted)', '100')
    .option('--title <text>', "the report's title")
    .action(async (archive: string, options: ReportCliOptions) => {
      const format = reportFormat(options.out);
      const evidenceRows = wholeNumber('--evidence-rows', options.evidenceRows);
      const maxFindings = wholeNumber('--max-findings', options.maxFindings);
      const filter = reportFilter(options);
      // Before any work: a PDF without a Chromium would waste the whole analysis.
      const chromium = format === 'pdf' ? await findChromium() : null;
      const say = (line: string): void => {
        if (!options.quiet) process.stderr.write(`report: ${line}\n`);
      };
      const verifyOptions = options.hmacSecret !== undefined ? { hmacSecret: options.hmacSecret } : {};
      const packIntegrity = isPackPath(archive)
        ? await verifyPackArchive(archive, options.key, options, verifyOptions)
        : null;
      const started = performance.now();
      const data = await withArchive(archive, options, async (store) => {
        say('checking integrity…');
        const integrity: ReportIntegrity = packIntegrity ?? (await verifyArchive(store, verifyOptions));
        return gatherReport(store, {
          archivePath: archive,
          integrity,
          filter,
          evidenceRows,
          maxFindings,
          ...(options.case === false ? { caseFile: null } : options.case ? { caseFile: options.case } : {}),
          ...(options.title ? { title: options.title } : {}),
          onStep: (step) => say(step === 'detectors' ? 'running the detectors…' : `gathering the ${step}…`),
        });
      });
      if (chromium) say(`printing with ${chromium}…`);
      const pages = await saveReport(data, options.out, chromium);
      const bytes = (await stat(options.out)).size;
      const seconds = (performance.now() - started) / 1000;
      const summary = {
        out: options.out,
        format,
        bytes,
        ...(pages !== null ? { pages } : {}),
        records: data.archive.records,
        selected: data.selection.events,
        integrityOk: data.integrity.ok,
        findings: data.analysis.findings.length,
        annotations: data.caseFile?.annotations.length ?? 0,
        seconds: Math.round(seconds * 10) / 10,
      };
      if (options.json) printJson(summary);
      else
        process.stdout.write(
          `wrote ${options.out} (${format}, ${(bytes / 1024).toFixed(0)} KiB${pages !== null ? `, ${pages} pages` : ''}): ${summary.findings} findings, integrity ${summary.integrityOk ? 'OK' : 'FAILED'}, in ${seconds.toFixed(1)}s\n`,
        );
    });
}

function reportFormat(out: string): 'html' | 'pdf' {
  const lower = out.toLowerCase();
  if (lower.endsWith('.html') || lower.endsWith('.htm')) return 'html';
  if (lower.endsWith('.pdf')) return 'pdf';
  throw new ChronoscopeError('BAD_ARGUMENT', `--out: "${out}" must end in .html or .pdf`);
}

function wholeNumber(option: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new ChronoscopeError('BAD_ARGUMENT', `${option}: "${value}" is not a whole number`);
  return n;
}

function reportFilter(o: ReportCliOptions): EventFilter {
  return {
    ...(o.from ? { from: parseTimeSpec(o.from, '--from') } : {}),
    ...(o.to ? { to: parseTimeSpec(o.to, '--to') } : {}),
    ...(o.actor.length > 0 ? { actors: o.actor } : {}),
    ...(o.action.length > 0 ? { actions: o.action } : {}),
    ...(o.eventType.length > 0 ? { eventTypes: o.eventType } : {}),
    ...(o.entityType.length > 0 ? { entityTypes: o.entityType } : {}),
    ...(o.entity.length > 0 ? { entities: o.entity } : {}),
    ...(o.text ? { text: o.text } : {}),
  };
}
