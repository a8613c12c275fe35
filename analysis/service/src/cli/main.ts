import { Command, CommanderError } from 'commander';
import { CHRONOSCOPE_VERSION } from '../../../core/src/index.js';
import { registerAnalyze } from './commands/analyze.js';
import { registerExport } from './commands/export.js';
import { registerGenerate } from './commands/generate.js';
import { registerInspect } from './commands/inspect.js';
import { registerQuery } from './commands/query.js';
import { registerHistory } from './commands/history.js';
import { registerRollbackPlan } from './commands/rollbackPlan.js';
import { registerState } from './commands/state.js';
import { registerVerify } from './commands/verify.js';
import { registerKeygen } from './commands/keygen.js';
import { registerPack } from './commands/pack.js';
import { registerReport } from './commands/report.js';
import { registerReel } from './commands/reel.js';
import { registerServe } from './commands/serve.js';
import { describeError, EXIT, exitCodeFor } from './exitCodes.js';

/** The `chronoscope` command line of shared/spec/cli.md. */
export function buildProgram(): Command {
  const program = new Command('chronoscope')
    .description('Forensic analyser and replay studio for audit trails')
    .version(CHRONOSCOPE_VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerInspect(program);
  registerQuery(program);
  registerExport(program);
  registerGenerate(program);
  registerState(program);
  registerHistory(program);
  registerRollbackPlan(program);
  registerAnalyze(program);
  registerVerify(program);
  registerPack(program);
  registerReport(program);
  registerReel(program);
  registerServe(program);
  registerKeygen(program);
  for (const command of program.commands) addCommonOptions(command);
  return program;
}

/** Options every command takes, after its own (a command's own `--system` wins). */
function addCommonOptions(command: Command): void {
  const has = (flag: string): boolean => command.options.some((o) => o.long === flag);
  command.option('--json', 'print one JSON document on stdout (progress stays on stderr)');
  command.option('--quiet', 'no progress on stderr');
  if (command.name() !== 'generate' && command.name() !== 'keygen') {
    command.option('--cache <dir>', 'where imported archives are cached (default: ~/.cache/chronoscope)');
    if (!has('--system'))
      command.option('--system <system>', 'the source system, when detection should not guess');
    command.option('--reimport', 'import again even if the cache holds this archive');
  }
  command.exitOverride();
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    // A command that found what it looks for (verify: tampering) says so through process.exitCode.
    return process.exitCode === EXIT.found ? EXIT.found : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (
        err.code === 'commander.helpDisplayed' ||
        err.code === 'commander.version' ||
        err.code === 'commander.help'
      )
        return EXIT.ok;
      return EXIT.usage;
    }
    process.stderr.write(`${describeError(err)}\n`);
    return exitCodeFor(err);
  }
}

const code = await main(process.argv.slice(2));
// exitCode, not exit(): stdout may still be draining a large result.
process.exitCode = code;
