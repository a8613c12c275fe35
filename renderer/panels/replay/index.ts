import { installReplayTestHook } from './testHook.js';

export { ReplayPanel } from './ReplayPanel.js';
export { PlaybackControls } from './PlaybackControls.js';
export type { ReplaySnapshot } from './testHook.js';

installReplayTestHook();
