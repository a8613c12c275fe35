import { useCallback, useMemo, useState } from 'react';
import { PANELS } from '../panels/registry.js';
import { OpenPanel } from '../panels/open/index.js';
import { TimelineStrip } from '../panels/timeline/index.js';
import { Header } from './Header.js';
import { HelpOverlay } from './HelpOverlay.js';
import { useAppCommands } from './useAppCommands.js';
import { useShortcuts } from './shortcuts.js';
import { useStudio } from './studioStore.js';

function Navigation({ hasArchive }: { hasArchive: boolean }) {
  const active = useStudio((s) => s.activePanel);
  const openPanel = useStudio((s) => s.openPanel);
  return (
    <nav className="nav" aria-label="Panels">
      <ul>
        {PANELS.map((panel) => {
          const disabled = panel.needsArchive && !hasArchive;
          return (
            <li key={panel.id}>
              <button
                type="button"
                className={panel.id === active ? 'nav-item active' : 'nav-item'}
                aria-current={panel.id === active ? 'page' : undefined}
                disabled={disabled}
                onClick={() => openPanel(panel.id)}
                data-testid={`nav-${panel.id}`}
                title={panel.key ? `${panel.title} (${panel.key})` : panel.title}
              >
                <span>{panel.title}</span>
                {panel.key && <kbd>{panel.key}</kbd>}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/**
 * The studio's frame: the archive's identity and the filter on top, the timeline strip
 * (brush and playhead of every panel) under it, the panels on the left, the active one
 * filling the rest.
 */
export function Shell() {
  const archive = useStudio((s) => s.archive);
  const activePanel = useStudio((s) => s.activePanel);
  const [helpOpen, setHelpOpen] = useState(false);
  const help = useMemo(
    () => ({ open: helpOpen, toggle: () => setHelpOpen((o) => !o), close: () => setHelpOpen(false) }),
    [helpOpen],
  );
  useShortcuts(help);
  const showHelp = useCallback(() => setHelpOpen(true), []);
  useAppCommands(showHelp);

  const panel = PANELS.find((p) => p.id === activePanel);
  const usable = panel && (!panel.needsArchive || archive);
  const Active = usable ? panel.component : OpenPanel;
  const title = usable ? panel.title : 'Open';

  return (
    <div className={archive ? 'shell' : 'shell no-archive'}>
      <Header onHelp={help.toggle} />
      {archive && <TimelineStrip key={archive.id} archive={archive} />}
      <Navigation hasArchive={archive !== null} />
      <main className="panel" aria-label={title} data-panel={usable ? panel.id : 'open'}>
        <h2 className="panel-title">{title}</h2>
        <Active />
      </main>
      {helpOpen && <HelpOverlay onClose={help.close} />}
    </div>
  );
}
