/**
 * What an import accepts before it calls an input hostile. Each limit is a setting: the
 * defaults suit real exports of tens of millions of records and stop zip and gzip bombs.
 */
export interface ImportLimits {
  /** A single record (NDJSON line, CSV row) larger than this is rejected, not read. */
  maxRecordBytes: number;
  /** Total bytes all compressed inputs may expand to. */
  maxExpandedBytes: number;
  /** Expanded / compressed size of one zip entry or gzip stream, checked while reading. */
  maxExpansionRatio: number;
  /** Ratio checks start after this many expanded bytes, so tiny, very repetitive files pass. */
  ratioGraceBytes: number;
  /** Entries a zip may hold. */
  maxZipEntries: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxRecordBytes: 16 * 1024 * 1024,
  maxExpandedBytes: 64 * 1024 ** 3,
  maxExpansionRatio: 200,
  ratioGraceBytes: 8 * 1024 * 1024,
  maxZipEntries: 10_000,
};
