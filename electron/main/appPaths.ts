import { join, sep } from 'node:path';

export interface AppPaths {
  /** The Vite build of the studio (dist/renderer). */
  rendererDir: string;
  preload: string;
  /** The analysis service's utilityProcess entry. */
  serviceEntry: string;
  /** Where assets/demo lives: outside the asar when packaged, since DuckDB reads it natively. */
  projectRoot: string;
  /** The window icon (Linux and Windows; macOS takes the bundle's). */
  icon: string;
}

/**
 * Every path the shell needs, from the directory of the built main script (dist/electron),
 * in development and packaged alike. Packaged, the app lives in `resources/app.asar`; files
 * listed in electron-builder.yml's asarUnpack are in `app.asar.unpacked` beside it.
 */
export function appPaths(mainDir: string): AppPaths {
  const distDir = join(mainDir, '..');
  const appRoot = join(distDir, '..');
  return {
    rendererDir: join(distDir, 'renderer'),
    preload: join(mainDir, 'preload.cjs'),
    serviceEntry: join(mainDir, 'service.mjs'),
    projectRoot: unpacked(appRoot),
    icon: join(appRoot, 'assets', 'icons', 'icon.png'),
  };
}

/** `…/app.asar/…` → `…/app.asar.unpacked/…` (unchanged outside an asar). */
export function unpacked(path: string): string {
  const marker = `${sep}app.asar`;
  const at = path.indexOf(marker);
  if (at < 0) return path;
  const after = path.slice(at + marker.length);
  if (after !== '' && !after.startsWith(sep)) return path;
  return `${path.slice(0, at)}${marker}.unpacked${after}`;
}
