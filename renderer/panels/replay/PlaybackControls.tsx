import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { MAX_SPEED, MIN_SPEED } from '../../../analysis/core/src/index.js';
import { SPEED_PRESETS, useReplay } from '../../app/replayStore.js';
import { useStudio } from '../../app/studioStore.js';

/** Free speed entry: accepted only inside [0.1, 100]; anything else is said, not clamped silently. */
function SpeedEntry() {
  const speed = useReplay((s) => s.speed);
  const setSpeed = useReplay((s) => s.setSpeed);
  const [text, setText] = useState(String(speed));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => setText(String(speed)), [speed]);
  const commit = () => {
    const value = Number(text);
    const ok = text.trim() !== '' && Number.isFinite(value) && value >= MIN_SPEED && value <= MAX_SPEED;
    setInvalid(!ok);
    if (ok) setSpeed(value);
  };
  return (
    <label className="replay-speed-entry">
      <input
        type="text"
        inputMode="decimal"
        value={text}
        size={5}
        aria-invalid={invalid}
        aria-label={`Speed (${MIN_SPEED} to ${MAX_SPEED})`}
        data-testid="replay-speed-input"
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
      ×
      {invalid && (
        <span className="error">
          {' '}
          speed is {MIN_SPEED} to {MAX_SPEED}
        </span>
      )}
    </label>
  );
}

/** Play, pause, reverse, step, speed, loop the brushed range and skip quiet stretches. */
export function PlaybackControls() {
  // Not the playhead: the toolbar re-renders when a control changes, not on every frame.
  const r = useReplay(
    useShallow((s) => ({
      playing: s.playing,
      direction: s.direction,
      speed: s.speed,
      loop: s.loop,
      skipQuietSeconds: s.skipQuietSeconds,
      toggle: s.toggle,
      play: s.play,
      setDirection: s.setDirection,
      stepBack: s.stepBack,
      stepForward: s.stepForward,
      setSpeed: s.setSpeed,
      setLoop: s.setLoop,
      setSkipQuiet: s.setSkipQuiet,
    })),
  );
  const filter = useStudio((s) => s.filter);
  const brush =
    filter.from && filter.to ? { from: Date.parse(filter.from), to: Date.parse(filter.to) } : null;
  const looping = r.loop !== null;
  return (
    <div className="replay-controls" role="toolbar" aria-label="Playback">
      <button
        type="button"
        onClick={() => void r.stepBack()}
        aria-label="Step one event back (←)"
        data-testid="replay-step-back"
      >
        |◀
      </button>
      <button
        type="button"
        onClick={() => {
          r.setDirection(r.direction > 0 ? -1 : 1);
          if (!r.playing) r.play();
        }}
        aria-pressed={r.direction < 0}
        aria-label="Play backwards"
        data-testid="replay-reverse"
      >
        ◀◀
      </button>
      <button
        type="button"
        className="replay-play"
        onClick={r.toggle}
        aria-pressed={r.playing}
        aria-label={r.playing ? 'Pause (space)' : 'Play (space)'}
        data-testid="replay-play"
      >
        {r.playing ? '❚❚' : '▶'}
      </button>
      <button
        type="button"
        onClick={() => void r.stepForward()}
        aria-label="Step one event forwards (→)"
        data-testid="replay-step-forward"
      >
        ▶|
      </button>
      <select
        value={(SPEED_PRESETS as readonly number[]).includes(r.speed) ? String(r.speed) : ''}
        onChange={(e) => e.target.value && r.setSpeed(Number(e.target.value))}
        aria-label="Speed preset ([ slower, ] faster)"
        data-testid="replay-speed"
      >
        {!(SPEED_PRESETS as readonly number[]).includes(r.speed) && <option value="">custom</option>}
        {SPEED_PRESETS.map((p) => (
          <option key={p} value={String(p)}>
            {p}×
          </option>
        ))}
      </select>
      <SpeedEntry />
      <button
        type="button"
        onClick={() => r.setLoop(looping ? null : brush)}
        disabled={!looping && !brush}
        aria-pressed={looping}
        title={brush ? 'Play the brushed range over and over' : 'Brush a range on the timeline first'}
        data-testid="replay-loop"
      >
        {looping ? 'stop loop' : 'loop brushed range'}
      </button>
      <label title="While playing, jump over stretches with no event longer than this">
        <input
          type="checkbox"
          checked={r.skipQuietSeconds !== null}
          onChange={(e) => r.setSkipQuiet(e.target.checked ? 60 : null)}
          data-testid="replay-skip-quiet"
        />{' '}
        skip quiet &gt;
      </label>
      <input
        type="number"
        min={1}
        step={1}
        value={r.skipQuietSeconds ?? 60}
        disabled={r.skipQuietSeconds === null}
        onChange={(e) => {
          const s = Number(e.target.value);
          if (Number.isFinite(s) && s >= 1) r.setSkipQuiet(s);
        }}
        aria-label="Quiet stretch to skip, in seconds of event time"
        className="replay-skip-seconds"
      />
      s
    </div>
  );
}
