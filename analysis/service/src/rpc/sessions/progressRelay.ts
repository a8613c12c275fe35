import type { ImportProgressPayload } from '../../../../core/src/index.js';
import type { ImportProgress, ProgressListener } from '../../../../engine/src/index.js';

/**
 * Turns the engine's import progress into `import.progress` payloads. `done`/`total` are the
 * engine's own units: bytes while hashing, reading and mapping (DuckDB reports mapping as a
 * share of the bytes), so `rate` is in the same unit per second of the current phase (records
 * are only known once mapped: from then on `records` says how many). `etaSeconds` is the time
 * left in the current phase at that rate, null when the phase has no known size.
 */
export function progressRelay(
  path: string,
  push: (payload: ImportProgressPayload) => void,
): ProgressListener {
  let phase = '';
  let phaseStarted = 0;
  return (p: ImportProgress) => {
    const now = performance.now();
    if (p.phase !== phase) {
      phase = p.phase;
      phaseStarted = now;
    }
    const seconds = (now - phaseStarted) / 1000;
    const rate = seconds > 0.05 ? p.bytes / seconds : 0;
    const total = p.bytesTotal > 0 ? p.bytesTotal : null;
    const left = total === null ? null : Math.max(0, total - p.bytes);
    push({
      path,
      phase: p.phase,
      done: p.bytes,
      total,
      records: p.records,
      rejected: p.rejected,
      rate,
      etaSeconds: p.phase === 'done' ? 0 : left !== null && rate > 0 ? left / rate : null,
    });
  };
}
