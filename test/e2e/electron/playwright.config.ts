import { defineConfig } from '@playwright/test';

/**
 * The desktop shell's smoke test: `npx playwright test -c test/e2e/electron`. It drives the
 * real Electron binary through Playwright's `_electron`, so it needs no browser of its own;
 * without the binary (these machines) it is skipped, saying so.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 180_000,
  workers: 1,
  reporter: [['list']],
});
