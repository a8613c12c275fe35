import { describe, expect, it } from 'vitest';
import { ChronoscopeError, RpcClient } from '../../../analysis/core/src/index.js';
import type { ClientMessage, ServiceMessage, Transport } from '../../../analysis/core/src/index.js';

/** A transport whose service side the test plays by hand. */
class FakeTransport implements Transport {
  sent: ClientMessage[] = [];
  private receive: (m: ServiceMessage) => void = () => {};
  private closed: (reason: string) => void = () => {};
  send(message: ClientMessage): void {
    this.sent.push(message);
  }
  listen(receive: (m: ServiceMessage) => void): void {
    this.receive = receive;
  }
  onClose(closed: (reason: string) => void): void {
    this.closed = closed;
  }
  close(): void {}
  reply(message: ServiceMessage): void {
    this.receive(message);
  }
  drop(reason: string): void {
    this.closed(reason);
  }
  lastId(): number {
    const last = this.sent.at(-1);
    if (!last || !('id' in last)) throw new Error('nothing sent');
    return last.id;
  }
}

const SHA = 'a'.repeat(64);

describe('RpcClient', () => {
  it('sends the envelope of the contract and resolves with the validated result', async () => {
    const t = new FakeTransport();
    const client = new RpcClient(t);
    const pending = client.call('events.count', { archive: SHA, filter: { actors: ['alice'] } });
    expect(t.sent[0]).toEqual({
      v: 1,
      id: 1,
      method: 'events.count',
      params: { archive: SHA, filter: { actors: ['alice'] } },
    });
    t.reply({ id: 1, ok: true, result: { count: 42 } });
    await expect(pending).resolves.toEqual({ count: 42 });
  });

  it('rebuilds service errors as ChronoscopeError with their code and data', async () => {
    const t = new FakeTransport();
    const client = new RpcClient(t);
    const pending = client.call('archive.open', { path: '/nope' });
    t.reply({
      id: t.lastId(),
      ok: false,
      error: { code: 'NOT_FOUND', message: '/nope: no such file', data: { file: '/nope' } },
    });
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChronoscopeError);
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      message: '/nope: no such file',
      data: { file: '/nope' },
    });
  });

  it('rejects a reply that breaks the contract instead of handing it to a panel', async () => {
    const t = new FakeTransport();
    const client = new RpcClient(t);
    const pending = client.call('events.count', { archive: SHA });
    t.reply({ id: t.lastId(), ok: true, result: { count: 'many' } });
    await expect(pending).rejects.toMatchObject({ code: 'INTERNAL', message: /breaks the contract/ });
  });

  it('turns an abort into a cancel message for that request', async () => {
    const t = new FakeTransport();
    const client = new RpcClient(t);
    const controller = new AbortController();
    const pending = client.call(
      'query.run',
      { archive: SHA, sql: 'SELECT 1' },
      { signal: controller.signal },
    );
    const id = t.lastId();
    controller.abort();
    expect(t.sent.at(-1)).toEqual({ type: 'cancel', id });
    t.reply({ id, ok: false, error: { code: 'CANCELLED', message: 'query.run was cancelled' } });
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('delivers pushed events to subscribers until they unsubscribe', () => {
    const t = new FakeTransport();
    const client = new RpcClient(t);
    const seen: unknown[] = [];
    const off = client.on('import.progress', (p) => seen.push(p));
    t.reply({ type: 'event', topic: 'import.progress', payload: { phase: 'reading' } });
    off();
    t.reply({ type: 'event', topic: 'import.progress', payload: { phase: 'done' } });
    expect(seen).toEqual([{ phase: 'reading' }]);
  });

  it('fails every pending call when the connection drops, and later calls at once', async () => {
    const t = new FakeTransport();
    const client = new RpcClient(t);
    const pending = client.call('archive.demos', {});
    t.drop('socket closed');
    await expect(pending).rejects.toMatchObject({ message: 'socket closed' });
    await expect(client.call('archive.demos', {})).rejects.toMatchObject({ message: 'socket closed' });
  });
});
