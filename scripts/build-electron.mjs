// Builds the desktop shell into dist/electron: main.cjs (main process), preload.cjs
// (sandboxed preload: one CommonJS file, nothing but `electron` outside it) and service.mjs
// (the analysis service for Electron's utilityProcess; packages stay external, DuckDB is a
// native binding loaded from node_modules). `--renderer` builds the studio (Vite, to
// dist/renderer) too, for packaging. Also tells whether the Electron binary exists, without
// asking the `electron` package (its require() downloads the binary when missing).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'electron');

/** The Electron executable when its binary was installed (or ELECTRON_OVERRIDE_DIST_PATH names one), else null. */
export function findElectronBinary() {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? join(override, executable ?? 'electron')
    : executable
      ? join(pkg, 'dist', executable)
      : null;
  return candidate && existsSync(candidate) ? candidate : null;
}

export async function buildElectron() {
  const common = { bundle: true, sourcemap: true, logLevel: 'warning', absWorkingDir: root };
  await Promise.all([
    build({
      ...common,
      entryPoints: ['electron/main/main.ts'],
      outfile: join(outdir, 'main.cjs'),
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      external: ['electron'],
    }),
    build({
      ...common,
      entryPoints: ['electron/preload/preload.ts'],
      outfile: join(outdir, 'preload.cjs'),
      platform: 'browser',
      format: 'cjs',
      target: 'chrome140',
      external: ['electron'],
    }),
    build({
      ...common,
      entryPoints: ['analysis/service/src/hosts/utilityProcess.ts'],
      outfile: join(outdir, 'service.mjs'),
      platform: 'node',
      format: 'esm',
      target: 'node22',
      packages: 'external',
    }),
  ]);
}

/** The studio's renderer, built with the project's vite.config.ts. */
export async function buildRenderer() {
  const vite = await import('vite');
  await vite.build({
    configFile: join(root, 'vite.config.ts'),
    root: join(root, 'renderer'),
    logLevel: 'warn',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildElectron();
  if (process.argv.includes('--renderer')) await buildRenderer();
}
