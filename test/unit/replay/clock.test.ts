import { describe, expect, it } from 'vitest';
import { Clock, FrameDriver, WallClockDriver } from '../../../analysis/core/src/index.js';
import type { TimeIndex } from '../../../analysis/core/src/index.js';

/** Events at the given times (ms), all loaded. */
function index(times: number[], loadedUpTo = times.length - 1): TimeIndex {
  return {
    startTime: times[0] ?? 0,
    get endTime() {
      return loadedUpTo === times.length - 1 ? (times.at(-1) ?? null) : null;
    },
    timeOf: (seq) => (seq >= 0 && seq <= loadedUpTo ? (times[seq] ?? null) : null),
    seqAt: (time) => {
      if (time < (times[0] ?? 0)) return -1;
      if (time > (times[loadedUpTo] ?? 0) && loadedUpTo < times.length - 1) return null;
      let seq = -1;
      times.forEach((t, i) => {
        if (t <= time && i <= loadedUpTo) seq = i;
      });
      return seq;
    },
  };
}

const TIMES = [1000, 2000, 2000, 5000, 9000, 10000];

describe('replay clock', () => {
  it('clamps any speed into [0.1, 100] and refuses NaN', () => {
    const clock = new Clock(index(TIMES));
    expect(clock.setSpeed(0.01)).toBe(0.1);
    expect(clock.setSpeed(1000)).toBe(100);
    expect(clock.setSpeed(Infinity)).toBe(100);
    expect(clock.setSpeed(2.5)).toBe(2.5);
    expect(() => clock.setSpeed(Number.NaN)).toThrow(/speed/);
    expect(clock.speed).toBe(2.5);
  });

  it('plays event time at speed × rate and says which seqs each frame covers', () => {
    const clock = new Clock(index(TIMES), { rate: 10 });
    clock.seekSeq(0);
    expect(clock.advance(0)).toMatchObject({ from: -1, to: 0, jumped: true });
    clock.play();
    clock.setSpeed(2);
    // 50 ms of wall time at 2x, 10 event-ms per wall-ms: 1000 ms of event time.
    expect(clock.advance(50)).toMatchObject({ from: 0, to: 2, time: 2000, jumped: false });
    expect(clock.advance(100)).toMatchObject({ from: 2, to: 2, time: 4000 });
    expect(clock.advance(50)).toMatchObject({ from: 2, to: 3, time: 5000 });
    expect(clock.advance(0)).toMatchObject({ from: 3, to: 3 });
  });

  it('plays backwards after reverse, and stops at either end', () => {
    const clock = new Clock(index(TIMES), { rate: 100 });
    clock.seekSeq(3);
    clock.advance(0);
    clock.reverse();
    clock.play();
    expect(clock.advance(20)).toMatchObject({ from: 3, to: 2, time: 3000 });
    expect(clock.advance(1000)).toMatchObject({ to: -1, ended: true });
    expect(clock.playing).toBe(false);
    clock.setDirection(1);
    clock.play();
    expect(clock.advance(1000)).toMatchObject({ to: 5, time: 10000, ended: true });
  });

  it('steps one event at a time, pausing playback, including events that share a time', () => {
    const clock = new Clock(index(TIMES));
    clock.play();
    expect(clock.stepForward()).toBe(true);
    expect(clock.playing).toBe(false);
    expect(clock.advance(16)).toMatchObject({ from: -1, to: 0, jumped: true });
    clock.stepForward();
    clock.stepForward();
    expect(clock.advance(16)).toMatchObject({ from: 0, to: 2, time: 2000 });
    clock.stepBack();
    expect(clock.advance(16)).toMatchObject({ from: 2, to: 1, time: 2000 });
    clock.seekSeq(5);
    expect(clock.stepForward()).toBe(false);
    clock.seekSeq(0);
    clock.stepBack();
    expect(clock.seq).toBe(-1);
    expect(clock.stepBack()).toBe(false);
  });

  it('seeks by time to the last event at or before it', () => {
    const clock = new Clock(index(TIMES));
    expect(clock.seekTime(6000)).toBe(true);
    expect(clock.advance(0)).toMatchObject({ to: 3, time: 6000, jumped: true });
    clock.seekTime(0);
    expect(clock.advance(0)).toMatchObject({ to: -1 });
  });

  it('loops a range forwards and backwards', () => {
    const clock = new Clock(index(TIMES), { rate: 100 });
    clock.setLoop({ from: 2000, to: 6000 });
    clock.seekTime(5000);
    clock.advance(0);
    clock.play();
    // 5000 + 2000 = 7000 wraps to 2000 + 1000 = 3000.
    expect(clock.advance(20)).toMatchObject({ to: 2, time: 3000, jumped: true });
    clock.reverse();
    // 3000 - 2000 = 1000 wraps to 6000 - 1000 = 5000.
    expect(clock.advance(20)).toMatchObject({ to: 3, time: 5000, jumped: true });
    expect(() => clock.setLoop({ from: 5, to: 5 })).toThrow(/loop/);
    clock.setLoop(null);
    expect(clock.loop).toBeNull();
  });

  it('waits (buffering) where the next events are not loaded, without moving', () => {
    const clock = new Clock(index(TIMES, 3), { rate: 1000 });
    clock.seekSeq(3);
    clock.advance(0);
    clock.play();
    expect(clock.advance(10)).toMatchObject({ from: 3, to: 3, buffering: true, time: 5000 });
  });

  it('frame-stepped driving is deterministic: the same frames on every run', () => {
    const run = (): string => {
      const clock = new Clock(index(TIMES), { rate: 7 });
      clock.seekSeq(0);
      clock.setSpeed(3.3);
      clock.play();
      const driver = new FrameDriver(clock, 30);
      const steps = [];
      for (let i = 0; i < 40; i++) steps.push(driver.tick());
      return JSON.stringify(steps);
    };
    const once = run();
    expect(run()).toBe(once);
    const steps = JSON.parse(once) as { to: number; ended: boolean }[];
    expect(steps.filter((s) => s.ended)).toHaveLength(1);
    expect(steps.at(-1)).toMatchObject({ to: 5 });
  });

  it('wall-clock driving caps a long gap (a hidden tab) at maxDtMs', () => {
    const clock = new Clock(index(TIMES), { rate: 1 });
    clock.seekSeq(0);
    clock.play();
    const driver = new WallClockDriver(clock, 250);
    driver.tick(10_000);
    expect(driver.tick(10_016).time).toBe(1016);
    expect(driver.tick(60_000).time).toBe(1266);
  });
});
