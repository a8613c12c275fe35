import { useEffect } from 'react';
import { PANELS } from '../panels/registry.js';
import { bookmarkPlayhead } from '../panels/annotations/index.js';
import {
  clampDomain,
  fullDomain,
  panDomain,
  playheadAtSeq,
  useTimelineView,
  zoomDomain,
} from '../panels/timeline/index.js';
import { useReplay } from './replayStore.js';
import { useStudio } from './studioStore.js';

export interface ShortcutDoc {
  keys: string;
  does: string;
}

/** What the help overlay lists besides each panel's key; the handler below implements these. */
export const SHORTCUTS: ShortcutDoc[] = [
  { keys: '?', does: 'show or hide this help' },
  { keys: 'Esc', does: 'close the help or the event detail; leave a text field' },
  { keys: '/', does: 'search text in event values (opens Events)' },
  { keys: 'x', does: 'clear the whole filter' },
  { keys: '+ / -', does: 'zoom the timeline in / out' },
  { keys: '[ / ]', does: 'pan the timeline earlier / later (in Replay: slower / faster)' },
  { keys: '0', does: 'show the whole archive on the timeline' },
  { keys: 'b', does: 'zoom the timeline to the brushed range' },
  { keys: ', / .', does: 'move the playhead to the previous / next event' },
  { keys: 'm', does: 'bookmark the playhead (kept in the case file)' },
  { keys: 'space', does: 'play or pause the replay' },
  { keys: '← / →', does: 'replay: step one event back / forwards' },
];

export const TABLE_SHORTCUTS: ShortcutDoc[] = [
  { keys: '↑ ↓ or k j', does: 'previous / next event (its detail opens beside the table)' },
  { keys: 'Page Up / Page Down, Home / End', does: 'move a screen, or to the first / last row' },
  { keys: 'click a column header', does: 'sort ascending, descending, then off' },
];

export const POINTER_GESTURES: ShortcutDoc[] = [
  { keys: 'drag on the timeline', does: 'brush a time range: every panel filters to it' },
  { keys: 'click on the timeline', does: 'move the playhead there' },
  { keys: 'wheel / shift+wheel', does: 'zoom around the pointer / pan' },
  { keys: 'click or drag the thin band', does: 'move the view (the band is the whole archive)' },
];

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function timelineMove(
  change: (view: [number, number], full: [number, number]) => [number, number] | null,
): void {
  const archive = useStudio.getState().archive;
  if (!archive) return;
  const full = fullDomain(archive);
  const { domain, setDomain } = useTimelineView.getState();
  setDomain(change(domain ?? full, full));
}

function stepPlayhead(delta: number): void {
  const { client, archive, playhead, setPlayhead } = useStudio.getState();
  if (!client || !archive) return;
  playheadAtSeq(client, archive, playhead.seq + delta).then(setPlayhead, () => undefined);
}

/** Space and the arrows drive the replay once it is open (the events table takes its own arrows first). */
function replayKeys(): Record<string, () => void> {
  const replay = useReplay.getState();
  if (!replay.replay) return {};
  return {
    ' ': replay.toggle,
    ArrowLeft: () => void replay.stepBack(),
    ArrowRight: () => void replay.stepForward(),
  };
}

/** The studio's keys, on the window; a focused widget (the table, a text field) gets its keys first. */
export function useShortcuts(help: { open: boolean; toggle(): void; close(): void }): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      const studio = useStudio.getState();
      if (event.key === 'Escape') {
        if (typingIn(event.target)) (event.target as HTMLElement).blur();
        else if (help.open) help.close();
        else if (studio.selectedSeq !== null) studio.selectEvent(null);
        return;
      }
      if (typingIn(event.target)) return;
      const inReplay = studio.activePanel === 'replay' && useReplay.getState().replay !== null;
      const actions: Record<string, () => void> = {
        '?': help.toggle,
        x: studio.clearFilter,
        '/': () => {
          if (!studio.archive) return;
          studio.openPanel('events');
          requestAnimationFrame(() => document.getElementById('events-search')?.focus());
        },
        '+': () => timelineMove((v, f) => zoomDomain(v, f, 0.5)),
        '=': () => timelineMove((v, f) => zoomDomain(v, f, 0.5)),
        '-': () => timelineMove((v, f) => zoomDomain(v, f, 2)),
        '[': () =>
          inReplay ? useReplay.getState().slower() : timelineMove((v, f) => panDomain(v, f, -0.25)),
        ']': () => (inReplay ? useReplay.getState().faster() : timelineMove((v, f) => panDomain(v, f, 0.25))),
        ...replayKeys(),
        '0': () => timelineMove(() => null),
        b: () =>
          timelineMove((v, f) => {
            const { from, to } = studio.filter;
            return from || to
              ? clampDomain([from ? Date.parse(from) : f[0], to ? Date.parse(to) : f[1]], f)
              : v;
          }),
        ',': () => stepPlayhead(-1),
        '.': () => stepPlayhead(1),
        m: () => void bookmarkPlayhead(),
      };
      const panel = PANELS.find((p) => p.key === event.key);
      const action =
        actions[event.key] ??
        (panel && (!panel.needsArchive || studio.archive) ? () => studio.openPanel(panel.id) : undefined);
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [help]);
}
