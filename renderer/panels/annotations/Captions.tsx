import { useCase } from '../../app/caseStore.js';
import { useReplay } from '../../app/replayStore.js';
import { useStudio } from '../../app/studioStore.js';
import type { AnnotationEntry } from './caseEntries.js';
import './annotations.css';

/** A point annotation stays on screen this long in wall time, whatever the speed. */
const CAPTION_WALL_MS = 4000;

/** The annotations a viewer should read at event time `t` (ms), when played at `speed`. */
export function captionsAt(
  annotations: readonly AnnotationEntry[],
  branch: string | null,
  t: number,
  speed: number,
): AnnotationEntry[] {
  const linger = Math.max(2000, CAPTION_WALL_MS * speed);
  return annotations.filter((a) => {
    if (a.branch !== branch) return false;
    const from = Date.parse(a.at);
    const to = a.to ? Date.parse(a.to) : from + linger;
    return from <= t && t <= to;
  });
}

/**
 * Captions over a replay: the annotations at the playhead, like subtitles. Mounted by the
 * Replay panel (the original) and by the branch views (that branch's annotations).
 */
export function Captions({ branch = null }: { branch?: string | null }) {
  const annotations = useCase((s) => s.annotations);
  const at = useStudio((s) => s.playhead.at);
  const speed = useReplay((s) => s.speed);
  if (!at) return null;
  const shown = captionsAt(annotations, branch, Date.parse(at), speed).slice(-3);
  if (shown.length === 0) return null;
  return (
    <div className="replay-captions" data-testid="replay-captions" aria-live="polite">
      {shown.map((a) => (
        <p key={a.id} className="replay-caption">
          {a.text}
          <span className="caption-author">{a.author ? ` — ${a.author}` : ''}</span>
        </p>
      ))}
    </div>
  );
}
