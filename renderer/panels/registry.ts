import type { ComponentType } from 'react';
import { EventsPanel } from './events/index.js';
import { InspectorPanel } from './inspector/index.js';
import { OpenPanel } from './open/index.js';
import { OverviewPanel } from './overview/index.js';
import { TimelinePanel } from './timeline/index.js';
import { AnalyticsPanel } from './analytics/index.js';
import { FindingsPanel } from './findings/index.js';
import { RulesPanel } from './rules/index.js';
import { QueryPanel } from './query/index.js';
import { IntegrityPanel } from './integrity/index.js';
import { ReplayPanel } from './replay/index.js';
import { AnnotationsPanel } from './annotations/index.js';
import { BranchesPanel } from './branches/index.js';
import { ComparePanel } from './compare/index.js';
import { ExportPanel } from './export/index.js';

/**
 * Every panel of the studio, in the order of the navigation. A panel is a component that
 * reads what it needs from `useStudio` (client, archive, filter, playhead) and fetches its
 * own data through the client; `key` is its keyboard shortcut (listed in the help overlay).
 * Panels that need an open archive say so, and the shell shows Open instead until one is.
 */
export interface PanelDef {
  id: string;
  title: string;
  key?: string;
  needsArchive: boolean;
  component: ComponentType;
}

// Each panel adds one line here (imports above), in navigation order.
export const PANELS: PanelDef[] = [
  { id: 'open', title: 'Open', key: 'o', needsArchive: false, component: OpenPanel },
  { id: 'overview', title: 'Overview', key: 'v', needsArchive: true, component: OverviewPanel },
  { id: 'timeline', title: 'Timeline', key: 't', needsArchive: true, component: TimelinePanel },
  { id: 'events', title: 'Events', key: 'e', needsArchive: true, component: EventsPanel },
  { id: 'inspector', title: 'Inspector', key: 'i', needsArchive: true, component: InspectorPanel },
  { id: 'analytics', title: 'Analytics', key: 'a', needsArchive: true, component: AnalyticsPanel },
  { id: 'findings', title: 'Findings', key: 'f', needsArchive: true, component: FindingsPanel },
  { id: 'rules', title: 'Rules', key: 'r', needsArchive: true, component: RulesPanel },
  { id: 'query', title: 'Query', key: 'q', needsArchive: true, component: QueryPanel },
  { id: 'integrity', title: 'Integrity', key: 'g', needsArchive: true, component: IntegrityPanel },
  { id: 'replay', title: 'Replay', key: 'p', needsArchive: true, component: ReplayPanel },
  { id: 'annotations', title: 'Annotations', key: 'n', needsArchive: true, component: AnnotationsPanel },
  { id: 'branches', title: 'Branches', key: 'w', needsArchive: true, component: BranchesPanel },
  { id: 'compare', title: 'Compare', key: 'c', needsArchive: true, component: ComparePanel },
  { id: 'export', title: 'Export', key: 'd', needsArchive: true, component: ExportPanel },
];
