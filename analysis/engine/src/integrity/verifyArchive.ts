import type { SystemId } from '../../../core/src/index.js';
import type { ArchiveStore } from '../store/ArchiveStore.js';
import { blockchainChecks } from './blockchain.js';
import { fillSeqs } from './checkKit.js';
import { commonChecks } from './common.js';
import { descendantsChecks } from './descendants.js';
import { qcsChecks } from './qcs.js';
import { robotCyclesChecks } from './robotCycles.js';
import type {
  CheckOutcome,
  IntegrityContext,
  IntegrityFinding,
  VerifyOptions,
  VerifyReport,
} from './types.js';
import { wedsyncChecks } from './wedsync.js';

const SYSTEM_CHECKS: Record<SystemId, (ctx: IntegrityContext) => Promise<CheckOutcome[]>> = {
  descendants: descendantsChecks,
  qcs: qcsChecks,
  blockchain: blockchainChecks,
  wedsync: wedsyncChecks,
  'robot-cycles': robotCyclesChecks,
};

const SEVERITY_RANK = { critical: 0, high: 1, medium: 2, low: 3, info: 4 } as const;

/**
 * Every integrity check of sources.md for the archive's system, then the checks every system
 * gets. `ok` is false when any finding shows tampering or loss; observations (`info`) leave it true.
 */
export async function verifyArchive(store: ArchiveStore, options: VerifyOptions = {}): Promise<VerifyReport> {
  const info = (await store.all(`SELECT system, records FROM archive_info`))[0];
  const system = String(info?.['system']) as SystemId;
  const ctx: IntegrityContext = { store, system, options };
  const outcomes = [...(await SYSTEM_CHECKS[system](ctx)), ...(await commonChecks(ctx))];
  const findings = dedupe(outcomes.flatMap((o) => o.findings));
  await fillSeqs(
    store,
    findings.filter((f) => f.block === undefined || f.kind === 'signature_invalid'),
  );
  findings.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER) ||
      (a.block ?? 0) - (b.block ?? 0),
  );
  const checks = outcomes.map((o) => o.check);
  return {
    ok: checks.every((c) => c.ok),
    system,
    records: Number(info?.['records'] ?? 0),
    checks,
    findings,
  };
}

/** Two checks can see the same fault (a reversal in a file and within a cycle): report it once. */
function dedupe(findings: IntegrityFinding[]): IntegrityFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.kind}|${f.sourceId ?? ''}|${f.block ?? ''}|${f.seq ?? ''}|${f.expected ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
