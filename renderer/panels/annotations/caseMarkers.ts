import { useMemo } from 'react';
import type { Marker } from '../../../analysis/core/src/index.js';
import { useCase } from '../../app/caseStore.js';

/**
 * The case's annotations and bookmarks as timeline markers: the service's markers come from
 * the evidence, these from the case file, and the timeline shows both.
 */
export function useCaseMarkers(): Marker[] {
  const annotations = useCase((s) => s.annotations);
  const bookmarks = useCase((s) => s.bookmarks);
  const branches = useCase((s) => s.branches);
  return useMemo(() => {
    const branchName = (id: string | null) =>
      id === null ? '' : ` [${branches.find((b) => b.id === id)?.name ?? 'branch'}]`;
    const out: Marker[] = annotations.map((a) => ({
      kind: 'annotation',
      from: a.at,
      ...(a.to ? { to: a.to } : {}),
      ...(a.seq !== undefined ? { seq: a.seq } : {}),
      label: `${a.text}${branchName(a.branch)}`,
    }));
    for (const b of bookmarks) {
      out.push({
        kind: 'bookmark',
        from: b.at,
        seq: b.seq,
        label: `${b.label || 'bookmark'}${branchName(b.branch)}`,
      });
    }
    return out;
  }, [annotations, bookmarks, branches]);
}
