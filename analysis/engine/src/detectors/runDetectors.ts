import type { ArchiveStore } from '../store/ArchiveStore.js';
import type { EventFilter } from '../analytics/filter.js';
import { builtinRules } from '../rules/builtin.js';
import { parseRules, rulesError } from '../rules/parse.js';
import { runRule } from '../rules/runRules.js';
import type { Rule } from '../rules/types.js';
import { authBruteforce } from './authBruteforce.js';
import { bulkExport } from './bulkExport.js';
import { burst } from './burst.js';
import { firstSeen } from './firstSeen.js';
import { massDestructive } from './massDestructive.js';
import { offHours } from './offHours.js';
import { peerDeviation } from './peerDeviation.js';
import { privilegeChange } from './privilegeChange.js';
import { rareAction } from './rareAction.js';
import { withSelection } from './selection.js';
import { sequenceGap } from './sequenceGap.js';
import { buildRollups, dropRollups } from './rollups.js';
import { detectorSettings } from './settings.js';
import type { DeepPartial, DetectorSettings } from './settings.js';
import { timeGap } from './timeGap.js';
import { triage } from './triage.js';
import type { Detector, DetectorId, Finding } from './types.js';
import { severityRank } from './types.js';
import { volumeSpike } from './volumeSpike.js';

/** Every detector of shared/spec/cli.md, in the order of its list. */
export const DETECTORS: readonly Detector[] = [
  volumeSpike,
  burst,
  offHours,
  firstSeen,
  rareAction,
  massDestructive,
  authBruteforce,
  privilegeChange,
  bulkExport,
  sequenceGap,
  timeGap,
  peerDeviation,
];

export interface AnalyzeOptions {
  filter?: EventFilter;
  /** Only these detectors (default: all). */
  detectors?: readonly DetectorId[];
  settings?: DeepPartial<DetectorSettings>;
  /** The investigator's own rules (YAML or JSON text), run beside the built-in ones. */
  rules?: string;
  /** Where `rules` came from, to name in errors (default `rules`). */
  rulesFile?: string;
  /** Run the built-in rules of assets/rules (default true). */
  builtinRules?: boolean;
  /** Every signal, also those no other signal backs (see `triage.ts`); default false. */
  all?: boolean;
  /** Called after each detector and rule, for progress and timings. */
  onDetector?: (id: string, findings: number, ms: number) => void;
}

/**
 * `analyze --json` of shared/spec/cli.md (each rule is one more entry of `detectors`, as
 * `rule:<id>`); `signals` (ours) counts what the detector saw before triage, so a reader
 * knows what was set aside.
 */
export interface AnalyzeResult {
  findings: Finding[];
  detectors: { id: string; findings: number; signals: number }[];
}

/**
 * Runs the detectors and rules over the archive (or the filtered part of it, see
 * `withSelection`), on rollups built once, then keeps the signals `triage` backs. Findings
 * come out most severe first, then by score. Malformed rules stop it before any query runs,
 * with an error naming the file, the rule and the field.
 */
export async function runDetectors(
  store: ArchiveStore,
  options: AnalyzeOptions = {},
): Promise<AnalyzeResult> {
  const settings = detectorSettings(options.settings);
  const rules = rulesToRun(options);
  return withSelection(store, options.filter, async (source) => {
    const rollups = await buildRollups(store, source);
    try {
      const chosen = DETECTORS.filter((d) => !options.detectors || options.detectors.includes(d.id));
      const signals: Finding[] = [];
      const seen = new Map<string, number>();
      const timed = async (id: string, run: () => Promise<Finding[]>): Promise<void> => {
        const started = performance.now();
        const found = await run();
        options.onDetector?.(id, found.length, performance.now() - started);
        signals.push(...found);
        seen.set(id, found.length);
      };
      for (const d of chosen) await timed(d.id, () => d.run({ store, source, settings, rollups }));
      for (const rule of rules) {
        await timed(`rule:${rule.id}`, () => runRule(store, source, rule, settings.maxEvidence));
      }
      const { kept, setAside } = options.all
        ? { kept: signals, setAside: new Map<string, number>() }
        : triage(signals, settings.corroborateMinutes);
      kept.sort(
        (a, b) =>
          severityRank(b.severity) - severityRank(a.severity) ||
          b.score - a.score ||
          a.from.localeCompare(b.from),
      );
      const ids = [...chosen.map((d) => d.id as string), ...rules.map((r) => `rule:${r.id}`)];
      const summary = ids.map((id) => {
        const n = seen.get(id) ?? 0;
        return { id, findings: n - (setAside.get(id) ?? 0), signals: n };
      });
      return { findings: kept, detectors: summary };
    } finally {
      await dropRollups(store, rollups);
    }
  });
}

/** Built-in rules (unless turned off) and the investigator's, checked before anything runs. */
function rulesToRun(options: AnalyzeOptions): Rule[] {
  const builtin = options.builtinRules === false ? [] : builtinRules();
  if (options.rules === undefined) return builtin;
  const parsed = parseRules(options.rules);
  const taken = new Set(builtin.map((r) => r.id));
  const problems = [
    ...parsed.problems,
    ...parsed.rules
      .filter((r) => taken.has(r.id))
      .map((r) => ({ rule: r.id, field: 'id', message: 'a built-in rule already has this id' })),
  ];
  if (problems.length > 0) throw rulesError(options.rulesFile ?? 'rules', problems);
  return [...builtin, ...parsed.rules];
}
