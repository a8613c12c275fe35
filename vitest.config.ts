import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two cores: DuckDB already runs two threads per import, more workers only thrash.
    maxWorkers: 2,
    projects: [
      {
        // Generator tests write real exports: seconds each, more on a busy two-core machine.
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 60_000 },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
