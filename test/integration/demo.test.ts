import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SYSTEM_IDS } from '../../analysis/core/src/index.js';
import { importArchive } from '../helpers/archives.js';

const DEMO = join(import.meta.dirname, '../../assets/demo');

/** `npm start` opens these: each must import whole, as its own system, with its incidents planted. */
describe('bundled demo archives', () => {
  for (const system of SYSTEM_IDS) {
    it(system, async () => {
      const db = await importArchive(join(DEMO, system));
      expect(db.opened.system).toBe(system);
      expect(await db.count('SELECT count(*) FROM rejects')).toBe(0);
      expect(await db.count('SELECT count(*) FROM events')).toBeGreaterThan(5000);
      const truth = JSON.parse(await readFile(join(DEMO, system, 'ground-truth.json'), 'utf8'));
      expect(truth.incidents.length).toBeGreaterThan(0);
      // A deleted record is named by the id it would have had: it is, rightly, not in the log.
      type Incident = { evidence: string[]; detectors: string[] };
      const present = truth.incidents.filter((i: Incident) => !i.detectors.includes('sequence_gap'));
      const evidence = present.flatMap((i: Incident) => i.evidence).slice(0, 50);
      const found = await db.count(
        `SELECT count(*) FROM events WHERE source_id IN (${evidence.map((e: string) => `'${e.replace(/'/g, "''")}'`).join(',')})`,
      );
      expect(found).toBe(new Set(evidence).size);
    });
  }
});
