import '../../charts/chartKit/charts.css';
import './export.css';
import { CaseSection } from './CaseSection.js';
import { DataSection } from './DataSection.js';
import { ReelSection } from './reel/index.js';
import { ReportSection } from './ReportSection.js';

/**
 * Everything an analyst, a presenter or an investigator leaves with: the report, data files,
 * highlight reels and the case file. Every export covers the studio's current filter where
 * that has a meaning, and is written by the service (or, for a reel, by this page) as a file
 * the browser downloads: nothing is ever written beside or into the evidence.
 */
export function ExportPanel() {
  return (
    <div className="cs-panel cs-export" data-testid="export-panel">
      <ReportSection />
      <DataSection />
      <ReelSection />
      <CaseSection />
    </div>
  );
}
