import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Electron executable if its binary is installed, else null. Never `require('electron')`:
 * with the binary missing, that tries to download it. Mirrors scripts/build-electron.mjs.
 */
export function findElectronBinary(root = process.cwd()): string | null {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const candidate = override
    ? join(override, executable ?? 'electron')
    : executable
      ? join(pkg, 'dist', executable)
      : null;
  return candidate && existsSync(candidate) ? candidate : null;
}
