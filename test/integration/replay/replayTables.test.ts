import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  compareEntities,
  CONTRACT,
  decodeKeyframe,
  decodeWindow,
  REPLAY_EVENT_COLUMNS,
  REPLAY_KEYFRAME_COLUMNS,
} from '../../../analysis/core/src/index.js';
import { replayKeyframe, replayWindow, TimeTravel } from '../../../analysis/engine/src/index.js';
import { importArchive } from '../../helpers/archives.js';

const types = (bytes: Uint8Array): string[] =>
  tableFromIPC(bytes).schema.fields.map((f) => `${f.name}:${String(f.type)}`);

describe('replay tables for the service (replay.keyframe, replay.window)', () => {
  const opened = importArchive('test/fixtures/descendants/export');

  it('sends a window with the contract columns in order, typed as the contract says', async () => {
    const { store } = await opened;
    const window = await replayWindow(store, 2, 3);
    expect(CONTRACT['replay.window'].result.safeParse(window).success).toBe(true);
    expect(window).toMatchObject({ fromSeq: 2, toSeq: 4, done: false });
    expect(types(window.table)).toEqual([
      ...REPLAY_EVENT_COLUMNS.map((name) => {
        if (['seq', 'ts', 'x', 'y', 'z'].includes(name)) return `${name}:Float64`;
        return name === 'full_state' ? `${name}:Bool` : `${name}:Utf8`;
      }),
      // After the contract's columns: what branches leave out sessions by.
      'session_id:Utf8',
    ]);
    const batch = decodeWindow('descendants', window);
    expect(batch.events.map((e) => e.seq)).toEqual([2, 3, 4]);
    const sessions = await db(
      store,
      `SELECT session_id AS s FROM events WHERE seq BETWEEN 2 AND 4 ORDER BY seq`,
    );
    expect(batch.events.map((e) => e.session)).toEqual(sessions.map((r) => r['s']));
    expect(batch.events.some((e) => e.session)).toBe(true);
    const [row] = await db(
      store,
      `SELECT epoch_ms(ts) AS ms, new_state::VARCHAR AS s, x FROM events WHERE seq = 2`,
    );
    expect(batch.events[0]?.ts).toBe(Number(row?.['ms']));
    expect(canonicalJson(batch.events[0]?.newState)).toBe(canonicalJson(JSON.parse(String(row?.['s']))));
  });

  it('ends with done on the last event, and is empty past it', async () => {
    const { store } = await opened;
    const last = Number((await store.all('SELECT max(seq)::INTEGER AS m FROM events'))[0]?.['m']);
    const tail = await replayWindow(store, last - 1, 100);
    expect(tail).toMatchObject({ fromSeq: last - 1, toSeq: last, done: true });
    const past = await replayWindow(store, last + 5, 10);
    expect(decodeWindow('descendants', past).events).toEqual([]);
    expect(past.done).toBe(true);
  });

  it('sends a keyframe equal to the state at that seq, by seq or by time', async () => {
    const { store } = await opened;
    const travel = await TimeTravel.open(store, { keyframes: 'off' });
    const keyframe = await replayKeyframe(store, 'seq:6');
    expect(CONTRACT['replay.keyframe'].result.safeParse(keyframe).success).toBe(true);
    expect(types(keyframe.table)).toEqual([
      'entity_type:Utf8',
      'entity_id:Utf8',
      'state:Utf8',
      'deleted:Bool',
      'last_seq:Float64',
    ]);
    expect(tableFromIPC(keyframe.table).schema.fields.map((f) => f.name)).toEqual([
      ...REPLAY_KEYFRAME_COLUMNS,
    ]);
    const decoded = decodeKeyframe(keyframe);
    expect(decoded.seq).toBe(6);
    expect(JSON.stringify([...decoded.entities].sort(compareEntities))).toBe(
      JSON.stringify(await travel.entitiesAt(6)),
    );
    const before = await replayKeyframe(store, '2000-01-01');
    expect(before.seq).toBe(-1);
    expect(decodeKeyframe(before).entities).toEqual([]);
    travel.close();
  });
});

async function db(store: Awaited<ReturnType<typeof importArchive>>['store'], sql: string) {
  return store.all(sql);
}
