import { readFile, realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { ChronoscopeError, parseCaseFileText } from '../../../../core/src/index.js';
import type { CaseFileShape } from '../../../../core/src/index.js';
import { writeFileAtomic } from '../files/atomicWrite.js';
import type { SessionIdentity } from '../sessions/ArchiveSession.js';
import type { Handlers } from './types.js';

/**
 * The case file (annotations, bookmarks, branches, views, rules, replay settings) lives
 * beside the evidence, never in it: `<archive>.chronocase.json`, for a directory
 * `<dir>.chronocase.json` next to the directory.
 */
export function defaultCasePath(archivePath: string): string {
  const trimmed = resolve(archivePath);
  return join(dirname(trimmed), `${basename(trimmed)}.chronocase.json`);
}

function emptyCase(identity: SessionIdentity): CaseFileShape {
  return {
    format: 'chronoscope-case/1',
    archive: { path: identity.path, sha256: identity.id },
    annotations: [],
    bookmarks: [],
    branches: [],
    views: [],
    rules: [],
    replay: {},
  };
}

export const caseFileHandlers: Handlers<'case.load' | 'case.save'> = {
  'case.load': async (params, ctx) => {
    const identity = ctx.service.sessions.get(params.archive).identity;
    const path = resolve(params.path ?? defaultCasePath(identity.path));
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyCase(identity);
      throw new ChronoscopeError('UNREADABLE', `${path}: ${(err as Error).message}`, { file: path });
    }
    return parseCaseFileText(text, path);
  },

  'case.save': async (params, ctx) => {
    const identity = ctx.service.sessions.get(params.archive).identity;
    const path = await safeCasePath(params.path ?? defaultCasePath(identity.path), identity.path, ctx.method);
    await writeFileAtomic(path, `${JSON.stringify(params.data, null, 2)}\n`);
    return { path };
  },
};

/**
 * Where a case file may be written: a `.json` file outside the evidence (the evidence is
 * never changed, and a case file inside a directory export would become part of it), in a
 * folder that exists. Links are resolved before comparing.
 */
async function safeCasePath(requested: string, evidence: string, method: string): Promise<string> {
  const target = resolve(requested);
  if (!target.toLowerCase().endsWith('.json')) {
    throw new ChronoscopeError(
      'BAD_ARGUMENT',
      `${method}: params.path: a case file ends in .json: ${target}`,
    );
  }
  const folder = await realpath(dirname(target)).catch(() => {
    throw new ChronoscopeError('NOT_FOUND', `${method}: params.path: no folder ${dirname(target)}`);
  });
  const real = join(folder, basename(target));
  const source = await realpath(evidence).catch(() => resolve(evidence));
  if (real === source || real.startsWith(source + sep)) {
    throw new ChronoscopeError(
      'BAD_ARGUMENT',
      `${method}: params.path: ${target} is inside the evidence (${source}); the case file goes beside it`,
    );
  }
  return real;
}
