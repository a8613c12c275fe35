import type {
  AnalyzeResultShape,
  ArchiveInfo,
  CaseFileShape,
  EventFilterParams,
} from '../../../analysis/core/src/index.js';

/** The findings of a case export, each with what reproduces it. */
export interface ReproducibleFinding {
  finding: AnalyzeResultShape['findings'][number];
  reproduce: {
    archiveSha256: string;
    /** The service call the studio made, with its parameters. */
    method: 'analyze.run';
    params: { filter: EventFilterParams };
    /** The same on the command line (the time range; other filter fields are the studio's). */
    command: string;
  };
}

const quote = (s: string): string => (/^[\w./:@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** `chronoscope analyze ARCHIVE [--from T] [--to T] --json`: what reproduces the findings. */
export function analyzeCommand(archive: ArchiveInfo, filter: EventFilterParams): string {
  const parts = ['chronoscope', 'analyze', quote(archive.path)];
  if (filter.from) parts.push('--from', quote(filter.from));
  if (filter.to) parts.push('--to', quote(filter.to));
  parts.push('--json');
  return parts.join(' ');
}

/**
 * A case to take away: the case file (annotations, bookmarks, branches, saved views, rules,
 * replay settings) plus the findings of the current filter, each with the archive's sha256,
 * the call and the command that make it again. Extra members are kept by every reader of
 * `chronoscope-case/1` (the format passes unknown members through).
 */
export function caseExportDocument(
  base: CaseFileShape,
  archive: ArchiveInfo,
  filter: EventFilterParams,
  analysis: AnalyzeResultShape,
  now: Date,
): CaseFileShape & { findings: ReproducibleFinding[]; exported: { at: string; filter: EventFilterParams } } {
  const command = analyzeCommand(archive, filter);
  return {
    ...base,
    exported: { at: now.toISOString(), filter },
    findings: analysis.findings.map((finding) => ({
      finding,
      reproduce: { archiveSha256: archive.id, method: 'analyze.run', params: { filter }, command },
    })),
  };
}
