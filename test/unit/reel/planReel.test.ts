import { describe, expect, it } from 'vitest';
import type { FindingShape } from '../../../analysis/core/src/index.js';
import {
  clampSegments,
  segmentFromRange,
  segmentsFromAnnotations,
  segmentsFromFindings,
} from '../../../renderer/panels/export/reel/planReel.js';
import { captionsAt, frameTime, scheduleReel } from '../../../renderer/panels/export/reel/scheduleReel.js';

const T0 = Date.parse('2026-05-04T00:00:00Z');
const iso = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();
const min = (m: number): number => T0 + m * 60_000;

function finding(
  severity: FindingShape['severity'],
  from: number,
  to: number,
  summary: string,
  score = 1,
): FindingShape {
  return { detector: 'd', severity, score, from: iso(from), to: iso(to), count: 1, summary, evidence: [] };
}

describe('the reel planner', () => {
  it('takes the brushed range as one segment, and nothing when the range is empty or not a time', () => {
    expect(segmentFromRange(iso(0), iso(60), 'Raid')).toEqual([{ from: min(0), to: min(60), title: 'Raid' }]);
    expect(segmentFromRange(iso(60), iso(60), 'x')).toEqual([]);
    expect(segmentFromRange('seq:5', iso(60), 'x')).toEqual([]);
    expect(segmentFromRange(undefined, iso(60), 'x')).toEqual([]);
  });

  it('gives a point annotation a window around it, a range its range, and merges overlaps', () => {
    const segments = segmentsFromAnnotations(
      [
        { at: iso(100), text: 'second point' },
        { at: iso(0), to: iso(30), text: 'a range\nwith more lines' },
        { at: iso(40), text: 'first point' },
      ],
      15 * 60_000,
    );
    expect(segments).toEqual([
      { from: min(0), to: min(55), title: 'a range; first point' },
      { from: min(85), to: min(115), title: 'second point' },
    ]);
  });

  it('proposes the top findings padded, merged where they overlap, most severe first, capped', () => {
    const segments = segmentsFromFindings(
      [
        finding('low', 0, 10, 'early and mild'),
        finding('critical', 12, 20, 'overlaps the mild one once padded'),
        finding('high', 500, 600, 'later and high'),
        finding('medium', 1000, 1001, 'medium'),
        finding('info', 2000, 2001, 'left out by the cap'),
      ],
      { max: 3, minPadMs: 5 * 60_000, padShare: 0.1 },
    );
    expect(segments.map((s) => s.title)).toEqual([
      'critical: overlaps the mild one once padded',
      'high: later and high',
      'medium: medium',
    ]);
    expect(segments[0]).toMatchObject({ from: min(-5), to: min(25) });
    // A long finding is padded by a share of its length.
    expect(segments[1]).toMatchObject({ from: min(490), to: min(610) });
  });

  it('keeps segments inside the archive and drops those outside it', () => {
    const kept = clampSegments(
      [
        { from: min(-10), to: min(10), title: 'a' },
        { from: min(200), to: min(300), title: 'b' },
      ],
      min(0),
      min(100),
    );
    expect(kept).toEqual([{ from: min(0), to: min(10), title: 'a' }]);
  });
});

describe('the reel schedule', () => {
  const two = [
    { from: min(0), to: min(60), title: 'a' },
    { from: min(100), to: min(400), title: 'b' },
  ];

  it('fills a requested duration exactly: equal shares, a title card each, whole frames', () => {
    const s = scheduleReel(two, { fps: 30, durationS: 30 });
    expect(s.totalFrames).toBe(900);
    expect(s.durationS).toBe(30);
    expect(s.segments.map((x) => [x.titleFrames, x.playFrames])).toEqual([
      [60, 390],
      [60, 390],
    ]);
    // Each segment plays its whole range in its frames: the last frame shows its end.
    const b = s.segments[1]!;
    expect(frameTime(b, b.playFrames - 1)).toBe(min(400));
    expect(b.eventPerVideoMs).toBeCloseTo((300 * 60_000) / 13_000, 6);
  });

  it('shortens title cards in a short reel, and refuses one too short for its segments', () => {
    const s = scheduleReel([two[0]!], { fps: 24, durationS: 3 });
    expect(s.totalFrames).toBe(72);
    expect(s.segments[0]!.titleFrames).toBe(18);
    expect(() => scheduleReel(two, { fps: 1, durationS: 1 })).toThrow(/too short/);
  });

  it('at a given speed, derives the length, and refuses speeds outside 0.1x–100x', () => {
    const s = scheduleReel([{ from: 0, to: 10_000, title: 'x' }], { fps: 10, speed: 2 });
    expect(s.segments[0]!.playFrames).toBe(50);
    expect(s.totalFrames).toBe(70);
    expect(() => scheduleReel(two, { fps: 30, speed: 101 })).toThrow(/speed/);
    expect(() => scheduleReel(two, { fps: 30, speed: 0.1 })).toThrow(/would last/);
    expect(() => scheduleReel([], { fps: 30, durationS: 5 })).toThrow(/nothing to render/);
  });

  it('captions ranges that cover a frame and points near it, earliest first', () => {
    const notes = [
      { at: iso(50), text: 'point' },
      { at: iso(0), to: iso(30), text: 'range' },
    ];
    expect(captionsAt(notes, min(10), 60_000)).toEqual(['range']);
    expect(captionsAt(notes, min(49), 60_000)).toEqual(['point']);
    expect(captionsAt(notes, min(45), 60_000)).toEqual([]);
    expect(captionsAt(notes, min(29.5), 21 * 60_000)).toEqual(['range', 'point']);
  });
});
