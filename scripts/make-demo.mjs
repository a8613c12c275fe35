// Regenerates the bundled demo archives in assets/demo/<system>/: a small generated export
// of each system with planted incidents, every table gzipped (the importer reads .gz as is).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const SIZES = { descendants: 20000, qcs: 20000, blockchain: 10000, wedsync: 15000, 'robot-cycles': 20000 };
const work = mkdtempSync(join(tmpdir(), 'chronoscope-demo-'));
try {
  for (const [system, events] of Object.entries(SIZES)) {
    const out = join(work, system);
    const run = spawnSync(
      process.execPath,
      [
        'bin/chronoscope.mjs',
        'generate',
        '--system',
        system,
        '--events',
        String(events),
        '--seed',
        '2026',
        '--incidents',
        '--out',
        out,
      ],
      { stdio: 'inherit' },
    );
    if (run.status !== 0) process.exit(run.status ?? 1);
    const target = join('assets/demo', system);
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    for (const name of readdirSync(out)) {
      const data = readFileSync(join(out, name));
      if (name === 'ground-truth.json') writeFileSync(join(target, name), data);
      // mtime 0 in the gzip header keeps the demo byte-identical across regenerations.
      else writeFileSync(join(target, `${name}.gz`), gzipSync(data, { level: 9 }));
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
