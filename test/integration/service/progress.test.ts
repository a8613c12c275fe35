import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportProgressPayload } from '../../../analysis/core/src/index.js';
import { generateExport } from '../../../analysis/engine/src/index.js';
import { tempDir } from '../../helpers/archives.js';
import { startHarness } from './harness.js';

describe('import progress', () => {
  it('is pushed while archive.open imports a fresh archive, ending in done', async () => {
    const out = join(await tempDir('chronoscope-progress-'), 'robots');
    await generateExport({ system: 'robot-cycles', events: 60_000, seed: 7, incidents: false, out });
    const h = await startHarness();
    const client = await h.connect();
    const seen: ImportProgressPayload[] = [];
    const stop = client.on('import.progress', (payload) => seen.push(ImportProgressPayload.parse(payload)));
    const info = await client.call('archive.open', { path: out });
    stop();
    expect(info.fromCache).toBe(false);
    const phases = seen.map((p) => p.phase);
    expect(phases).toContain('hashing');
    expect(phases).toContain('reading');
    expect(phases[phases.length - 1]).toBe('done');
    expect(seen.every((p) => p.path === out)).toBe(true);
    expect(seen[seen.length - 1]).toMatchObject({ records: info.records, etaSeconds: 0 });
    const reading = seen.filter((p) => p.phase === 'reading' && p.done > 0);
    expect(reading.every((p) => p.total !== null && p.done <= p.total)).toBe(true);
  });
});
