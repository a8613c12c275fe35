import type { ComponentType } from 'react';

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
export const PANELS: PanelDef[] = [];
