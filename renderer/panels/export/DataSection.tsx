import { useState } from 'react';
import { EXPORT_FORMATS } from '../../../analysis/core/src/index.js';
import type { ExportFormat } from '../../../analysis/core/src/index.js';
import { formatTime } from '../../app/format.js';
import { useStudio } from '../../app/studioStore.js';
import { ExportStatus } from './ExportStatus.js';
import { FilterScope } from './FilterScope.js';
import { useExportFile } from './useExportFile.js';

type DataKind = 'events' | 'findings' | 'state' | 'rollback-plan';

const KINDS: { kind: DataKind; label: string }[] = [
  { kind: 'events', label: 'events (filtered)' },
  { kind: 'findings', label: 'findings of the detectors and rules (filtered)' },
  { kind: 'state', label: 'state of every entity at the playhead' },
  { kind: 'rollback-plan', label: 'rollback plan to the playhead' },
];

/**
 * Data files as `chronoscope export --what …` writes them: the events and findings of the
 * filter, the world at the playhead, or the changes that restore a selection to the
 * playhead (JSON, CSV, Parquet, NDJSON; SQL for the source's tables, or a JSON Patch).
 */
export function DataSection() {
  const filter = useStudio((s) => s.filter);
  const playhead = useStudio((s) => s.playhead);
  const run = useExportFile();
  const [kind, setKind] = useState<DataKind>('events');
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [actor, setActor] = useState('');
  const [entity, setEntity] = useState('');
  const formats: readonly ExportFormat[] = EXPORT_FORMATS[kind];
  const chosen = formats.includes(format) ? format : (formats[0] as ExportFormat);
  const at = playhead.at ?? `seq:${playhead.seq}`;
  const busy = run.progress !== null;

  const start = () => {
    if (kind === 'state') run.start({ kind, format: chosen, filter: {}, at });
    else if (kind === 'rollback-plan')
      run.start({
        kind,
        format: chosen,
        filter: {},
        rollback: {
          to: at,
          ...(actor.trim() ? { actor: actor.trim() } : {}),
          ...(entity.trim() ? { entityId: entity.trim() } : {}),
        },
      });
    else run.start({ kind, format: chosen, filter });
  };

  return (
    <section className="cs-card" data-testid="export-data">
      <header className="cs-card-head">
        <h3>Data</h3>
      </header>
      <label className="cs-export-field">
        what
        <select value={kind} onChange={(e) => setKind(e.target.value as DataKind)} data-testid="data-kind">
          {KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      <label className="cs-export-field">
        format
        <select
          value={chosen}
          onChange={(e) => setFormat(e.target.value as ExportFormat)}
          data-testid="data-format"
        >
          {formats.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </label>
      {kind === 'events' || kind === 'findings' ? (
        <FilterScope />
      ) : (
        <p className="cs-export-scope">
          at the playhead:{' '}
          <span className="mono" data-testid="data-at">
            {playhead.at ? formatTime(playhead.at) : `seq ${playhead.seq}`}
          </span>
        </p>
      )}
      {kind === 'rollback-plan' && (
        <>
          <label className="cs-export-field">
            only what this actor changed
            <input value={actor} onChange={(e) => setActor(e.target.value)} data-testid="data-actor" />
          </label>
          <label className="cs-export-field">
            only this entity
            <input value={entity} onChange={(e) => setEntity(e.target.value)} data-testid="data-entity" />
          </label>
        </>
      )}
      <div className="cs-export-actions">
        <button type="button" disabled={busy} onClick={start} data-testid="data-export">
          Export
        </button>
      </div>
      <ExportStatus run={run} testId="data" />
    </section>
  );
}
