import { ChronoscopeError, isSystemId, SYSTEM_IDS } from '../../../core/src/index.js';
import type { SystemId } from '../../../core/src/index.js';
import { ArchiveStore, openArchive } from '../../../engine/src/index.js';
import type { OpenedArchive } from '../../../engine/src/index.js';
import { progressPrinter } from './progressBar.js';

/** Options every command that reads an archive takes. */
export interface ArchiveOptions {
  cache?: string;
  system?: string;
  json?: boolean;
  quiet?: boolean;
  reimport?: boolean;
}

/** Opens (importing if needed) the archive, runs `work` on its store, and always closes it. */
export async function withArchive<T>(
  path: string,
  options: ArchiveOptions,
  work: (store: ArchiveStore, opened: OpenedArchive) => Promise<T>,
): Promise<T> {
  const opened = await openArchive(path, {
    ...(options.system ? { system: parseSystem(options.system) } : {}),
    ...(options.cache ? { cacheDir: options.cache } : {}),
    ...(options.reimport ? { force: true } : {}),
    onProgress: progressPrinter(process.stderr, options.quiet === true),
  });
  const store = await ArchiveStore.open(opened.dbPath);
  try {
    return await work(store, opened);
  } finally {
    store.close();
  }
}

export function parseSystem(value: string): SystemId {
  if (!isSystemId(value)) {
    throw new ChronoscopeError('BAD_ARGUMENT', `--system: "${value}" is not one of ${SYSTEM_IDS.join(', ')}`);
  }
  return value;
}

export function parseChoice<T extends string>(option: string, value: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value)) {
    throw new ChronoscopeError('BAD_ARGUMENT', `${option}: "${value}" is not one of ${choices.join(', ')}`);
  }
  return value as T;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
