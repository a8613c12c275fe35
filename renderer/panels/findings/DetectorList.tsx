import type { AnalyzeResultShape, DetectorDoc } from '../../../analysis/core/src/index.js';

export interface DetectorListProps {
  counts: AnalyzeResultShape['detectors'];
  docs: DetectorDoc[];
  /** The detector whose findings alone are listed, or null for all. */
  selected: string | null;
  onSelect: (id: string | null) => void;
}

/** Every detector with its number of findings and what it measures (its exact statistic). */
export function DetectorList({ counts, docs, selected, onSelect }: DetectorListProps) {
  const doc = new Map(docs.map((d) => [d.id, d]));
  const ids = [...new Set([...counts.map((c) => c.id), ...docs.map((d) => d.id)])];
  const count = new Map(counts.map((c) => [c.id, c.findings]));
  return (
    <ul className="cs-detectors" aria-label="Detectors">
      <li>
        <button
          type="button"
          className={selected === null ? 'cs-detector cs-selected' : 'cs-detector'}
          onClick={() => onSelect(null)}
        >
          <span className="cs-detector-title">all detectors</span>
          <span className="cs-detector-count">{counts.reduce((a, c) => a + c.findings, 0)}</span>
        </button>
      </li>
      {ids.map((id) => (
        <li key={id}>
          <button
            type="button"
            className={selected === id ? 'cs-detector cs-selected' : 'cs-detector'}
            onClick={() => onSelect(selected === id ? null : id)}
            data-testid={`detector-${id}`}
          >
            <span className="cs-detector-title">
              {id}
              {doc.get(id)?.title ? ` — ${doc.get(id)?.title}` : ''}
            </span>
            <span className="cs-detector-count">{count.get(id) ?? 0}</span>
            {doc.get(id) && <span className="cs-detector-doc">{doc.get(id)?.statistic}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
