// `npm start`: opens the bundled demo archives. The studio (browser mode and the Electron
// shell) is not built yet, so this imports each demo into the cache and prints what the
// command line shows of it, with the commands to go further.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const demos = readdirSync('assets/demo').sort();
for (const system of demos) {
  const archive = `assets/demo/${system}`;
  console.log(`\n=== ${archive} ===`);
  const run = spawnSync(process.execPath, ['bin/chronoscope.mjs', 'inspect', archive], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
console.log(`
Go further with the command line (see README.md):
  npx chronoscope query assets/demo/qcs "SELECT actor_id, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC LIMIT 10"
  npx chronoscope export assets/demo/wedsync --format parquet --out /tmp/wedsync.parquet
  npx chronoscope generate --system descendants --events 100000 --incidents --out /tmp/world`);
