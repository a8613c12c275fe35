import { resolve } from 'node:path';
import { ChronoscopeError } from '../../../../core/src/index.js';
import type { ArchiveInfo, ImportProgressPayload, SystemId } from '../../../../core/src/index.js';
import { inspectArchive, openArchive } from '../../../../engine/src/index.js';
import type { InspectSummary } from '../../../../engine/src/index.js';
import { ArchiveSession } from './ArchiveSession.js';
import { progressRelay } from './progressRelay.js';
import { rememberRecent } from './recent.js';

export interface OpenRequest {
  path: string;
  system?: SystemId;
  reimport?: boolean;
}

/** The archives the service has open, by id (sha256). Every connection shares them. */
export class ArchiveSessions {
  private readonly byId = new Map<string, ArchiveSession>();

  constructor(readonly cacheDir: string) {}

  /**
   * Imports the archive (or finds it in the cache) and opens a session on it. The import
   * itself cannot be stopped half-way (it leaves nothing behind either way); a cancelled
   * open answers CANCELLED once the import has finished.
   */
  async open(
    request: OpenRequest,
    signal: AbortSignal,
    push: (payload: ImportProgressPayload) => void,
  ): Promise<ArchiveInfo> {
    const path = resolve(request.path);
    const opened = await openArchive(path, {
      cacheDir: this.cacheDir,
      ...(request.system ? { system: request.system } : {}),
      ...(request.reimport ? { force: true } : {}),
      onProgress: progressRelay(path, push),
    });
    let session = this.byId.get(opened.sha256);
    if (session && (session.identity.dbPath !== opened.dbPath || !opened.reused)) {
      // A new import replaced the cache file: the old session reads the old one.
      this.byId.delete(opened.sha256);
      await session.close();
      session = undefined;
    }
    if (!session) {
      session = new ArchiveSession({
        id: opened.sha256,
        path,
        dbPath: opened.dbPath,
        system: opened.system,
        kind: 'unknown',
      });
      this.byId.set(opened.sha256, session);
    }
    // The same bytes opened from another place: the case file goes beside the latest.
    session.identity.path = path;
    const summary = await session.panels.run('archive.open', signal, (store) => inspectArchive(store, 0));
    session.identity.kind = summary.archive.kind;
    // Seeks need keyframes: build them now, in the background (a failure shows on the first seek).
    session.prepareKeyframes().catch(() => undefined);
    await rememberRecent(this.cacheDir, {
      path,
      system: opened.system,
      sha256: opened.sha256,
      openedAt: new Date().toISOString(),
    });
    return archiveInfo(opened.sha256, path, summary, opened.reused);
  }

  get(id: string): ArchiveSession {
    const session = this.byId.get(id);
    if (!session) {
      throw new ChronoscopeError(
        'NOT_FOUND',
        `archive ${id.slice(0, 12)}… is not open: call archive.open first`,
        {
          archive: id,
        },
      );
    }
    return session;
  }

  async close(id: string): Promise<void> {
    const session = this.byId.get(id);
    if (!session) return;
    this.byId.delete(id);
    await session.close();
  }

  async closeAll(): Promise<void> {
    const all = [...this.byId.values()];
    this.byId.clear();
    await Promise.all(all.map((s) => s.close()));
  }
}

function archiveInfo(id: string, path: string, s: InspectSummary, fromCache: boolean): ArchiveInfo {
  return {
    id,
    path,
    sha256: id,
    system: s.system as SystemId,
    records: s.records,
    rejected: s.rejected,
    timeRange: s.timeRange,
    actors: s.actors,
    entityTypes: s.entityTypes,
    files: s.files.map((f) => ({
      path: f.path,
      format: f.format,
      records: f.records,
      rejected: f.rejected,
      ...(f.truncated !== undefined ? { truncated: f.truncated } : {}),
    })),
    fromCache,
  };
}
