export { gatherReport } from './gatherReport.js';
export { renderReport } from './renderReport.js';
export { findChromium, launchChromium } from './chromium.js';
export { printPdf, countPdfPages } from './printPdf.js';
export { saveReport } from './saveReport.js';
export { caseFilePathFor, readCaseAnnotations } from './caseFile.js';
export { esc } from './escapeHtml.js';
export type {
  Annotation,
  CaseAnnotations,
  Count,
  EvidenceRow,
  ReportData,
  ReportIntegrity,
  ReportOptions,
} from './reportData.js';
