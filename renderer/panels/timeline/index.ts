export { TimelineStrip } from './TimelineStrip.js';
export { TimelinePanel } from './TimelinePanel.js';
export { playheadAtSeq, playheadAtTime } from './playhead.js';
export {
  useTimelineView,
  fullDomain,
  zoomDomain,
  panDomain,
  clampDomain,
  MIN_SPAN_MS,
} from './timelineView.js';
