import { useRef, useState } from 'react';
import type { DragEvent, FormEvent } from 'react';
import type { ArchiveInfo } from '../../../analysis/core/src/index.js';
import { uploadFile } from '../../client/index.js';
import { formatCount, formatTime } from '../../app/format.js';
import { useStudio } from '../../app/studioStore.js';
import { useCall } from '../../app/useCall.js';
import { ImportProgress } from './ImportProgress.js';
import { RejectsTable } from './RejectsTable.js';
import { useImport } from './importStore.js';
import './open.css';

function PathForm({ onOpen, busy }: { onOpen(path: string): void; busy: boolean }) {
  const [path, setPath] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (path.trim()) onOpen(path.trim());
  };
  return (
    <form className="path-form" onSubmit={submit}>
      <input
        value={path}
        onChange={(e) => setPath(e.target.value)}
        placeholder="/path/to/export (directory, .zip, .ndjson, .csv, .json, .gz, .auditpack)"
        aria-label="Path of an archive on this machine"
        data-testid="open-path"
      />
      <button type="submit" disabled={busy}>
        open
      </button>
    </form>
  );
}

/**
 * Where an investigation starts: the bundled demos one click away, a file picked or dropped
 * (browser mode uploads a copy), a path, the recent archives; the import's progress; the
 * records it rejected.
 */
export function OpenPanel() {
  const client = useStudio((s) => s.client);
  const archive = useStudio((s) => s.archive);
  const setArchive = useStudio((s) => s.setArchive);
  const { opening, error, open, openFile } = useImport();
  const demos = useCall('archive.demos', {});
  const recent = useCall('archive.recent', {});
  const [dragging, setDragging] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  if (!client) return null;

  const done = (info: ArchiveInfo) => setArchive(info);
  const openPath = (path: string) => void open(client, path, done);
  const openLocal = (file: File | undefined) => {
    if (file) void openFile(client, file, uploadFile, done);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    openLocal(event.dataTransfer.files[0]);
  };

  return (
    <div
      className={`panel-body open-panel${dragging ? ' dragging' : ''}`}
      data-testid="open-panel"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <ImportProgress />
      {error && (
        <p className="error" role="alert" data-testid="open-error">
          {error}
        </p>
      )}
      <div className="open-grid">
        <section className="card" aria-label="Demo archives">
          <h3>Bundled demos</h3>
          {demos.error && <p className="error">{demos.error}</p>}
          <div className="demo-list">
            {(demos.data ?? []).map((demo) => (
              <button
                type="button"
                key={demo.path}
                className="demo"
                data-testid={`open-demo-${demo.system}`}
                disabled={opening !== null}
                onClick={() => openPath(demo.path)}
                title={demo.path}
              >
                <span className="badge system">{demo.system}</span>
                {demo.name !== demo.system && <span>{demo.name}</span>}
                <span className="muted mono demo-path">
                  <bdi dir="ltr">{demo.path}</bdi>
                </span>
              </button>
            ))}
          </div>
        </section>
        <section className="card drop-zone" aria-label="Open a file">
          <h3>Open an export</h3>
          <p className="muted">
            Drop a file here, or choose one. A copy is read; the evidence is never changed. Its sha256 is
            shown and recorded.
          </p>
          <input
            ref={picker}
            type="file"
            className="visually-hidden"
            data-testid="open-file"
            onChange={(e) => openLocal(e.target.files?.[0])}
            accept=".zip,.gz,.ndjson,.jsonl,.json,.csv,.auditpack"
          />
          <button type="button" onClick={() => picker.current?.click()} disabled={opening !== null}>
            choose a file…
          </button>
          <h3>Or a path on this machine</h3>
          <PathForm onOpen={openPath} busy={opening !== null} />
        </section>
        <section className="card" aria-label="Recent archives">
          <h3>Recent</h3>
          {recent.data?.length === 0 && <p className="muted">Nothing opened yet.</p>}
          <ul className="recent-list">
            {(recent.data ?? []).map((r) => (
              <li key={`${r.sha256}${r.path}`}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => openPath(r.path)}
                  disabled={opening !== null}
                >
                  <span className="badge system">{r.system}</span> <span className="mono">{r.path}</span>
                </button>
                <span className="muted">
                  opened {formatTime(r.openedAt)} · sha256 {r.sha256.slice(0, 12)}…
                </span>
              </li>
            ))}
          </ul>
        </section>
      </div>
      {archive && (
        <section className="card" aria-label="Open archive">
          <h3>Open now</h3>
          <p>
            <span className="badge system">{archive.system}</span>{' '}
            <span className="mono">{archive.path}</span> · {formatCount(archive.records)} events from{' '}
            {formatCount(archive.files.length)} files
            {archive.fromCache ? ' (from the cache)' : ''}
          </p>
        </section>
      )}
      {archive && <RejectsTable archive={archive} />}
    </div>
  );
}
