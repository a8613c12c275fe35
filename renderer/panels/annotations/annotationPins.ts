import { useMemo } from 'react';
import type { Replay } from '../../../analysis/core/src/index.js';
import { useCase } from '../../app/caseStore.js';
import type { ViewportPin } from '../../viewport/index.js';
import type { AnnotationEntry } from './caseEntries.js';

/** Where an annotation stands in the world: its entity's place now, else the place it recorded. */
export function pinPosition(replay: Replay, a: AnnotationEntry): [number, number, number] | null {
  if (a.entity) {
    const { entityType, entityId } = a.entity;
    const i = entityType === null ? undefined : replay.world.instanceOf(entityType, entityId);
    if (i !== undefined) {
      const p = replay.world.arrays.position;
      return [p[i * 3] ?? 0, (p[i * 3 + 1] ?? 0) + 1.2, p[i * 3 + 2] ?? 0];
    }
  }
  return a.position ?? null;
}

const short = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);

/** The annotations of one branch (null: the original) that have a place, as viewport pins. */
export function useAnnotationPins(replay: Replay | null, branch: string | null, version = 0): ViewportPin[] {
  const annotations = useCase((s) => s.annotations);
  return useMemo(() => {
    if (!replay) return [];
    const pins: ViewportPin[] = [];
    for (const a of annotations) {
      if (a.branch !== branch) continue;
      const position = pinPosition(replay, a);
      if (position) pins.push({ id: a.id, position, label: `✎ ${short(a.text)}` });
    }
    return pins;
    // `version`: entities appear as the replay plays, and a pin follows its entity.
  }, [replay, annotations, branch, version]);
}
