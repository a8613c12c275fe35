import { beforeAll, describe, expect, it } from 'vitest';
import { ChronoscopeError } from '../../../analysis/core/src/index.js';
import type { ArchiveInfo, RpcClient } from '../../../analysis/core/src/index.js';
import { DETECTOR_IDS } from '../../../analysis/engine/src/index.js';
import { DEMO, startHarness } from './harness.js';
import type { Harness } from './harness.js';

let h: Harness;
let client: RpcClient;
let wed: ArchiveInfo;

beforeAll(async () => {
  h = await startHarness();
  client = await h.connect();
  wed = await client.call('archive.open', { path: DEMO('wedsync') });
});

/** Never finishes on its own: ten trillion rows of a cross join. */
const SLOW = 'SELECT sum(a.range * b.range) AS s FROM range(100000000) a, range(100000) b';

describe('errors cross the wire as ChronoscopeError with their code', () => {
  it('names the path of every bad param', async () => {
    const error = await client
      .call('events.page', { archive: wed.id, offset: 0, limit: 100_000 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChronoscopeError);
    expect(error).toMatchObject({
      code: 'BAD_ARGUMENT',
      message: expect.stringMatching(/^events\.page: params\.limit: Too big/),
    });
    await expect(
      client.call('archive.summary', { archive: wed.id, filter: { actors: ['a', 7 as unknown as string] } }),
    ).rejects.toMatchObject({ message: expect.stringContaining('params.filter.actors[1]') });
    await expect(client.call('events.count', { archive: 'not-an-id' })).rejects.toMatchObject({
      code: 'BAD_ARGUMENT',
      message: expect.stringContaining('params.archive: expected an archive id'),
    });
    await expect(
      client.call('archive.open', { path: DEMO('wedsync'), extra: true } as never),
    ).rejects.toMatchObject({ code: 'BAD_ARGUMENT', message: expect.stringContaining('Unrecognized key') });
  });

  it('keeps the engine’s codes: an archive that does not exist, a time that is not a date, SQL that fails', async () => {
    await expect(client.call('archive.open', { path: '/nonexistent/export' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      client.call('events.locate', { archive: wed.id, at: '2026-13-45T00:00:00Z' }),
    ).rejects.toMatchObject({
      code: 'BAD_ARGUMENT',
      message: expect.stringContaining('events.locate: params.at'),
    });
    await expect(
      client.call('query.run', { archive: wed.id, sql: 'SELECT nope FROM events' }),
    ).rejects.toMatchObject({
      code: 'QUERY_FAILED',
      message: expect.stringContaining('nope'),
    });
    await expect(client.call('events.count', { archive: 'a'.repeat(64) })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('answers an unknown method or a bad envelope without dropping the connection', async () => {
    await expect(client.call('nope.never' as never, {} as never)).rejects.toMatchObject({
      code: 'BAD_ARGUMENT',
      message: expect.stringContaining('unknown method'),
    });
    expect((await client.call('events.count', { archive: wed.id })).count).toBe(wed.records);
  });
});

describe('cancellation', () => {
  it('interrupts a long query: CANCELLED, and the connection and the lane keep working', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const slow = client.call('query.run', { archive: wed.id, sql: SLOW }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 500);
    await expect(slow).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(Date.now() - started).toBeLessThan(60_000);
    const after = await client.call('query.run', { archive: wed.id, sql: 'SELECT 42 AS answer' });
    expect(after.rows).toBe(1);
  });

  it('cancels a call still waiting for its turn, then the one running', async () => {
    const first = new AbortController();
    const second = new AbortController();
    const running = client.call('query.run', { archive: wed.id, sql: SLOW }, { signal: first.signal });
    const waiting = client.call('analyze.run', { archive: wed.id }, { signal: second.signal });
    // The panels have a lane of their own: a long query does not hold them up.
    expect((await client.call('events.count', { archive: wed.id })).count).toBe(wed.records);
    second.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'CANCELLED' });
    first.abort();
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    const rerun = await client.call('analyze.run', { archive: wed.id });
    expect(rerun.detectors.map((d) => d.id)).toEqual(expect.arrayContaining([...DETECTOR_IDS]));
  });

  it('cancels the calls of a page that goes away', async () => {
    const other = await h.connect();
    const slow = other.call('query.run', { archive: wed.id, sql: SLOW });
    await new Promise((r) => setTimeout(r, 300));
    other.close();
    await expect(slow).rejects.toBeInstanceOf(ChronoscopeError);
    // The work lane is free again only if the server interrupted the closed page's query.
    const next = await client.call('query.run', { archive: wed.id, sql: 'SELECT 1 AS one' });
    expect(next.rows).toBe(1);
  });
});
