import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../helpers/archives.js';
import { HAS_CHROMIUM } from '../integration/report/chromiumPage.js';
import { probeWebm } from './probeWebm.js';

const BIN = join(import.meta.dirname, '../../bin/chronoscope.mjs');
const DEMO = join(import.meta.dirname, '../../assets/demo/descendants');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The command as a user runs it (asynchronously: the render takes seconds, and the test stays responsive). */
function cli(cache: string, env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, CHRONOSCOPE_CACHE: cache, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('chronoscope reel renders a highlight reel headless', async () => {
  const work = await tempDir();
  const cache = join(work, 'cache');

  it.skipIf(!HAS_CHROMIUM)(
    'writes a WebM a standard demuxer reads: codec, size, frames and duration as asked',
    async () => {
      const out = join(work, 'reel.webm');
      const run = await cli(
        cache,
        {},
        'reel',
        DEMO,
        '--out',
        out,
        '--from',
        '2026-05-10T00:00:00Z',
        '--to',
        '2026-05-12T00:00:00Z',
        '--size',
        '320x180',
        '--fps',
        '12',
        '--duration',
        '2.5',
        '--title',
        'Two days of the demo',
        '--json',
      );
      expect(run.code, run.stderr).toBe(0);
      const printed = JSON.parse(run.stdout) as Record<string, number | string>;
      const bytes = await readFile(out);
      expect(printed).toMatchObject({
        out,
        bytes: bytes.byteLength,
        frames: 30,
        durationS: 2.5,
        width: 320,
        height: 180,
      });
      expect(printed['seconds']).toBeGreaterThan(0);
      const probe = await probeWebm(bytes);
      expect(probe.mimeType).toContain('video/webm');
      expect(['vp9', 'vp8']).toContain(probe.codec);
      expect([probe.width, probe.height]).toEqual([320, 180]);
      expect(probe.packets).toBe(30);
      expect(probe.keyPackets).toBeGreaterThan(0);
      expect(probe.durationS).toBeCloseTo(2.5, 2);
    },
  );

  it('refuses a bad size, a bad frame rate and a missing Chromium with one clear line', async () => {
    const out = join(work, 'bad.webm');
    const size = await cli(cache, {}, 'reel', DEMO, '--out', out, '--size', '1279x720');
    expect(size.code).toBe(3);
    expect(size.stderr).toMatch(/--size: "1279x720" is not a video size/);
    const fps = await cli(cache, {}, 'reel', DEMO, '--out', out, '--fps', '0');
    expect(fps.code).toBe(3);
    expect(fps.stderr).toMatch(/--fps/);
    const mp4 = await cli(cache, {}, 'reel', DEMO, '--out', join(work, 'reel.mp4'));
    expect(mp4.code).toBe(3);
    const none = await cli(cache, { CHROME_PATH: join(work, 'no-chromium') }, 'reel', DEMO, '--out', out);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`CHROME_PATH names ${join(work, 'no-chromium')}`);
  });
});
