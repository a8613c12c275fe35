import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { ChronoscopeError, parseTimeSpec } from '../../../../core/src/index.js';
import {
  isSeverity,
  parseRules,
  rulesError,
  runDetectors,
  severityRank,
} from '../../../../engine/src/index.js';
import type { AnalyzeResult, EventFilter, Finding } from '../../../../engine/src/index.js';
import { printJson, withArchive } from '../archiveSession.js';
import type { ArchiveOptions } from '../archiveSession.js';
import { EXIT } from '../exitCodes.js';

interface AnalyzeCliOptions extends ArchiveOptions {
  rules?: string;
  from?: string;
  to?: string;
  failOn?: string;
  all?: boolean;
}

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('anomaly detectors and rules over the archive; findings, most severe first')
    .argument('<archive>', 'a source export (directory, zip or file) or an .auditpack')
    .option('--rules <file>', 'your own rules (YAML or JSON), run beside the built-in ones')
    .option('--from <time>', 'first instant analysed (ISO 8601 or seq:N)')
    .option('--to <time>', 'last instant analysed (ISO 8601 or seq:N)')
    .option('--fail-on <severity>', 'exit 1 when a finding at or above this severity exists')
    .option('--all', 'every signal, also those no other signal backs')
    .action(async (archive: string, options: AnalyzeCliOptions) => {
      const failOn = options.failOn;
      if (failOn !== undefined && !isSeverity(failOn)) {
        throw new ChronoscopeError(
          'BAD_ARGUMENT',
          `--fail-on: "${failOn}" is not one of info, low, medium, high, critical`,
        );
      }
      const filter: EventFilter = {
        ...(options.from ? { from: parseTimeSpec(options.from, '--from') } : {}),
        ...(options.to ? { to: parseTimeSpec(options.to, '--to') } : {}),
      };
      // The rules are checked before the archive is opened: a typo should not wait on an import.
      const rules = options.rules === undefined ? undefined : await readRules(options.rules);
      const result = await withArchive(archive, options, (store) =>
        runDetectors(store, {
          filter,
          all: options.all === true,
          ...(rules !== undefined ? { rules, rulesFile: options.rules } : {}),
        }),
      );
      if (options.json) printJson(result);
      else process.stdout.write(formatResult(result));
      if (
        failOn !== undefined &&
        result.findings.some((f) => severityRank(f.severity) >= severityRank(failOn))
      ) {
        // exitCode, not exit(): the findings may still be draining to stdout.
        process.exitCode = EXIT.found;
      }
    });
}

async function readRules(file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new ChronoscopeError('NOT_FOUND', `${file}: ${reason}`, { file });
  }
  const { problems } = parseRules(text);
  if (problems.length > 0) throw rulesError(file, problems);
  return text;
}

function formatResult(result: AnalyzeResult): string {
  const lines = result.findings.map(
    (f: Finding) => `${f.severity.padEnd(8)} ${f.detector.padEnd(16)} ${f.summary}`,
  );
  const totals = result.detectors
    .filter((d) => d.signals > 0)
    .map((d) => `${d.id} ${d.findings}${d.signals > d.findings ? `/${d.signals}` : ''}`)
    .join(', ');
  const aside = result.detectors.reduce((n, d) => n + d.signals - d.findings, 0);
  const note = aside > 0 ? `; ${aside} weaker signals set aside (--all shows them)` : '';
  return `${lines.join('\n')}${lines.length > 0 ? '\n\n' : ''}${result.findings.length} findings (${totals || 'none'})${note}\n`;
}
