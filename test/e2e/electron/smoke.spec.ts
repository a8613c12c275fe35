import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { METHOD_NAMES } from '../../../analysis/core/src/index.js';
import { findElectronBinary } from './electronBinary.js';

const binary = findElectronBinary();

test.skip(
  binary === null,
  'No Electron binary in node_modules/electron/dist (installed with ELECTRON_SKIP_BINARY_DOWNLOAD or offline): ' +
    'run `npm install` where the network allows, or set ELECTRON_OVERRIDE_DIST_PATH, to run the desktop smoke test.',
);

test.beforeAll(() => {
  if (existsSync('dist/electron/main.cjs') && existsSync('dist/renderer/index.html')) return;
  const build = spawnSync(process.execPath, ['scripts/build-electron.mjs', '--renderer'], {
    stdio: 'inherit',
  });
  expect(build.status, 'building the shell and the studio').toBe(0);
});

test('opens the demo in a locked-down window', async () => {
  const cache = mkdtempSync(join(tmpdir(), 'chronoscope-electron-'));
  const userData = mkdtempSync(join(tmpdir(), 'chronoscope-userdata-'));
  const app = await electron.launch({
    executablePath: binary!,
    // Root in a container has no user namespace for Chromium's sandbox; the renderer's
    // own sandbox (webPreferences) stays on.
    args: [
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      `--user-data-dir=${userData}`,
      '.',
      'assets/demo/descendants',
    ],
    env: { ...process.env, CHRONOSCOPE_CACHE: cache },
  });
  try {
    const window = await app.firstWindow();
    await window.waitForLoadState('domcontentloaded');
    expect(window.url()).toBe('app://chronoscope/index.html');

    // The page has the contract's functions and nothing of Node or Electron.
    const surface = await window.evaluate(() => {
      const api = (globalThis as unknown as { chronoscope: Record<string, unknown> }).chronoscope;
      return {
        keys: Object.keys(api).sort(),
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
      };
    });
    expect(surface).toEqual({
      keys: [...METHOD_NAMES, 'on'].sort(),
      require: 'undefined',
      process: 'undefined',
    });

    const hello = await window.evaluate(() =>
      (globalThis as unknown as { chronoscope: Record<string, (p: unknown) => Promise<unknown>> })
        .chronoscope['session.hello']!({ protocol: 1 }),
    );
    expect(hello).toMatchObject({ ok: true, result: { host: 'electron' } });

    // The demo named on the command line reaches the studio (app.open) and is imported.
    await expect(window.getByText('descendants').first()).toBeVisible({ timeout: 120_000 });

    // Offline: a request to the network never leaves; eval is refused by the CSP.
    const probes = await window.evaluate(async () => ({
      fetch: await fetch('https://example.com/').then(
        () => 'reached',
        () => 'blocked',
      ),
      eval: (() => {
        try {
          return String((0, eval)('1 + 1'));
        } catch {
          return 'refused';
        }
      })(),
    }));
    expect(probes).toEqual({ fetch: 'blocked', eval: 'refused' });
    await window.screenshot({ path: 'test-results/electron-smoke.png' });
  } finally {
    await app.close();
    rmSync(cache, { recursive: true, force: true });
    rmSync(userData, { recursive: true, force: true });
  }
});
