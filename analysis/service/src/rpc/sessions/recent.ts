import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RecentArchive } from '../../../../core/src/index.js';
import { writeFileAtomic } from '../files/atomicWrite.js';

const FILE = 'recent.json';
const KEEP = 20;

/** The archives opened lately, newest first: `<cache>/recent.json`. A damaged file reads as empty. */
export async function readRecent(cacheDir: string): Promise<RecentArchive[]> {
  let text: string;
  try {
    text = await readFile(join(cacheDir, FILE), 'utf8');
  } catch {
    return [];
  }
  try {
    const parsed = RecentArchive.array().safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

// Opens that finish together must not each write a list missing the other's entry.
let writing: Promise<void> = Promise.resolve();

export function rememberRecent(cacheDir: string, entry: RecentArchive): Promise<void> {
  const next = writing.then(async () => {
    const list = (await readRecent(cacheDir)).filter((r) => r.path !== entry.path);
    await mkdir(cacheDir, { recursive: true });
    await writeFileAtomic(
      join(cacheDir, FILE),
      `${JSON.stringify([entry, ...list].slice(0, KEEP), null, 2)}\n`,
    );
  });
  writing = next.catch(() => undefined);
  return next;
}
