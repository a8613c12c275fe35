import { EntityStates, entityKey, planRollback } from '../../../core/src/index.js';
import type {
  RollbackChange,
  RollbackConflict,
  RollbackSelection,
  TimeSpec,
  Touch,
} from '../../../core/src/index.js';
import type { TimeTravel } from './TimeTravel.js';

export interface RollbackPlan {
  target: { at: string | null; seq: number } & RollbackSelection;
  changes: RollbackChange[];
  conflicts: RollbackConflict[];
}

/**
 * The plan to restore a selection to its state at `to`: the state there, then one pass over
 * every later event that records who touched what while folding on to the end.
 */
export async function rollbackPlan(
  travel: TimeTravel,
  to: TimeSpec,
  selection: RollbackSelection,
): Promise<RollbackPlan> {
  const point = await travel.resolve(to);
  const atTarget = await travel.statesAt(point.seq);
  const atEnd = new EntityStates(atTarget.entities.values());
  const touches = new Map<string, Touch[]>();
  await travel.fold(atEnd, point.seq, travel.lastSeq, (event, effects) => {
    for (const e of effects) {
      const key = entityKey(e.entityType, e.entityId);
      let list = touches.get(key);
      if (!list) touches.set(key, (list = []));
      list.push({ seq: event.seq, actor: event.actor ?? null, action: event.action });
    }
  });
  const { changes, conflicts } = planRollback({
    atTarget: atTarget.entities,
    atEnd: atEnd.entities,
    touches,
    selection,
  });
  return { target: { at: point.at, seq: point.seq, ...selection }, changes, conflicts };
}
