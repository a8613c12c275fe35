import { useEffect, useRef } from 'react';
import { PANELS } from '../panels/registry.js';
import { POINTER_GESTURES, SHORTCUTS, TABLE_SHORTCUTS } from './shortcuts.js';
import type { ShortcutDoc } from './shortcuts.js';
import { useCall } from './useCall.js';
import './help.css';

function Keys({ title, rows }: { title: string; rows: ShortcutDoc[] }) {
  return (
    <section>
      <h3>{title}</h3>
      <dl className="keys">
        {rows.map((row) => (
          <div key={row.keys}>
            <dt>
              <kbd>{row.keys}</kbd>
            </dt>
            <dd>{row.does}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** Every shortcut, and what each detector measures (its exact statistic, from the service). */
export function HelpOverlay({ onClose }: { onClose(): void }) {
  const detectors = useCall('analyze.detectors', {}, { cache: true });
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  const panelKeys = PANELS.filter((p) => p.key).map((p) => ({ keys: p.key ?? '', does: `open ${p.title}` }));
  return (
    <div className="overlay" role="presentation" onClick={onClose}>
      <div
        className="help"
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts and help"
        data-testid="help-overlay"
        onClick={(e) => e.stopPropagation()}
      >
        <div className="help-bar">
          <h2>Keyboard shortcuts and help</h2>
          <button ref={closeRef} type="button" onClick={onClose} aria-label="Close the help (Escape)">
            close
          </button>
        </div>
        <div className="help-columns">
          <div>
            <Keys title="Panels" rows={panelKeys} />
            <Keys title="Everywhere" rows={SHORTCUTS} />
            <Keys title="Events table" rows={TABLE_SHORTCUTS} />
            <Keys title="Timeline with a pointer" rows={POINTER_GESTURES} />
          </div>
          <section className="detector-docs" data-testid="detector-docs">
            <h3>What each detector measures</h3>
            {detectors.error && <p className="error">{detectors.error}</p>}
            <dl>
              {(detectors.data ?? []).map((d) => (
                <div key={d.id} className="detector-doc">
                  <dt>
                    <span className="mono">{d.id}</span> · {d.title}
                  </dt>
                  <dd>{d.statistic}</dd>
                </div>
              ))}
            </dl>
          </section>
        </div>
      </div>
    </div>
  );
}
