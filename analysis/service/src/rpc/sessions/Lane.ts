import { ChronoscopeError } from '../../../../core/src/index.js';
import type { ArchiveStore } from '../../../../engine/src/index.js';
import { cancelled } from '../errors.js';

/** How often a cancelled call's connection is interrupted again while its handler still runs. */
const INTERRUPT_EVERY_MS = 50;

interface Waiter {
  start(): void;
}

/**
 * One DuckDB connection that serves one call at a time. DuckDB runs one statement per
 * connection, and a second statement silently ends an open streaming result (a replay fold
 * would stop short without an error), so the calls on a lane take turns.
 *
 * Cancelling a call that waits for its turn just removes it; cancelling the call that runs
 * interrupts the connection, and again every 50 ms until the handler returns, because a
 * handler runs several statements and an interrupt between two of them is not remembered.
 * A handler whose signal was aborted always answers CANCELLED, even when its last statement
 * finished: an interrupted stream ends like a complete one, so its result cannot be trusted.
 */
export class Lane {
  private store: ArchiveStore | null = null;
  private opening: Promise<ArchiveStore> | null = null;
  private busy = false;
  private closed = false;
  private readonly waiting: Waiter[] = [];

  constructor(private readonly open: () => Promise<ArchiveStore>) {}

  async run<T>(method: string, signal: AbortSignal, work: (store: ArchiveStore) => Promise<T>): Promise<T> {
    await this.acquire(method, signal);
    try {
      if (this.closed) throw new ChronoscopeError('NOT_FOUND', `${method}: the archive was closed`);
      const store = await this.ensureOpen();
      if (signal.aborted) throw cancelled(method);
      return await interruptible(store, method, signal, () => work(store));
    } finally {
      this.release();
    }
  }

  /** Waits for the running call to finish, then closes the connection. */
  async close(): Promise<void> {
    this.closed = true;
    await this.acquire('close', new AbortController().signal);
    try {
      const store = this.store ?? (this.opening ? await this.opening.catch(() => null) : null);
      store?.close();
      this.store = null;
      this.opening = null;
    } finally {
      this.release();
    }
  }

  private acquire(method: string, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(cancelled(method));
    if (!this.busy) {
      this.busy = true;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        start: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        const at = this.waiting.indexOf(waiter);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(cancelled(method));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next.start();
    else this.busy = false;
  }

  private async ensureOpen(): Promise<ArchiveStore> {
    if (this.store) return this.store;
    this.opening ??= this.open();
    try {
      this.store = await this.opening;
      return this.store;
    } catch (err) {
      this.opening = null;
      throw err;
    }
  }
}

async function interruptible<T>(
  store: ArchiveStore,
  method: string,
  signal: AbortSignal,
  work: () => Promise<T>,
): Promise<T> {
  let timer: ReturnType<typeof setInterval> | undefined;
  const onAbort = (): void => {
    store.conn.interrupt();
    timer = setInterval(() => store.conn.interrupt(), INTERRUPT_EVERY_MS);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const value = await work();
    if (signal.aborted) throw cancelled(method);
    return value;
  } catch (err) {
    if (signal.aborted) throw cancelled(method);
    throw err;
  } finally {
    signal.removeEventListener('abort', onAbort);
    if (timer) clearInterval(timer);
  }
}
