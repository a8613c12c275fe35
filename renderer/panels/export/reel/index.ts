import { installReelHook } from './reelHook.js';

export { ReelSection } from './ReelSection.js';
export { renderReel, archiveName } from './renderReel.js';
export type { RenderReelOptions, ReelResult, ReelProgress } from './renderReel.js';
export { useReelJob } from './reelJob.js';

installReelHook();
