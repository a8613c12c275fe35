import type { ParsedParamsOf } from '../../../../core/src/index.js';
import { findChromium, gatherReport, saveReport, verifyArchive } from '../../../../engine/src/index.js';
import type { ArchiveStore, EventFilter, ReportIntegrity } from '../../../../engine/src/index.js';
import { verifyPackArchive } from '../../cli/commands/verifyPackSession.js';
import type { SessionIdentity } from '../sessions/ArchiveSession.js';
import type { HandlerContext } from './types.js';

/**
 * The analyst's report made from the studio: the same gathering and rendering as
 * `chronoscope report`, over the studio's filter (identity and integrity stay the whole
 * archive's), with the case file beside the archive for the annotations. A PDF is printed by
 * the Chromium the command line would find.
 */
export async function writeReport(
  store: ArchiveStore,
  identity: SessionIdentity,
  ctx: HandlerContext,
  p: ParsedParamsOf<'export.file'>,
  filter: EventFilter,
  out: string,
): Promise<{ pages?: number }> {
  // Before any work: a PDF without a Chromium would waste the whole analysis.
  const chromium = p.format === 'pdf' ? await findChromium() : null;
  const step = (fraction: number): void => ctx.push('export.progress', { kind: 'report', fraction });
  const integrity: ReportIntegrity =
    identity.kind === 'auditpack'
      ? await verifyPackArchive(identity.path, undefined, { cache: ctx.service.cacheDir, quiet: true }, {})
      : await verifyArchive(store, {});
  step(0.3);
  const steps = ['identity', 'charts', 'detectors', 'actors', 'annotations'];
  const data = await gatherReport(store, {
    archivePath: identity.path,
    integrity,
    filter,
    ...(p.title ? { title: p.title } : {}),
    onStep: (name) => step(0.3 + (0.6 * Math.max(0, steps.indexOf(name))) / steps.length),
  });
  const pages = await saveReport(data, out, chromium);
  step(1);
  return pages === null ? {} : { pages };
}
