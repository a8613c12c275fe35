import { Bool, Float64, Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { decodeKeyframe, decodeWindow, REPLAY_EVENT_COLUMNS } from '../../../analysis/core/src/index.js';
import { keyframeTable } from '../../../analysis/engine/src/index.js';

describe('replay tables decoding', () => {
  it('decodes text that is not ASCII, nulls and numbers exactly', () => {
    const n = 3;
    const text = (values: (string | null)[]) => vectorFromArray(values, new Utf8());
    const num = (values: (number | null)[]) => vectorFromArray(values, new Float64());
    const columns: Record<string, ReturnType<typeof text> | ReturnType<typeof num>> = {};
    for (const name of REPLAY_EVENT_COLUMNS) columns[name] = text(Array.from({ length: n }, () => null));
    Object.assign(columns, {
      seq: num([0, 1, 2]),
      ts: num([10, 20, 30]),
      action: text(['create', 'update', 'delete']),
      entity_type: text(['gäst', 'gäst', 'gäst']),
      entity_id: text(['Zoë', null, '日本']),
      new_state: text(['{"name":"Zoë ✓"}', null, null]),
      old_state: text([null, null, '{"x":"ü"}']),
      full_state: vectorFromArray([false, true, false], new Bool()),
      x: num([1.5, null, -2]),
    });
    const table = tableToIPC(new Table(columns), 'stream');
    const batch = decodeWindow('wedsync', { fromSeq: 0, toSeq: 2, done: true, table });
    expect(batch.events.map((e) => [e.seq, e.ts, e.entityType, e.entityId, e.fullState, e.x])).toEqual([
      [0, 10, 'gäst', 'Zoë', false, 1.5],
      [1, 20, 'gäst', null, true, null],
      [2, 30, 'gäst', '日本', false, -2],
    ]);
    expect(batch.events[0]?.newState).toEqual({ name: 'Zoë ✓' });
    expect(batch.events[2]?.oldState).toEqual({ x: 'ü' });
    expect(batch.events[1]?.newState).toBeNull();
  });

  it("round-trips the engine's keyframe tables, whatever the characters", () => {
    const entities = [
      { entityType: 'guest', entityId: 'Zoë', state: { note: 'naïve ☃', n: 1 }, deleted: false, lastSeq: 4 },
      { entityType: 'guest', entityId: 'plain', state: {}, deleted: true, lastSeq: 7 },
      { entityType: 'table', entityId: '日本', state: { seats: [1, 2] }, deleted: false, lastSeq: 9 },
    ];
    const decoded = decodeKeyframe({ seq: 9, at: null, table: keyframeTable(entities) });
    expect(JSON.parse(JSON.stringify(decoded.entities))).toEqual(entities);
  });
});
