export { AnnotationsPanel } from './AnnotationsPanel.js';
export { Captions, captionsAt } from './Captions.js';
export { useAnnotationPins } from './annotationPins.js';
export { useCaseMarkers } from './caseMarkers.js';
export { bookmarkPlayhead } from './bookmark.js';
export { jumpTo } from './jump.js';
export type {
  AnnotationEntry,
  BookmarkEntry,
  BranchEntry,
  ViewEntry,
  ReplaySettings,
} from './caseEntries.js';
export { newId } from './caseEntries.js';
