// End-to-end tests: the command line as a user runs it (vitest project "e2e"), then the
// studio in Chromium through Playwright (test/e2e/studio), then the Electron smoke test.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run('npx', ['vitest', 'run', '--project', 'e2e']);

const studioDir = 'test/e2e/studio';
const specs = existsSync(studioDir) ? readdirSync(studioDir).filter((f) => f.endsWith('.spec.ts')) : [];
if (specs.length > 0) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    console.error(
      `The studio tests need Chromium at ${chromium}.\n` +
        '  Debian/Ubuntu (as root): apt-get install -y chromium\n' +
        '  Elsewhere, where the network allows: npx playwright install chromium, then CHROMIUM_PATH=<its path>',
    );
    process.exit(1);
  }
  run('npx', ['playwright', 'test']);
}

// The desktop shell's smoke test: it skips, saying why, where no Electron binary is installed.
run('npx', ['playwright', 'test', '-c', 'test/e2e/electron']);
