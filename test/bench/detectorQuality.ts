/**
 * Detector quality against planted incidents: recall and precision per detector and overall.
 *
 * Generates archives with planted incidents (`generateExport({incidents: true})`) for every
 * system, several seeds and sizes, runs the default detectors and built-in rules on each and
 * compares the findings with `ground-truth.json`.
 *
 * How a finding matches an incident: its evidence shares at least one row with the incident's
 * evidence, or its time range overlaps the incident's (widened by `SLACK_MS` either side, so a
 * finding that starts at the login just before the first planted row still counts) and it
 * names the incident's actor or no actor at all (a finding about the log itself, such as a
 * sequence gap whose missing row cannot be evidence because it is not in the archive).
 *
 * - recall of detector D: of the incidents whose ground truth lists D, the share matched by a
 *   finding of D. Overall recall: the share of incidents matched by a finding of any detector
 *   they list.
 * - precision of detector D: of D's findings, the share that match some incident (any kind:
 *   `first_seen` pointing at an exfiltration is right even though the truth lists other
 *   detectors). Overall precision: the same over every finding, rules included. Every finding
 *   counts, whatever its severity.
 *
 * Run alone: `node --import tsx test/bench/detectorQuality.ts` (QUALITY_SYSTEMS, QUALITY_SEEDS,
 * QUALITY_SIZES, and QUALITY_DIR to keep the generated archives for the next run;
 * QUALITY_ALL=1 scores every signal before triage, QUALITY_SHOW=burst,off_hours lists those
 * detectors' findings); also printed by `npm run bench`.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ArchiveStore, generateExport, openArchive, runDetectors } from '../../analysis/engine/src/index.js';
import type { Finding, GroundTruth, Incident } from '../../analysis/engine/src/index.js';
import type { SystemId } from '../../analysis/core/src/index.js';
import { row } from './measure.js';

const SLACK_MS = 10 * 60_000;
const ALL_SYSTEMS: SystemId[] = ['qcs', 'descendants', 'blockchain', 'wedsync', 'robot-cycles'];

export interface QualityOptions {
  systems?: SystemId[];
  seeds?: number[];
  /** One size per seed, cycled. */
  sizes?: number[];
  /** Keep the archives here (and reuse those already there). */
  dir?: string;
  /** Score every signal, before triage (`analyze --all`). */
  all?: boolean;
  /** Log every finding of these detectors, marked + (matches an incident) or − (does not). */
  show?: string[];
  log?: (line: string) => void;
}

interface Tally {
  expected: number;
  found: number;
  findings: number;
  matching: number;
}

export interface QualityReport {
  archives: number;
  incidents: number;
  perDetector: Map<string, Tally>;
  overall: Tally;
  misses: string[];
  /** Findings that matched nothing, a few per detector, for a person to judge. */
  falseAlarms: string[];
}

interface Truth {
  incident: Incident;
  seqs: Set<number>;
  from: number;
  to: number;
}

/** Whether `finding` points at `truth` (see the header). */
export function matches(finding: Finding, truth: Truth): boolean {
  if (finding.evidence.some((s) => truth.seqs.has(s))) return true;
  const overlaps =
    Date.parse(finding.from) <= truth.to + SLACK_MS && Date.parse(finding.to) >= truth.from - SLACK_MS;
  // A finding about the log itself (no actor) names no one: its time range is all it has.
  return overlaps && (finding.actor === undefined || finding.actor === truth.incident.actor);
}

const tally = (m: Map<string, Tally>, id: string): Tally => {
  let t = m.get(id);
  if (!t) m.set(id, (t = { expected: 0, found: 0, findings: 0, matching: 0 }));
  return t;
};

async function archive(system: SystemId, seed: number, events: number, dir: string): Promise<string> {
  const out = join(dir, `${system}-${seed}-${events}`);
  if (!existsSync(join(out, 'ground-truth.json'))) {
    await generateExport({ system, events, seed, incidents: true, out });
  }
  return out;
}

async function truths(store: ArchiveStore, truth: GroundTruth): Promise<Truth[]> {
  const ids = truth.incidents.flatMap((i) => i.evidence);
  const seqOf = new Map<string, number>();
  const rows = await store.json(
    'SELECT source_id, seq FROM events WHERE list_contains($ids::VARCHAR[], source_id)',
    { ids: JSON.stringify(ids) },
  );
  for (const r of rows) seqOf.set(String(r['source_id']), Number(r['seq']));
  return truth.incidents.map((incident) => ({
    incident,
    seqs: new Set(incident.evidence.flatMap((id) => seqOf.get(id) ?? [])),
    from: Date.parse(incident.from),
    to: Date.parse(incident.to),
  }));
}

