export { BranchesPanel } from './BranchesPanel.js';
export { useBranchRuntime, replayOptions } from './branchRuntime.js';
export type { BranchRun } from './branchRuntime.js';
export { followMain, useFollower } from './followReplay.js';
export type { FollowTarget } from './followReplay.js';
