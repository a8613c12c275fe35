import { ChronoscopeError } from '../../../core/src/index.js';
import { DEFAULT_LIMITS } from '../archive/limits.js';
import { openZip } from '../archive/zipEntries.js';

/** Every entry of a pack (or any zip) as bytes: for tools and tests on small packs. */
export async function readPackEntries(path: string): Promise<Map<string, Buffer>> {
  const zip = await openZip(path, DEFAULT_LIMITS);
  try {
    const out = new Map<string, Buffer>();
    for (const member of zip.members) {
      if (member.uncompressedSize > 1 << 30)
        throw new ChronoscopeError('UNREADABLE', `${member.name}: larger than a pack entry can be`);
      const chunks: Buffer[] = [];
      for await (const chunk of await member.open()) chunks.push(chunk as Buffer);
      out.set(member.name, Buffer.concat(chunks));
    }
    return out;
  } finally {
    zip.close();
  }
}
