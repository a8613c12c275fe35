#!/usr/bin/env node
// The `chronoscope` command. Runs the bundled build when `npm run build` (or `npm ci`,
// through `prepare`) has made one, else the TypeScript sources through tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/cli.mjs', import.meta.url);
if (existsSync(fileURLToPath(bundle))) {
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../analysis/service/src/cli/main.ts', import.meta.url).href);
}
