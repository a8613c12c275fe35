import type { Command } from 'commander';
import { ChronoscopeError } from '../../../../core/src/index.js';
import { generateExport } from '../../../../engine/src/index.js';
import { parseSystem, printJson } from '../archiveSession.js';

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('a realistic synthetic export of one system, optionally with planted incidents')
    .requiredOption('--system <system>', 'descendants|qcs|blockchain|wedsync|robot-cycles')
    .requiredOption('--events <n>', 'rows of the canonical events table to produce')
    .requiredOption('--out <dir>', 'directory to write the export and ground-truth.json into')
    .option('--seed <k>', 'the same seed gives the same export', '1')
    .option('--incidents', 'plant incidents and describe them in ground-truth.json')
    .action(
      async (options: {
        system: string;
        events: string;
        out: string;
        seed: string;
        incidents?: boolean;
        json?: boolean;
        quiet?: boolean;
      }) => {
        const events = wholeNumber('--events', options.events);
        const seed = wholeNumber('--seed', options.seed);
        const started = Date.now();
        let lastReport = 0;
        const summary = await generateExport({
          system: parseSystem(options.system),
          events,
          seed,
          incidents: options.incidents === true,
          out: options.out,
          onProgress: (written) => {
            if (options.quiet || Date.now() - lastReport < 2000) return;
            lastReport = Date.now();
            process.stderr.write(
              `generating ${written.toLocaleString('en')} / ${events.toLocaleString('en')} events\n`,
            );
          },
        });
        const seconds = (Date.now() - started) / 1000;
        if (options.json)
          printJson({ ...summary, seconds, eventsPerSecond: Math.round(summary.events / seconds) });
        else {
          process.stdout.write(
            `wrote ${summary.events.toLocaleString('en')} ${summary.system} events to ${summary.out} in ${seconds.toFixed(1)}s` +
              ` (${summary.incidents} planted incidents)\n` +
              summary.files.map((f) => `  ${f.path}  ${f.records.toLocaleString('en')} records\n`).join(''),
          );
        }
      },
    );
}

function wholeNumber(option: string, text: string): number {
  if (!/^\d+$/.test(text))
    throw new ChronoscopeError('BAD_ARGUMENT', `${option}: "${text}" is not a whole number`);
  return Number(text);
}
