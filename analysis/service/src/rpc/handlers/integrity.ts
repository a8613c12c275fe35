import type { VerifyResult } from '../../../../core/src/index.js';
import { verifyArchive } from '../../../../engine/src/index.js';
import type { IntegrityCheck, IntegrityFinding, VerifyOptions } from '../../../../engine/src/index.js';
import { verifyPackArchive } from '../../cli/commands/verifyPackSession.js';
import { cancelled } from '../errors.js';
import { onLane } from './types.js';
import type { Handlers } from './types.js';

export const integrityHandlers: Handlers<'integrity.verify'> = {
  /**
   * The checks `chronoscope verify` runs. An .auditpack gets the pack's own checks
   * (auditpack.md) and then its export's, exactly as on the command line (the same function;
   * unpinned: the contract carries no public key yet, so a pack is checked against its own).
   */
  'integrity.verify': async (params, ctx) => {
    const options: VerifyOptions = params.hmacSecret !== undefined ? { hmacSecret: params.hmacSecret } : {};
    const session = ctx.service.sessions.get(params.archive);
    if (session.identity.kind === 'auditpack') {
      const report = await verifyPackArchive(
        session.identity.path,
        undefined,
        { cache: ctx.service.cacheDir, quiet: true },
        options,
      );
      if (ctx.signal.aborted) throw cancelled(ctx.method);
      return verifyResult(report);
    }
    return onLane(ctx, params.archive, 'work', async (store) =>
      verifyResult(await verifyArchive(store, options)),
    );
  },
};

function verifyResult(r: {
  ok: boolean;
  records: number;
  checks: IntegrityCheck[];
  findings: IntegrityFinding[];
}): VerifyResult {
  return {
    ok: r.ok,
    records: r.records,
    checks: r.checks.map((c) => ({
      name: c.name,
      ok: c.ok,
      detail: c.detail,
      findings: c.findings,
      ...(c.skipped !== undefined ? { skipped: c.skipped } : {}),
    })),
    findings: r.findings.map((f) => ({ ...f })),
  };
}
