import { existsSync } from 'node:fs';
import type { Browser, chromium as Chromium } from 'playwright-core';
import { ChronoscopeError } from '../../../core/src/index.js';

const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/**
 * A Chromium to print with: `$CHROME_PATH` or `$CHROMIUM_PATH` when set (and then only that:
 * a path the user named must not be silently replaced), else the usual system places, else
 * the browser Playwright installs. The error says everything that was looked for.
 */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  for (const name of ['CHROME_PATH', 'CHROMIUM_PATH']) {
    const named = env[name];
    if (named) {
      if (existsSync(named)) return named;
      throw new ChronoscopeError('NOT_FOUND', `${name} names ${named}, which does not exist`, {
        file: named,
      });
    }
  }
  const found = SYSTEM_PATHS.find((p) => existsSync(p));
  if (found) return found;
  const playwrights = await playwrightChromium();
  if (playwrights && existsSync(playwrights)) return playwrights;
  throw new ChronoscopeError(
    'NOT_FOUND',
    `a PDF report needs Chromium: looked for $CHROME_PATH and $CHROMIUM_PATH (unset), ${SYSTEM_PATHS.join(', ')} and Playwright's browser${playwrights ? ` (${playwrights})` : ''}; install one (Debian: apt-get install -y chromium) or set CHROME_PATH, or write --out FILE.html`,
  );
}

async function playwrightChromium(): Promise<string | null> {
  try {
    const { chromium } = await import('playwright-core');
    return chromium.executablePath();
  } catch {
    return null;
  }
}

/**
 * Starts the found Chromium headless through playwright-core (loaded only here: a command that
 * needs no browser needs no browser library), offline, with `extraArgs` for the work at hand.
 * `purpose` names what needs it in the error when playwright-core is missing.
 */
export async function launchChromium(
  chromiumPath: string,
  extraArgs: readonly string[],
  purpose: string,
): Promise<Browser> {
  let chromium: typeof Chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new ChronoscopeError('NOT_FOUND', `${purpose} needs the playwright-core package; npm install it`);
  }
  return chromium
    .launch({
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage', ...extraArgs],
    })
    .catch((err: unknown) => {
      throw new ChronoscopeError(
        'UNREADABLE',
        `could not start Chromium at ${chromiumPath}: ${(err as Error).message.split('\n')[0]}`,
        { file: chromiumPath },
      );
    });
}