export async function evaluateQuality(options: QualityOptions = {}): Promise<QualityReport> {
  const systems = options.systems ?? ALL_SYSTEMS;
  const seeds = options.seeds ?? [1, 2, 3];
  const sizes = options.sizes ?? [50_000, 100_000, 200_000];
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'chronoscope-quality-')));
  const report: QualityReport = {
    archives: 0,
    incidents: 0,
    perDetector: new Map(),
    overall: { expected: 0, found: 0, findings: 0, matching: 0 },
    misses: [],
    falseAlarms: [],
  };
  try {
    for (const system of systems) {
      for (const [i, seed] of seeds.entries()) {
        const events = sizes[i % sizes.length] ?? 50_000;
        const out = await archive(system, seed, events, dir);
        const opened = await openArchive(out, { cacheDir: join(dir, 'cache') });
        const store = await ArchiveStore.open(opened.dbPath);
        try {
          const started = performance.now();
          const { findings } = await runDetectors(store, { all: options.all === true });
          const ms = performance.now() - started;
          const truth = JSON.parse(await readFile(join(out, 'ground-truth.json'), 'utf8')) as GroundTruth;
          const planted = await truths(store, truth);
          score(report, `${system}/${seed}/${events}`, planted, findings);
          for (const f of findings.filter((x) => options.show?.includes(x.detector))) {
            const mark = planted.some((t) => matches(f, t)) ? '+' : '-';
            options.log?.(`  ${mark} ${f.severity} ${f.detector} score ${f.score}: ${f.summary}`);
          }
          options.log?.(
            `${system} seed ${seed}, ${events} events: ${planted.length} incidents, ${findings.length} findings, ${(ms / 1000).toFixed(1)} s`,
          );
        } finally {
          store.close();
        }
      }
    }
  } finally {
    if (!options.dir) await rm(dir, { recursive: true, force: true });
  }
  return report;
}

function score(report: QualityReport, name: string, planted: Truth[], findings: Finding[]): void {
  report.archives += 1;
  report.incidents += planted.length;
  for (const t of planted) {
    const listed = t.incident.detectors;
    let any = false;
    for (const d of listed) {
      const hit = findings.some((f) => f.detector === d && matches(f, t));
      const per = tally(report.perDetector, d);
      per.expected += 1;
      if (hit) per.found += 1;
      else report.misses.push(`${name}: ${t.incident.kind} (${t.incident.actor}) missed by ${d}`);
      any ||= hit;
    }
    report.overall.expected += 1;
    if (any) report.overall.found += 1;
  }
  const shown = new Map<string, number>();
  for (const f of findings) {
    const per = tally(report.perDetector, f.detector);
    const ok = planted.some((t) => matches(f, t));
    per.findings += 1;
    report.overall.findings += 1;
    if (ok) {
      per.matching += 1;
      report.overall.matching += 1;
    } else if ((shown.get(f.detector) ?? 0) < 3) {
      shown.set(f.detector, (shown.get(f.detector) ?? 0) + 1);
      report.falseAlarms.push(`${name}: ${f.severity} ${f.detector}: ${f.summary}`);
    }
  }
}

const ratio = (a: number, b: number): string => (b === 0 ? '-' : (a / b).toFixed(2));

export function formatQuality(report: QualityReport): string[] {
  const widths = [22, 9, 7, 7, 9, 9, 9];
  const lines = [
    `detector quality: ${report.archives} archives, ${report.incidents} planted incidents`,
    row(['detector', 'expected', 'found', 'recall', 'findings', 'matching', 'precision'], widths),
  ];
  const ids = [...report.perDetector.keys()].sort();
  for (const id of [...ids, 'overall']) {
    const t = id === 'overall' ? report.overall : (report.perDetector.get(id) as Tally);
    lines.push(
      row(
        [
          id,
          t.expected,
          t.found,
          ratio(t.found, t.expected),
          t.findings,
          t.matching,
          ratio(t.matching, t.findings),
        ],
        widths,
      ),
    );
  }
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const list = (name: string): string[] | undefined => process.env[name]?.split(',').filter(Boolean);
  const report = await evaluateQuality({
    systems: list('QUALITY_SYSTEMS') as SystemId[] | undefined,
    seeds: list('QUALITY_SEEDS')?.map(Number),
    sizes: list('QUALITY_SIZES')?.map(Number),
    dir: process.env['QUALITY_DIR'],
    all: process.env['QUALITY_ALL'] === '1',
    show: list('QUALITY_SHOW'),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  if (process.env['QUALITY_VERBOSE']) {
    process.stderr.write(`${[...report.misses, ...report.falseAlarms].join('\n')}\n`);
  }
  process.stdout.write(`${formatQuality(report).join('\n')}\n`);
}
