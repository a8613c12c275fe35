import type { FindingShape } from '../../../analysis/core/src/index.js';
import { formatCount, formatRange, truncate } from '../../charts/chartKit/index.js';

/** One finding; the whole row is a button that lands on its evidence. */
export function FindingRow({
  finding,
  onOpen,
}: {
  finding: FindingShape;
  onOpen: (f: FindingShape) => void;
}) {
  const f = finding;
  const range = formatRange(f.from, f.to);
  return (
    <li
      className="cs-finding"
      data-testid="finding"
      data-detector={f.detector}
      data-severity={f.severity}
      data-evidence={f.evidence.length}
    >
      <button
        type="button"
        className="cs-finding-button"
        onClick={() => onOpen(f)}
        title="open its evidence in Events"
      >
        <span className={`cs-severity cs-severity-${f.severity}`}>{f.severity}</span>
        <span className="cs-finding-detector">{f.detector}</span>
        <span className="cs-finding-score" title="score (the detector's statistic)">
          score {formatCount(Math.round(f.score * 100) / 100)}
        </span>
        <span className="cs-finding-actor" title={f.actor ?? ''}>
          {f.actor ? truncate(f.actor, 24) : '—'}
        </span>
        <span className="cs-finding-range">{range}</span>
        <span className="cs-finding-count">
          {plural(f.count, 'event')}
          {f.evidence.length !== f.count ? ` · ${plural(f.evidence.length, 'evidence row')}` : ''}
        </span>
        <span className="cs-finding-summary">{f.summary}</span>
      </button>
    </li>
  );
}

function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}
