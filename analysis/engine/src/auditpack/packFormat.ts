/** Constants and record shapes of shared/spec/auditpack.md. */
export const PACK_FORMAT = 'chronoscope-auditpack/1';
export const BLOCK_SIZE = 1024;

export const ENTRIES = {
  manifest: 'manifest.json',
  records: 'records.ndjson',
  leaves: 'leaves.bin',
  seals: 'seals.ndjson',
  checkpoint: 'checkpoint.json',
  signature: 'checkpoint.sig',
} as const;

export interface Seal {
  block: number;
  firstSeq: number;
  count: number;
  root: string;
  prev: string;
  sig: string;
}

export interface Checkpoint {
  format: string;
  origin: string;
  system: string;
  treeSize: number;
  rootHash: string;
  blockSize: number;
  firstTimestamp: string | null;
  lastTimestamp: string | null;
  createdAt: string;
  lastSeal: string;
  previous: { rootHash: string; treeSize: number } | null;
}

/** The bytes a seal's signature covers: its own line with `sig` emptied, every other byte kept. */
export function sealSigningText(line: string): string {
  return line.replace(/"sig":"[^"]*"/, '"sig":""');
}

export function sealLine(seal: Omit<Seal, 'sig'>, sig: string): string {
  return `{"block":${seal.block},"firstSeq":${seal.firstSeq},"count":${seal.count},"root":"${seal.root}","prev":"${seal.prev}","sig":"${sig}"}`;
}
