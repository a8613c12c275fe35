import '../../charts/chartKit/charts.css';
import { ActivitySection } from './ActivitySection.js';
import { HeatmapSection } from './HeatmapSection.js';
import { TrendSection } from './TrendSection.js';

/** Heatmaps, trends and per-actor activity of the archive, all under the shared filter. */
export function AnalyticsPanel() {
  return (
    <div className="cs-panel cs-analytics" data-testid="analytics-panel">
      <HeatmapSection />
      <TrendSection />
      <ActivitySection />
    </div>
  );
}
