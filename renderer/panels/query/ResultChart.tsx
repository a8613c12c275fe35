import { useMemo, useState } from 'react';
import { BarChart } from '../../charts/bar/index.js';
import type { ChartPoint } from '../../charts/bar/index.js';
import { cellNumber, cellText } from './queryTable.js';
import type { QueryRows } from './queryTable.js';

/** Two columns of a result as a bar or line chart; the y column must be numeric. */
export function ResultChart({ result }: { result: QueryRows }) {
  const numeric = result.columns
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.kind === 'number' || c.kind === 'bigint');
  const [xIndex, setX] = useState(0);
  const [yIndex, setY] = useState(numeric.find(({ i }) => i !== 0)?.i ?? numeric[0]?.i ?? 0);
  const xCol = result.columns[xIndex];
  const yCol = result.columns[yIndex];
  const xKind =
    xCol?.kind === 'time'
      ? 'time'
      : xCol?.kind === 'number' || xCol?.kind === 'bigint'
        ? 'number'
        : 'category';
  const [kind, setKind] = useState<'bar' | 'line'>(xKind === 'time' ? 'line' : 'bar');
  const points = useMemo<ChartPoint[]>(() => {
    if (!xCol || !yCol) return [];
    const out: ChartPoint[] = [];
    for (const row of result.rows) {
      const y = cellNumber(row[yIndex]);
      if (y === null) continue;
      const rawX = row[xIndex];
      const x = xKind === 'category' ? cellText(rawX, xCol.kind) : cellNumber(rawX);
      if (x === null) continue;
      out.push({ x, y });
    }
    return out;
  }, [result, xIndex, yIndex, xCol, yCol, xKind]);

  if (numeric.length === 0)
    return (
      <div className="cs-chart-status cs-chart-empty">
        a chart needs a numeric column; this result has none
      </div>
    );
  const lineable = xKind !== 'category';
  return (
    <div className="cs-result-chart" data-testid="query-chart">
      <div className="cs-card-head">
        <label>
          x{' '}
          <select value={xIndex} onChange={(e) => setX(Number(e.target.value))} data-testid="chart-x">
            {result.columns.map((c, i) => (
              <option key={c.name} value={i}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          y{' '}
          <select value={yIndex} onChange={(e) => setY(Number(e.target.value))} data-testid="chart-y">
            {numeric.map(({ c, i }) => (
              <option key={c.name} value={i}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="radio" checked={kind === 'bar' || !lineable} onChange={() => setKind('bar')} /> bars
        </label>
        <label title={lineable ? '' : 'a line needs a numeric or time x column'}>
          <input
            type="radio"
            disabled={!lineable}
            checked={kind === 'line' && lineable}
            onChange={() => setKind('line')}
          />{' '}
          line
        </label>
      </div>
      {points.length === 0 ? (
        <div className="cs-chart-status cs-chart-empty">no rows with a value in both columns</div>
      ) : (
        <BarChart
          points={points}
          kind={lineable ? kind : 'bar'}
          xKind={xKind}
          xTitle={xCol?.name ?? ''}
          yTitle={yCol?.name ?? ''}
        />
      )}
    </div>
  );
}
