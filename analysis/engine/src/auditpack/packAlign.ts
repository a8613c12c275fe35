import type { FindingSink } from '../integrity/checkKit.js';

/**
 * Places each record of records.ndjson against the leaf hashes the signatures vouch for, and
 * names every difference: records in their place are anchors (the longest run in signed
 * order); a record out of that run was `reordered`, and so is an anchor whose neighbours on
 * both sides are not the ones it was signed between (the other half of a swap); between anchors, a missing signed leaf
 * and an unknown record side by side are one `modified` record, a signed leaf alone is
 * `deleted`, a record alone is `inserted`; signed leaves missing after the last record are
 * `truncated`.
 */
export function alignRecords(
  expected: readonly (Buffer | null)[],
  actual: readonly Buffer[],
  sink: FindingSink,
): void {
  // The usual case, an intact pack: every record is its signed leaf, in place.
  if (
    expected.length === actual.length &&
    expected.every((h, i) => h !== null && h.equals(actual[i] as Buffer))
  )
    return;
  const where = new Map<string, number[]>();
  expected.forEach((h, i) => {
    if (h === null) return;
    const key = h.toString('hex');
    const list = where.get(key);
    if (list) list.push(i);
    else where.set(key, [i]);
  });
  const matched = actual.map((h) => where.get(h.toString('hex'))?.shift() ?? -1);
  const anchors = longestIncreasing(matched);
  const isAnchor = new Set(anchors);
  const used = new Set(matched.filter((m) => m >= 0));
  const displaced = outOfPlace(matched);
  for (const [j, m] of matched.entries()) {
    if (m >= 0 && (!isAnchor.has(j) || displaced.has(j)))
      sink.add({
        kind: 'reordered',
        severity: 'critical',
        seq: m,
        actual: `line ${j}`,
        expected: `line ${m}`,
        detail: `record ${m} is at line ${j}: moved out of its signed place`,
      });
  }
  // Walk the gaps between consecutive anchors (and before the first, after the last).
  const bounds = [
    ...anchors.map((j) => ({ j, m: matched[j] as number })),
    { j: actual.length, m: expected.length },
  ];
  let prev = { j: -1, m: -1 };
  for (const next of bounds) {
    const missing: number[] = [];
    for (let m = prev.m + 1; m < next.m; m++) if (!used.has(m) && expected[m] !== null) missing.push(m);
    const extra: number[] = [];
    for (let j = prev.j + 1; j < next.j; j++) if (matched[j] === -1) extra.push(j);
    const pairs = Math.min(missing.length, extra.length);
    for (let k = 0; k < pairs; k++) {
      const m = missing[k] as number;
      const j = extra[k] as number;
      sink.add({
        kind: 'modified',
        severity: 'critical',
        seq: m,
        expected: expected[m]?.toString('hex'),
        actual: actual[j]?.toString('hex'),
        detail: `record ${m} (line ${j}): its bytes differ from the signed leaf`,
      });
    }
    const lost = missing.slice(pairs);
    const atEnd =
      next.j === actual.length &&
      extra.length <= pairs &&
      lost.length > 0 &&
      lost.at(-1) === expected.length - 1;
    if (atEnd) {
      sink.add({
        kind: 'truncated',
        severity: 'critical',
        seq: lost[0],
        expected: `${expected.length} records`,
        actual: `${actual.length} records`,
        detail: `records ${lost[0]} to ${expected.length - 1} are missing at the end`,
      });
    } else {
      for (const m of lost)
        sink.add({
          kind: 'deleted',
          severity: 'critical',
          seq: m,
          expected: expected[m]?.toString('hex'),
          detail: `record ${m} is missing`,
        });
    }
    for (const j of extra.slice(pairs))
      sink.add({
        kind: 'inserted',
        severity: 'critical',
        // Its position: an inserted record has no signed seq of its own.
        seq: j,
        actual: actual[j]?.toString('hex'),
        detail: `line ${j} is no record the pack signed: inserted`,
      });
    prev = next;
  }
}

/**
 * Lines whose record has neither the signed record before it nor the one after it as its
 * neighbour (among the records present). A moved record shows up in the longest run's
 * complement; of two records swapped side by side only one does, and this finds the other.
 */
function outOfPlace(matched: readonly number[]): Set<number> {
  const lines = matched.flatMap((m, j) => (m >= 0 ? [j] : []));
  const order = lines.map((j) => matched[j] as number).sort((a, b) => a - b);
  const rank = new Map(order.map((m, k) => [m, k]));
  const out = new Set<number>();
  lines.forEach((j, k) => {
    const r = rank.get(matched[j] as number) as number;
    const before = k > 0 ? matched[lines[k - 1] as number] : undefined;
    const after = k + 1 < lines.length ? matched[lines[k + 1] as number] : undefined;
    if (before !== order[r - 1] && after !== order[r + 1]) out.add(j);
  });
  return out;
}

/** Indexes (into `values`) of a longest strictly increasing subsequence of the non-negative values. */
function longestIncreasing(values: readonly number[]): number[] {
  const tails: number[] = [];
  const parent = new Array<number>(values.length).fill(-1);
  for (const [i, v] of values.entries()) {
    if (v < 0) continue;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if ((values[tails[mid] as number] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) parent[i] = tails[lo - 1] as number;
    tails[lo] = i;
  }
  const out: number[] = [];
  for (let i = tails.at(-1) ?? -1; i >= 0; i = parent[i] as number) out.push(i);
  return out.reverse();
}
