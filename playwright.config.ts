import { defineConfig } from '@playwright/test';

/**
 * Browser tests run in Debian's Chromium (Playwright cannot download its own browser on
 * these machines), headless, with background networking off: the studio is an offline tool.
 */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test/e2e/studio',
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
  use: {
    headless: true,
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-gpu',
        // WebGL (the replay viewport) in software: there is no GPU on these machines.
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        '--no-first-run',
        '--disable-component-update',
      ],
    },
  },
});
