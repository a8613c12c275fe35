import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Wall time and peak resident memory of one async step, sampled while it runs. */
export interface Measured<T> {
  value: T;
  seconds: number;
  peakRssMiB: number;
}

export async function measure<T>(step: () => Promise<T>): Promise<Measured<T>> {
  (globalThis as { gc?: () => void }).gc?.();
  let peak = process.memoryUsage().rss;
  // DuckDB works on its own threads, so the event loop stays free to sample during its calls.
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  try {
    const value = await step();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, seconds: (performance.now() - started) / 1000, peakRssMiB: peak / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

export function row(cells: (string | number)[], widths: number[]): string {
  return cells.map((c, i) => String(c).padStart(widths[i] ?? 10)).join('  ');
}

/**
 * A Chromium benchmark run as a script: in a fresh work folder (removed after), on the
 * archive named as the first argument or on one of BENCH_EVENTS generated events; prints
 * its lines.
 */
export async function runBenchScript(
  name: string,
  defaultEvents: number,
  bench: (options: { events: number; work: string; archive?: string }) => Promise<string[]>,
): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), `chronoscope-${name}-bench-`));
  try {
    const lines = await bench({
      events: Number(process.env['BENCH_EVENTS'] ?? defaultEvents),
      work,
      ...(process.argv[2] ? { archive: resolve(process.argv[2]) } : {}),
    });
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
