// Bundles the command line into dist/cli.mjs: one file, fast to start. Packages stay
// external (DuckDB is a native binding and must be loaded from node_modules).
import { build } from 'esbuild';

await build({
  entryPoints: ['analysis/service/src/cli/main.ts'],
  outfile: 'dist/cli.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
