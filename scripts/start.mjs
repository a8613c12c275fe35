// `npm start`: the studio on the bundled descendants demo. Builds what is missing first
// (the command line in dist/cli.mjs, the studio in dist/renderer). With the Electron binary
// installed it is the desktop app's to start; without it (ELECTRON_SKIP_BINARY_DOWNLOAD, as
// on our build machines) it runs browser mode: `chronoscope serve` on 127.0.0.1, printing the
// URL (with its per-launch token) and opening a browser where there is one.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const DEMO = 'assets/demo/descendants';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync('dist/cli.mjs')) {
  console.log('building the command line (dist/cli.mjs)…');
  run(process.execPath, ['scripts/build-cli.mjs']);
}
if (!existsSync('dist/renderer/index.html')) {
  console.log('building the studio (dist/renderer)…');
  run('npx', ['vite', 'build', '--logLevel', 'warn']);
}

/**
 * The Electron binary's path when it was downloaded, else null. Read from electron's own
 * path.txt rather than `require('electron')`, which tries to download a missing binary.
 */
function electronBinary() {
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const relative = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
    const path = join(dir, 'dist', relative);
    return relative !== '' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const electron = electronBinary();
if (electron) {
  // ELECTRON: the desktop app on the demo (electron/, built to dist/electron).
  if (!existsSync('dist/electron/main.cjs')) {
    console.log('building the desktop shell (dist/electron)…');
    await (await import('./build-electron.mjs')).buildElectron();
  }
  // Chromium refuses to run as root with its OS sandbox (containers); the renderer's own
  // sandbox (webPreferences) stays on either way.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) console.log('running as root: starting Electron with --no-sandbox');
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const shell = spawn(electron, [...(asRoot ? ['--no-sandbox'] : []), '.', DEMO], { stdio: 'inherit', env });
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => shell.kill('SIGTERM'));
  const [code, signal] = await once(shell, 'exit');
  process.exit(code ?? (signal ? 0 : 1));
}

// Browser mode. serve prints the URL itself and stops cleanly on Ctrl+C: the terminal sends
// SIGINT to both processes, so this one only waits; a SIGTERM sent to this one is passed on.
const serve = spawn(process.execPath, ['bin/chronoscope.mjs', 'serve', DEMO], { stdio: 'inherit' });
process.on('SIGINT', () => {});
process.on('SIGTERM', () => serve.kill('SIGTERM'));
serve.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
