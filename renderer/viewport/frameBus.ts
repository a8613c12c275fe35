import type { FrameResult, Replay } from '../../analysis/core/src/index.js';

type FrameListener = (frame: FrameResult) => void;

const listeners = new WeakMap<Replay, Set<FrameListener>>();

/**
 * Whoever drives a replay (the replay store's loop, a compare view's second replay) announces
 * each frame here; every viewport drawing that replay uploads the frame's changed instances.
 * A frame's change list is only valid until the next `render()`, so listeners run at once.
 */
export function publishFrame(replay: Replay, frame: FrameResult): void {
  const set = listeners.get(replay);
  if (set) for (const listener of set) listener(frame);
}

export function subscribeFrames(replay: Replay, listener: FrameListener): () => void {
  let set = listeners.get(replay);
  if (!set) {
    set = new Set();
    listeners.set(replay, set);
  }
  set.add(listener);
  return () => set.delete(listener);
}
