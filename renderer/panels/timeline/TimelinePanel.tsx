import { useState } from 'react';
import type { FormEvent } from 'react';
import { MARKER_KINDS, TimeText } from '../../../analysis/core/src/index.js';
import type { Marker } from '../../../analysis/core/src/index.js';
import { MARKER_COLORS } from '../../charts/DensityChart.js';
import { formatCount, formatTime } from '../../app/format.js';
import { useStudio } from '../../app/studioStore.js';
import { useCall } from '../../app/useCall.js';
import { playheadAtSeq, playheadAtTime } from './playhead.js';
import { useCaseMarkers } from '../annotations/caseMarkers.js';
import { clampDomain, fullDomain, useTimelineView } from './timelineView.js';

/** Exact range entry: the brush to the millisecond, typed rather than dragged. */
function RangeForm() {
  const filter = useStudio((s) => s.filter);
  const patchFilter = useStudio((s) => s.patchFilter);
  const [from, setFrom] = useState(filter.from ?? '');
  const [to, setTo] = useState(filter.to ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    for (const [name, value] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (value && !TimeText.safeParse(value.trim()).success) {
        setProblem(`${name}: expected ISO 8601 (UTC when no offset), e.g. 2026-05-01T08:00:00.250Z`);
        return;
      }
    }
    setProblem(null);
    patchFilter({ from: from.trim() || undefined, to: to.trim() || undefined });
  };
  return (
    <form className="card range-form" onSubmit={submit} aria-label="Time range">
      <h3>Time range of the filter</h3>
      <label>
        from{' '}
        <input value={from} onChange={(e) => setFrom(e.target.value)} placeholder="2026-05-01T08:00:00Z" />
      </label>
      <label>
        to <input value={to} onChange={(e) => setTo(e.target.value)} placeholder="2026-05-01T09:00:00.500Z" />
      </label>
      <button type="submit">apply</button>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

/**
 * The timeline's detail: every marker (findings, snapshots, rollbacks, gaps, annotations,
 * bookmarks, integrity) as a list to step through with the keyboard, the marker kinds shown
 * on the strip, and the filter's range typed to the millisecond.
 */
export function TimelinePanel() {
  const archive = useStudio((s) => s.archive);
  const client = useStudio((s) => s.client);
  const filter = useStudio((s) => s.filter);
  const setPlayhead = useStudio((s) => s.setPlayhead);
  const { hiddenKinds, toggleKind, setDomain } = useTimelineView();
  const markers = useCall('timeline.markers', archive ? { archive: archive.id } : null, { cache: true });
  const caseMarkers = useCaseMarkers();
  if (!archive || !client) return null;
  const full = fullDomain(archive);
  const all = [...(markers.data ?? []), ...caseMarkers].sort((a, b) => a.from.localeCompare(b.from));
  const list = all.filter((m) => !hiddenKinds.includes(m.kind));
  const counts = new Map<string, number>();
  for (const m of all) counts.set(m.kind, (counts.get(m.kind) ?? 0) + 1);

  const goTo = (marker: Marker) => {
    const from = Date.parse(marker.from);
    const to = marker.to ? Date.parse(marker.to) : from;
    const pad = Math.max(1000, (to - from) * 0.5);
    setDomain(clampDomain([from - pad, to + pad], full));
    const moved =
      marker.seq !== undefined
        ? playheadAtSeq(client, archive, marker.seq)
        : playheadAtTime(client, archive, from);
    moved.then(setPlayhead, () => undefined);
  };

  return (
    <div className="panel-body timeline-panel" data-testid="timeline-panel">
      <div className="panel-row">
        <section className="card">
          <h3>Markers on the strip</h3>
          <div className="kind-toggles">
            {MARKER_KINDS.map((kind) => (
              <label key={kind} className="kind-toggle">
                <input
                  type="checkbox"
                  checked={!hiddenKinds.includes(kind)}
                  onChange={() => toggleKind(kind)}
                />
                <span className="swatch" style={{ background: MARKER_COLORS[kind] }} />
                {kind} ({formatCount(counts.get(kind) ?? 0)})
              </label>
            ))}
          </div>
        </section>
        <RangeForm key={`${filter.from ?? ''}|${filter.to ?? ''}`} />
      </div>
      <section className="card grow">
        <h3>
          {formatCount(list.length)} markers {markers.loading && <span className="muted">loading…</span>}
        </h3>
        {markers.error && <p className="error">{markers.error}</p>}
        <table className="grid" data-testid="markers-table">
          <thead>
            <tr>
              <th>kind</th>
              <th>from</th>
              <th>to</th>
              <th>what</th>
            </tr>
          </thead>
          <tbody>
            {list.slice(0, 2000).map((m, i) => (
              <tr key={i}>
                <td>
                  <span className="swatch" style={{ background: MARKER_COLORS[m.kind] }} /> {m.kind}
                </td>
                <td>
                  <button type="button" className="link-button" onClick={() => goTo(m)}>
                    {formatTime(m.from)}
                  </button>
                </td>
                <td>{m.to ? formatTime(m.to) : ''}</td>
                <td className="wrap">{m.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.length > 2000 && <p className="muted">the first 2,000 are listed; narrow by kind</p>}
      </section>
    </div>
  );
}
