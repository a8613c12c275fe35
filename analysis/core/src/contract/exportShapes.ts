import { z } from 'zod';
import { TimeText } from './filter.js';
import { Bytes } from './shapes.js';

/** What the studio's Export panel can have the service write (the CLI's `report` and `export --what`). */
export const EXPORT_KINDS = ['report', 'events', 'findings', 'state', 'rollback-plan'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** The formats each kind takes: the same as on the command line. */
export const EXPORT_FORMATS = {
  report: ['html', 'pdf'],
  events: ['csv', 'parquet', 'ndjson'],
  findings: ['csv', 'parquet', 'ndjson', 'json'],
  state: ['csv', 'parquet', 'ndjson', 'json'],
  'rollback-plan': ['json', 'csv', 'parquet', 'ndjson', 'sql', 'patch'],
} as const satisfies Record<ExportKind, readonly string[]>;

export const EXPORT_FORMAT_NAMES = [
  'html',
  'pdf',
  'csv',
  'parquet',
  'ndjson',
  'json',
  'sql',
  'patch',
] as const;
export type ExportFormat = (typeof EXPORT_FORMAT_NAMES)[number];

/**
 * The options of `export.file` besides the archive and the filter. `at` is the instant of a
 * state export; `rollback` the target and selection of a plan; `title` the report's.
 */
export const ExportOptions = z.object({
  kind: z.enum(EXPORT_KINDS),
  format: z.enum(EXPORT_FORMAT_NAMES),
  at: TimeText.optional(),
  rollback: z
    .object({
      to: TimeText,
      actor: z.string().optional(),
      entityId: z.string().optional(),
      entityType: z.string().optional(),
    })
    .strict()
    .optional(),
  title: z.string().max(200).optional(),
});
export type ExportOptions = z.infer<typeof ExportOptions>;

/** A kind's format must be one of its own, and a state or plan needs its instant. */
export function exportOptionProblems(o: ExportOptions): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const formats: readonly string[] = EXPORT_FORMATS[o.kind];
  if (!formats.includes(o.format)) {
    problems.push({
      path: 'format',
      message: `${o.kind} is exported as ${formats.join(', ')}, not ${o.format}`,
    });
  }
  if (o.kind === 'state' && o.at === undefined)
    problems.push({ path: 'at', message: 'a state export needs `at`' });
  if (o.kind === 'rollback-plan' && o.rollback === undefined) {
    problems.push({ path: 'rollback', message: 'a rollback plan needs `rollback.to`' });
  }
  return problems;
}

/** A file the service made: the studio saves it through the browser's download (or the app's dialog). */
export const ExportFile = z.object({
  name: z.string(),
  mime: z.string(),
  bytes: Bytes,
  /** Rows written, for the data exports. */
  rows: z.number().optional(),
  /** Pages, for a PDF. */
  pages: z.number().optional(),
  /** A note the user should read (e.g. a plan written as a patch because the source keeps no SQL tables). */
  note: z.string().optional(),
});
export type ExportFile = z.infer<typeof ExportFile>;
