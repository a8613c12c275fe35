/**
 * `CHRONOSCOPE_TRACE=1` prints how long each import step took to stderr: how the import's
 * figures in the README were broken down, and the first thing to look at when one regresses.
 */
const enabled = process.env['CHRONOSCOPE_TRACE'] === '1';

export async function traced<T>(label: string, step: () => Promise<T>): Promise<T> {
  if (!enabled) return step();
  const started = performance.now();
  try {
    return await step();
  } finally {
    process.stderr.write(`[trace] ${label}: ${((performance.now() - started) / 1000).toFixed(2)}s\n`);
  }
}
