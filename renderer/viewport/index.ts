export { ReplayViewport, highlightKey } from './ReplayViewport.js';
export type { ReplayViewportProps, ViewportPin } from './ReplayViewport.js';
export { publishFrame, subscribeFrames } from './frameBus.js';
export { updateRanges, writeInstance, isFigure } from './instanceWriter.js';
export { InstanceScene } from './InstanceScene.js';
export { worldBounds } from './CameraRig.js';
