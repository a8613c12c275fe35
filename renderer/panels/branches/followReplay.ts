import { useEffect, useState } from 'react';
import type { Replay } from '../../../analysis/core/src/index.js';
import { isoOf } from '../../app/format.js';
import { useReplay } from '../../app/replayStore.js';
import { publishFrame, subscribeFrames } from '../../viewport/index.js';

/** Where a second replay stands, given the first: the same event (a branch) or a time (offset, other archive). */
export type FollowTarget = { seq: number } | { time: number };

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

/**
 * Keeps `follower` on one clock with the studio's replay: after every frame of the main
 * replay, the follower is brought to the matching point and draws a frame. Moves are
 * serialised (a new one waits for the last), and a frame still waiting for data is redrawn
 * until it arrives. Returns the unsubscribe.
 */
export function followMain(
  main: Replay,
  follower: Replay,
  target: (main: Replay) => FollowTarget,
  onMoved?: () => void,
): () => void {
  let busy = false;
  let again = false;
  let stopped = false;
  const sync = async (): Promise<void> => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      do {
        again = false;
        const to = target(main);
        const clock = follower.clock;
        if ('seq' in to) {
          if (!clock.seekSeq(to.seq)) await follower.goTo(to.seq);
        } else if (!clock.seekTime(to.time)) await follower.seekTo(isoOf(to.time));
        for (let tries = 0; tries < 100 && !stopped; tries++) {
          const frame = follower.render(clock.advance(0));
          publishFrame(follower, frame);
          if (!frame.waiting) break;
          await settle();
        }
        onMoved?.();
      } while (again && !stopped);
    } catch {
      // the follower's own error is on `follower.error`, shown by its view
    } finally {
      busy = false;
    }
  };
  const stop = subscribeFrames(main, () => void sync());
  void sync();
  return () => {
    stopped = true;
    stop();
  };
}

/** Follows the studio's replay while mounted; the returned number bumps after each move (re-read the world). */
export function useFollower(
  follower: Replay | null,
  target: (main: Replay) => FollowTarget,
  key: string,
): number {
  const main = useReplay((s) => s.replay);
  const [moves, setMoves] = useState(0);
  useEffect(() => {
    if (!main || !follower) return;
    // At most a few React updates a second (the diff and lists re-read the world then), the
    // last move always included.
    let timer: ReturnType<typeof setTimeout> | null = null;
    const stop = followMain(main, follower, target, () => {
      timer ??= setTimeout(() => {
        timer = null;
        setMoves((n) => n + 1);
      }, 150);
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
    // `key` says when the target changes (an offset typed); `target` itself is a fresh closure.
  }, [main, follower, key]);
  return moves;
}
