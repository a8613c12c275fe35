type Pose = { position: [number, number, number]; target: [number, number, number] };
type Listener = (pose: Pose, from: symbol) => void;

const channels = new Map<string, Set<Listener>>();

/** Viewports with the same camera key move together: each announces its pose after a user move. */
export function announcePose(key: string, pose: Pose, from: symbol): void {
  for (const listener of channels.get(key) ?? []) listener(pose, from);
}

export function listenPose(key: string, listener: Listener): () => void {
  let set = channels.get(key);
  if (!set) {
    set = new Set();
    channels.set(key, set);
  }
  set.add(listener);
  return () => set.delete(listener);
}

export type { Pose };
