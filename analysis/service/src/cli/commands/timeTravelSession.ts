import { TimeTravel } from '../../../../engine/src/index.js';
import type { ArchiveStore } from '../../../../engine/src/index.js';

/**
 * Opens time travel on an archive for one command; the first command on an archive builds
 * its keyframes (one pass over the events), which is said on stderr unless `--quiet`.
 */
export async function withTimeTravel<T>(
  store: ArchiveStore,
  options: { quiet?: boolean; fullReplay?: boolean },
  work: (travel: TimeTravel) => Promise<T>,
): Promise<T> {
  const say = (line: string): void => {
    if (!options.quiet) process.stderr.write(`${line}\n`);
  };
  const travel = await TimeTravel.open(store, {
    keyframes: options.fullReplay ? 'off' : 'auto',
    onBuild: (phase, build) => {
      if (phase === 'start') say('building keyframes (once per archive)…');
      else if (build) say(`keyframes: ${build.keyframes} built in ${(build.ms / 1000).toFixed(1)}s`);
    },
  });
  try {
    return await work(travel);
  } finally {
    travel.close();
  }
}
