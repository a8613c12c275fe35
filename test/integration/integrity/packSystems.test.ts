import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYSTEM_IDS } from '../../../analysis/core/src/index.js';
import { readPublicKey, verifyPack } from '../../../analysis/engine/src/index.js';
import { verifyPackArchive } from '../../../analysis/service/src/cli/commands/verifyPackSession.js';
import { tempDir } from '../../helpers/archives.js';
import { findingsOf, packOf, signer } from './packKit.js';
import { cleanExport } from './tamper.js';

/** Every system's export packs, verifies clean, and its records pass the system's own checks from inside the pack. */
describe('.auditpack of every system', () => {
  it.each(SYSTEM_IDS)(
    'packs a clean %s export that verifies clean, the pack and the source checks both',
    async (system) => {
      const dir = await tempDir(`chronoscope-pack-${system}-`);
      const source = await cleanExport(system, 400);
      const alice = await signer(dir, 'alice');
      const pack = join(dir, `${system}.auditpack`);
      const summary = await packOf(source, pack, alice, {
        cacheDir: join(dir, 'cache'),
        origin: `${system}.test`,
      });
      expect(summary.records).toBeGreaterThan(0);
      const own = await verifyPack(pack, await readPublicKey(alice.publicPath), { options: {} });
      expect(findingsOf(own)).toEqual([]);
      const report = await verifyPackArchive(
        pack,
        alice.publicPath,
        { cache: join(dir, 'cache'), quiet: true },
        {},
      );
      expect(report.checks.filter((c) => !c.ok)).toEqual([]);
      expect(report).toMatchObject({ ok: true, system, pack: { pinned: true, origin: `${system}.test` } });
      // The pack's own checks first, then the system's: the pack is opened as the export it holds.
      expect(report.checks.map((c) => c.name).slice(0, 6)).toEqual([
        'checkpoint_signature',
        'seal_chain',
        'leaves_vs_seals',
        'records_vs_leaves',
        'manifest_entries',
        'previous_link',
      ]);
      expect(report.checks.length).toBeGreaterThan(6);
    },
  );
});
