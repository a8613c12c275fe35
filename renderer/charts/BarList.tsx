import { scaleLinear } from 'd3';
import { formatCount } from '../app/format.js';
import './barList.css';

export interface BarItem {
  key: string;
  count: number;
}

/**
 * A ranked list of counts as horizontal bars (the d3 scale sizes them; React draws them, so
 * labels stay text). Clicking a bar adds its key to the shared filter; selected keys are lit.
 */
export function BarList({
  title,
  items,
  selected,
  onPick,
  testId,
}: {
  title: string;
  items: BarItem[];
  selected?: readonly string[];
  onPick?(key: string): void;
  testId?: string;
}) {
  const max = items.reduce((m, item) => Math.max(m, item.count), 0);
  const width = scaleLinear()
    .domain([0, max || 1])
    .range([0, 100]);
  return (
    <section className="card bar-list" data-testid={testId}>
      <h3>{title}</h3>
      {items.length === 0 && <p className="muted">nothing in this filter</p>}
      <ol>
        {items.map((item) => {
          const lit = selected?.includes(item.key) ?? false;
          return (
            <li key={item.key}>
              <button
                type="button"
                className={lit ? 'bar-row lit' : 'bar-row'}
                onClick={onPick ? () => onPick(item.key) : undefined}
                disabled={!onPick}
                title={`${item.key}: ${formatCount(item.count)}`}
              >
                <span className="bar-fill" style={{ width: `${width(item.count)}%` }} />
                <span className="bar-key">{item.key === '' ? '(none)' : item.key}</span>
                <span className="bar-count">{formatCount(item.count)}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
