import { describe, expect, it } from 'vitest';
import type { AnalyzeResultShape, ArchiveInfo, CaseFileShape } from '../../../analysis/core/src/index.js';
import { CaseFileShape as CaseSchema } from '../../../analysis/core/src/index.js';
// The pure module itself: the folder's index also exports React components.
import { analyzeCommand, caseExportDocument } from '../../../renderer/panels/export/caseExport.js';

const archive = { id: 'a'.repeat(64), path: "/cases/it's here/qcs", system: 'qcs' } as unknown as ArchiveInfo;
const base: CaseFileShape = {
  format: 'chronoscope-case/1',
  archive: { path: archive.path, sha256: archive.id },
  annotations: [{ id: 'n1', text: 'kept' }],
  bookmarks: [],
  branches: [],
  views: [],
  rules: [],
  replay: { speed: 10 },
};
const finding = {
  detector: 'burst',
  severity: 'high',
  score: 9,
  from: '2026-05-04T10:00:00.000Z',
  to: '2026-05-04T10:02:00.000Z',
  count: 12,
  summary: 'twelve deletes in two minutes',
  evidence: [1, 2, 3],
} as unknown as AnalyzeResultShape['findings'][number];

describe('case export', () => {
  it('keeps the case, adds each finding with the sha256, the call and the command that make it again', () => {
    const filter = { from: '2026-05-04T00:00:00Z', to: '2026-05-05T00:00:00Z', actors: ['ann'] };
    const doc = caseExportDocument(
      base,
      archive,
      filter,
      { findings: [finding], detectors: [] } as never,
      new Date(0),
    );
    expect(doc.annotations).toEqual(base.annotations);
    expect(doc.replay).toEqual({ speed: 10 });
    expect(doc.exported).toEqual({ at: '1970-01-01T00:00:00.000Z', filter });
    expect(doc.findings).toEqual([
      {
        finding,
        reproduce: {
          archiveSha256: archive.id,
          method: 'analyze.run',
          params: { filter },
          command:
            "chronoscope analyze '/cases/it'\\''s here/qcs' --from 2026-05-04T00:00:00Z --to 2026-05-05T00:00:00Z --json",
        },
      },
    ]);
    // Still a case file every reader of the format takes.
    expect(CaseSchema.safeParse(doc).success).toBe(true);
  });

  it('quotes nothing that needs no quoting', () => {
    expect(analyzeCommand({ ...archive, path: '/data/qcs.zip' } as ArchiveInfo, {})).toBe(
      'chronoscope analyze /data/qcs.zip --json',
    );
  });
});
