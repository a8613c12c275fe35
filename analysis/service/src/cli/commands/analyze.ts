import type { Command } from 'commander';
import { ChronoscopeError, parseTimeSpec } from '../../../../core/src/index.js';
import { isSeverity, runDetectors, severityRank } from '../../../../engine/src/index.js';
import type { AnalyzeResult, EventFilter, Finding } from '../../../../engine/src/index.js';
import { printJson, withArchive } from '../archiveSession.js';
import type { ArchiveOptions } from '../archiveSession.js';
import { EXIT } from '../exitCodes.js';

interface AnalyzeCliOptions extends ArchiveOptions {
  from?: string;
  to?: string;
  failOn?: string;
}

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description('anomaly detectors over the archive; findings, most severe first')
    .argument('<archive>', 'a source export (directory, zip or file) or an .auditpack')
    .option('--from <time>', 'first instant analysed (ISO 8601 or seq:N)')
    .option('--to <time>', 'last instant analysed (ISO 8601 or seq:N)')
    .option('--fail-on <severity>', 'exit 1 when a finding at or above this severity exists')
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
      const result = await withArchive(archive, options, (store) => runDetectors(store, { filter }));
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

function formatResult(result: AnalyzeResult): string {
  const lines = result.findings.map(
    (f: Finding) => `${f.severity.padEnd(8)} ${f.detector.padEnd(16)} ${f.summary}`,
  );
  const totals = result.detectors.map((d) => `${d.id} ${d.findings}`).join(', ');
  return `${lines.join('\n')}${lines.length > 0 ? '\n\n' : ''}${result.findings.length} findings (${totals})\n`;
}
