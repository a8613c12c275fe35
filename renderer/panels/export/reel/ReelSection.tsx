import './reel.css';
import { useState } from 'react';
import { useCase } from '../../../app/caseStore.js';
import { useStudio } from '../../../app/studioStore.js';
import { titleLine } from './planReel.js';
import { useReelJob } from './reelJob.js';
import type { ReelSourceKind } from './reelJob.js';
import { ReelOutcome } from './ReelOutcome.js';
import { ReelProgressBar } from './ReelProgressBar.js';
import { TitleField } from '../TitleField.js';

export const REEL_SIZES = [
  { label: '640×360', width: 640, height: 360 },
  { label: '1280×720', width: 1280, height: 720 },
  { label: '1920×1080', width: 1920, height: 1080 },
] as const;
export const REEL_FPS = [24, 30, 60] as const;

/**
 * Highlight reels: chosen ranges of the replay rendered frame by frame into a WebM video, with
 * a title card per range, the event time and the annotations' captions on every frame.
 */
export function ReelSection() {
  const filter = useStudio((s) => s.filter);
  const annotations = useCase((s) => s.annotations);
  const job = useReelJob();
  const [source, setSource] = useState<ReelSourceKind>('range');
  const [size, setSize] = useState(1);
  const [fps, setFps] = useState<number>(30);
  const [mode, setMode] = useState<'duration' | 'speed'>('duration');
  const [duration, setDuration] = useState('30');
  const [speed, setSpeed] = useState('100');
  const [findings, setFindings] = useState('3');
  const [title, setTitle] = useState('');
  const [unchecked, setUnchecked] = useState<ReadonlySet<string>>(new Set());
  const original = annotations.filter((a) => a.branch === null);
  const busy = job.status === 'rendering';
  const brushed = filter.from && filter.to ? `${filter.from} → ${filter.to}` : null;

  const render = () => {
    const { width, height } = REEL_SIZES[size] ?? REEL_SIZES[1];
    void job.start({
      source,
      annotationIds: original.filter((a) => !unchecked.has(a.id)).map((a) => a.id),
      findings: Number(findings),
      width,
      height,
      fps,
      ...(mode === 'duration' ? { durationS: Number(duration) } : { speed: Number(speed) }),
      title,
    });
  };
  const toggle = (id: string) =>
    setUnchecked((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <section className="cs-card cs-reel" data-testid="export-reel">
      <header className="cs-card-head">
        <h3>Highlight reel</h3>
      </header>
      <p className="cs-export-help">
        A WebM video of chosen ranges of the replay, rendered frame by frame (not recorded from the screen): a
        title card before each range, the event time and annotation captions on every frame.
      </p>
      <fieldset className="cs-reel-source" disabled={busy}>
        <legend>ranges</legend>
        {(
          [
            ['range', 'timeline selection'],
            ['annotations', 'annotations'],
            ['findings', 'top findings'],
          ] as const
        ).map(([value, label]) => (
          <label key={value}>
            <input
              type="radio"
              name="reel-source"
              checked={source === value}
              onChange={() => setSource(value)}
              data-testid={`reel-source-${value}`}
            />
            {label}
          </label>
        ))}
      </fieldset>
      {source === 'range' && (
        <p className="cs-export-help" data-testid="reel-range">
          {brushed ?? 'Nothing brushed on the timeline: the whole archive.'}
        </p>
      )}
      {source === 'annotations' && (
        <ul className="cs-reel-annotations" data-testid="reel-annotations">
          {original.length === 0 && (
            <li className="cs-export-help">No annotation on the original timeline yet.</li>
          )}
          {original.map((a) => (
            <li key={a.id}>
              <label>
                <input
                  type="checkbox"
                  checked={!unchecked.has(a.id)}
                  disabled={busy}
                  onChange={() => toggle(a.id)}
                  data-testid="reel-annotation"
                />
                {titleLine(a.text, 80)}
              </label>
            </li>
          ))}
        </ul>
      )}
      {source === 'findings' && (
        <label className="cs-export-field">
          how many of the most severe findings
          <input
            type="number"
            min={1}
            max={10}
            value={findings}
            disabled={busy}
            onChange={(e) => setFindings(e.target.value)}
            data-testid="reel-findings"
          />
        </label>
      )}
      <div className="cs-reel-row">
        <label className="cs-export-field">
          size
          <select
            value={size}
            disabled={busy}
            onChange={(e) => setSize(Number(e.target.value))}
            data-testid="reel-size"
          >
            {REEL_SIZES.map((s, i) => (
              <option key={s.label} value={i}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <label className="cs-export-field">
          frame rate
          <select
            value={fps}
            disabled={busy}
            onChange={(e) => setFps(Number(e.target.value))}
            data-testid="reel-fps"
          >
            {REEL_FPS.map((f) => (
              <option key={f} value={f}>
                {f} fps
              </option>
            ))}
          </select>
        </label>
        <label className="cs-export-field">
          length
          <select
            value={mode}
            disabled={busy}
            onChange={(e) => setMode(e.target.value === 'speed' ? 'speed' : 'duration')}
            data-testid="reel-mode"
          >
            <option value="duration">total seconds</option>
            <option value="speed">replay speed</option>
          </select>
        </label>
        {mode === 'duration' ? (
          <label className="cs-export-field">
            seconds
            <input
              type="number"
              min={1}
              max={600}
              step="any"
              value={duration}
              disabled={busy}
              onChange={(e) => setDuration(e.target.value)}
              data-testid="reel-duration"
            />
          </label>
        ) : (
          <label className="cs-export-field">
            speed (0.1x–100x)
            <input
              type="number"
              min={0.1}
              max={100}
              step="any"
              value={speed}
              disabled={busy}
              onChange={(e) => setSpeed(e.target.value)}
              data-testid="reel-speed"
            />
          </label>
        )}
      </div>
      <TitleField value={title} onChange={setTitle} testId="reel-title" disabled={busy} />
      <div className="cs-export-actions">
        <button type="button" disabled={busy} onClick={render} data-testid="reel-render">
          Render reel
        </button>
      </div>
      <ReelProgressBar />
      <ReelOutcome />
    </section>
  );
}
