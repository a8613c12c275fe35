import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { SystemId } from '../../../analysis/core/src/index.js';

/** What `chronoscope serve --json` prints once it listens. */
export interface ServerInfo {
  url: string;
  port: number;
  token: string;
}

/** A studio page in browser mode, at the server's URL. */
export interface Studio {
  page: Page;
  url: string;
  /** Clicks the bundled demo of `system` on the Open panel and waits for its overview. */
  openDemo(system: SystemId): Promise<void>;
  /**
   * Runs `chronoscope <args> --json` as a user would (with its own cache, so it never shares
   * a database file with the server) and returns the parsed document: the reference the
   * studio's numbers are checked against.
   */
  cli(args: string[]): Promise<unknown>;
  /** Saves the whole window to docs/screenshots/<name>.png (1440x900), for people to look at. */
  screenshot(name: string): Promise<void>;
}

/** The bundled demo archive of a system, as `archive.demos` lists it. */
export function demoPath(system: SystemId): string {
  return join(process.cwd(), 'assets', 'demo', system);
}

const VIEWPORT = { width: 1440, height: 900 };
const STARTUP_MS = 120_000;

/** Starts `chronoscope serve` on a free port with its own cache; resolves with its JSON line. */
async function startServer(cacheDir: string): Promise<{ child: ChildProcess; info: ServerInfo }> {
  // CHRONOSCOPE_STATIC serves a renderer build other than dist/renderer (a private build while
  // others rebuild dist/ in the same tree).
  const staticDir = process.env['CHRONOSCOPE_STATIC'];
  const child = spawn(
    process.execPath,
    [
      'bin/chronoscope.mjs',
      'serve',
      '--port',
      '0',
      '--no-open',
      '--json',
      '--cache',
      cacheDir,
      ...(staticDir ? ['--static', staticDir] : []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, BROWSER: 'none' } },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const info = await new Promise<ServerInfo>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`serve printed no URL in ${STARTUP_MS} ms\n${stderr}`)),
      STARTUP_MS,
    );
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before printing its URL\n${stderr}`));
    });
    // The first line that parses as JSON with a url is the server's announcement.
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as Partial<ServerInfo>;
        if (typeof parsed.url === 'string') {
          clearTimeout(timer);
          resolve(parsed as ServerInfo);
        }
      } catch {
        // not the JSON line
      }
    });
  });
  return { child, info };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Console messages a test must not fail on: the browser's own request for /favicon.ico,
 * which the studio never makes.
 */
function isBrowserNoise(text: string, url: string): boolean {
  return url.endsWith('/favicon.ico') || text.includes('favicon.ico');
}

const run = promisify(execFile);

async function runCli(cacheDir: string, args: string[]): Promise<unknown> {
  const { stdout } = await run(
    process.execPath,
    ['bin/chronoscope.mjs', ...args, '--json', '--cache', cacheDir],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return JSON.parse(stdout) as unknown;
}

export const test = base.extend<{ studio: Studio }, { server: ServerInfo; cliCache: string }>({
  // One server per worker: the demos import once into its cache, every test reuses them.
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const cacheDir = mkdtempSync(join(tmpdir(), 'chronoscope-e2e-'));
      const { child, info } = await startServer(cacheDir);
      try {
        await use(info);
      } finally {
        await stopServer(child);
        rmSync(cacheDir, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: STARTUP_MS + 10_000 },
  ],

  cliCache: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'chronoscope-e2e-cli-'));
      try {
        await use(dir);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    { scope: 'worker' },
  ],

  studio: async ({ page, server, cliCache }, use, testInfo) => {
    const errors: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      if (isBrowserNoise(msg.text(), msg.location().url)) return;
      errors.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    await page.setViewportSize(VIEWPORT);
    await page.goto(server.url);

    const studio: Studio = {
      page,
      url: server.url,
      async openDemo(system) {
        await page.getByTestId(`open-demo-${system}`).click();
        await expect(page.getByTestId('archive-header')).toHaveAttribute('data-system', system, {
          timeout: 120_000,
        });
      },
      cli: (args) => runCli(cliCache, args),
      async screenshot(name) {
        await page.screenshot({ path: join('docs', 'screenshots', `${name}.png`) });
      },
    };
    await use(studio);
    if (testInfo.status === testInfo.expectedStatus) {
      expect(errors, 'the studio logged errors').toEqual([]);
    }
  },
});

export { expect };
