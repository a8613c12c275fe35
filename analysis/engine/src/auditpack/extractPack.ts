import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ChronoscopeError } from '../../../core/src/index.js';
import { DEFAULT_LIMITS } from '../archive/limits.js';
import { openZip } from '../archive/zipEntries.js';
import { ENTRIES } from './packFormat.js';

const STREAM_NAME = /^[a-z_]+$/;

/**
 * Writes the records of a pack back out as the source export they came from (one NDJSON
 * file per stream; a blockchain pack as chain.json), so that opening a pack goes through the
 * same adapters, and the same source checks, as the export itself.
 */
export async function extractPack(path: string, dir: string): Promise<void> {
  const zip = await openZip(path, DEFAULT_LIMITS);
  const files = new Map<string, WriteStream>();
  try {
    const member = zip.members.find((m) => m.name === ENTRIES.records);
    const manifestMember = zip.members.find((m) => m.name === ENTRIES.manifest);
    if (!member) throw new ChronoscopeError('UNREADABLE', `${path}: no ${ENTRIES.records} in the pack`);
    let chain: { chain?: string | null; difficulty?: number | null } | undefined;
    if (manifestMember) {
      const chunks: Buffer[] = [];
      for await (const c of await manifestMember.open()) chunks.push(c as Buffer);
      chain = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { chain?: typeof chain }).chain;
    }
    const blocks: string[] = [];
    for await (const line of createInterface({ input: await member.open(), crlfDelay: Infinity })) {
      const m = /^\{"seq":\d+,"stream":"([^"]*)","record":(.*)\}$/.exec(line);
      // A line that is not a pack record cannot be placed: the pack's own checks report it.
      if (!m || !STREAM_NAME.test(m[1] ?? '')) continue;
      const [, stream = '', record = ''] = m;
      if (stream === 'chain_blocks') {
        blocks.push(record);
        continue;
      }
      let out = files.get(stream);
      if (!out) {
        out = createWriteStream(join(dir, `${stream}.ndjson`));
        files.set(stream, out);
      }
      if (!out.write(`${record}\n`)) await once(out, 'drain');
    }
    if (blocks.length > 0 || chain) {
      const header = `{"chain":${JSON.stringify(chain?.chain ?? 'main')},"difficulty":${chain?.difficulty ?? 0},"blocks":[`;
      const out = createWriteStream(join(dir, 'chain.json'));
      files.set('chain', out);
      out.write(`${header}${blocks.join(',\n')}]}\n`);
    }
  } finally {
    zip.close();
    await Promise.all([...files.values()].map((f) => new Promise((resolve) => f.end(resolve))));
  }
}
