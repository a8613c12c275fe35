import type { MethodName, ParsedParamsOf, ResultOf, Topic } from '../../../../core/src/index.js';
import type { ArchiveStore } from '../../../../engine/src/index.js';
import type { ArchiveSession } from '../sessions/ArchiveSession.js';
import type { ArchiveSessions } from '../sessions/ArchiveSessions.js';

/** What every handler may use, the same for every call of one dispatcher. */
export interface ServiceState {
  host: 'browser' | 'electron';
  /** The project's root: where `assets/demo` lives. */
  projectRoot: string;
  cacheDir: string;
  sessions: ArchiveSessions;
}

/** One call: its method, its cancellation, and a way to push events to the caller. */
export interface HandlerContext {
  method: MethodName;
  signal: AbortSignal;
  push(topic: Topic, payload: unknown): void;
  service: ServiceState;
}

export type Handler<M extends MethodName> = (
  params: ParsedParamsOf<M>,
  ctx: HandlerContext,
) => Promise<ResultOf<M>>;

/** The handlers of a group of methods; the full table (handlers/index.ts) must name every method. */
export type Handlers<K extends MethodName> = { [M in K]: Handler<M> };

type LaneName = 'panels' | 'travel' | 'work';

/** Runs `work` on one lane of the archive the call names (see ArchiveSession for which lane is which). */
export function onLane<T>(
  ctx: HandlerContext,
  archive: string,
  lane: LaneName,
  work: (store: ArchiveStore, session: ArchiveSession) => Promise<T>,
): Promise<T> {
  const session = ctx.service.sessions.get(archive);
  return session[lane].run(ctx.method, ctx.signal, (store) => work(store, session));
}

/** A stable memo key for a call's params (objects key-sorted, so `{a,b}` and `{b,a}` agree). */
export function memoKey(method: string, params: unknown): string {
  return `${method} ${JSON.stringify(params, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  )}`;
}
