import type { ImportProgress } from '../../../engine/src/index.js';

/**
 * The import's progress on stderr: a redrawn bar on a terminal, a plain line every few
 * seconds otherwise (logs, CI), nothing when quiet. stdout stays clean for `--json`.
 */
export function progressPrinter(stream: NodeJS.WriteStream, quiet: boolean): (p: ImportProgress) => void {
  if (quiet) return () => {};
  let lastPlain = 0;
  return (p) => {
    const line = describe(p);
    if (stream.isTTY) {
      stream.write(`\r\x1b[2K${line}${p.phase === 'done' ? '\n' : ''}`);
      return;
    }
    const now = Date.now();
    if (p.phase === 'done' || now - lastPlain > 2000) {
      lastPlain = now;
      stream.write(`${line}\n`);
    }
  };
}

function describe(p: ImportProgress): string {
  const seconds = (p.elapsedMs / 1000).toFixed(1);
  if (p.phase === 'done') {
    return `imported ${p.records.toLocaleString('en')} records, ${p.rejected.toLocaleString('en')} rejected, in ${seconds}s`;
  }
  const fraction = p.bytesTotal > 0 ? Math.min(1, p.bytes / p.bytesTotal) : 0;
  const width = 24;
  const filled = Math.round(fraction * width);
  const bar = `${p.phase.padEnd(8)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%`;
  if (p.phase === 'hashing' || p.phase === 'reading') {
    const left = p.rate > 0 && p.bytesTotal > 0 ? Math.max(0, (p.bytesTotal - p.bytes) / p.rate) : 0;
    return `${bar}  ${mb(p.bytes)}/${mb(p.bytesTotal)} MB  ${mb(p.rate)} MB/s  ${left.toFixed(0)}s left`;
  }
  // Mapping is one DuckDB statement: how far through it is, no rate worth showing.
  if (p.phase === 'mapping') return `${bar}  ${seconds}s`;
  return `${p.phase.padEnd(8)} ${seconds}s`;
}

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}
