import { Command, CommanderError } from 'commander';
import { CHRONOSCOPE_VERSION } from '../../../core/src/index.js';
import { registerExport } from './commands/export.js';
import { registerGenerate } from './commands/generate.js';
import { registerInspect } from './commands/inspect.js';
import { registerQuery } from './commands/query.js';
import { describeError, EXIT, exitCodeFor } from './exitCodes.js';

/** The `chronoscope` command line of shared/spec/cli.md. */
export function buildProgram(): Command {
  const program = new Command('chronoscope')
    .description('Forensic analyser and replay studio for audit trails')
    .version(CHRONOSCOPE_VERSION)
    .option('--json', 'print one JSON document on stdout (progress stays on stderr)')
    .option('--cache <dir>', 'where imported archives are cached (default: ~/.cache/chronoscope)')
    .option('--system <system>', 'the source system, when detection should not guess')
    .option('--quiet', 'no progress on stderr')
    .option('--reimport', 'import again even if the cache holds this archive')
    .enablePositionalOptions(false)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerInspect(program);
  registerQuery(program);
  registerExport(program);
  registerGenerate(program);
  // Global options may come after the command name too: hand them down to each action.
  for (const command of program.commands) {
    command
      .option('--json', 'print one JSON document on stdout')
      .option('--cache <dir>', 'cache directory')
      .option('--system <system>', 'source system')
      .option('--quiet', 'no progress')
      .option('--reimport', 'import again')
      .exitOverride();
    command.hook('preAction', (_this, action) => {
      const globals = program.opts();
      for (const [key, value] of Object.entries(globals)) if (action.getOptionValue(key) === undefined) action.setOptionValue(key, value);
    });
  }
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    process.stderr.write(`${describeError(err)}\n`);
    return exitCodeFor(err);
  }
}

const code = await main(process.argv.slice(2));
// Let stdout drain (COPY TO /dev/stdout and large JSON) before the exit code is set.
process.exitCode = code;
