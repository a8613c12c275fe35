import type { FindingShape } from '../../../analysis/core/src/index.js';
import { useStudio } from '../../app/studioStore.js';
import { MAX_EVIDENCE } from './findingsOrder.js';

/**
 * Lands on a finding's evidence: the filter becomes exactly its events (nothing else, so the
 * Events panel shows all of them), the playhead goes to its start, its first event is
 * selected, and the Events panel opens.
 */
export function openFinding(f: FindingShape): void {
  const studio = useStudio.getState();
  studio.clearFilter();
  studio.patchFilter({ seqs: f.evidence.slice(0, MAX_EVIDENCE) });
  const first = f.evidence[0];
  studio.setPlayhead({ seq: first ?? 0, at: f.from });
  if (first !== undefined) studio.selectEvent(first);
  studio.openPanel('events');
}
