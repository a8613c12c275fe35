import { eventEffects } from '../state/effects.js';
import { applyChange, compareEntities, entityKey } from '../state/reducer.js';
import type { EntityState } from '../state/types.js';
import { INSTANCE_FLAGS } from './InstanceArrays.js';
import { InstanceArrays } from './InstanceArrays.js';
import { emptyPlacement } from './layouts.js';
import type { Layout } from './layouts.js';
import { Movers } from './Movers.js';
import type { ReplayEvent } from './types.js';
import { UndoBuffer } from './UndoBuffer.js';

export interface WorldOptions {
  /** Applied events that can be un-applied exactly (default 50,000); further back is a seek. */
  undoLimit?: number;
  /** Playhead time a glide takes (event-time ms; the player scales it with the speed). */
  travelMs?: number;
}

const { LIVE, DELETED, CHANGED, HIGHLIGHTED, SELECTED, ACTOR } = INSTANCE_FLAGS;
const KEPT = HIGHLIGHTED | SELECTED | ACTOR;

/**
 * The world at the playhead: every entity's state (folded with core's reducers, so it equals
 * the engine's state at every seq) and, per instance, what the viewport draws. Events are
 * applied forwards and un-applied backwards exactly from undo records; each frame collects
 * the indices of the instances that changed so the renderer uploads only those.
 */
export class World {
  readonly arrays = new InstanceArrays();
  /** The last event applied (-1: before the first). */
  seq = -1;
  travelMs: number;
  private readonly index = new Map<string, number>();
  private readonly actors = new Map<string, number>();
  private readonly states: (EntityState | undefined)[] = [];
  private readonly walkTarget: number[] = [];
  private readonly homes = new Map<number, [number, number, number]>();
  private readonly undo: UndoBuffer;
  private readonly movers = new Movers();
  private readonly placement = emptyPlacement();
  private stamp = new Uint32Array(1024);
  private frame = 1;
  private changed: number[] = [];
  private time = 0;

  constructor(
    readonly layout: Layout,
    options: WorldOptions = {},
  ) {
    this.undo = new UndoBuffer(options.undoLimit ?? 50_000);
    this.travelMs = options.travelMs ?? 400;
  }

  /** Resets the world to a keyframe: every entity it lists, none other; no undo history. */
  load(seq: number, entities: Iterable<EntityState>, time: number): void {
    this.time = time;
    const present = new Set<number>();
    for (const entity of entities) {
      const i = this.indexOfKey(entityKey(entity.entityType, entity.entityId));
      present.add(i);
      this.states[i] = entity;
      this.refresh(i, false);
    }
    for (let i = 0; i < this.states.length; i++) {
      if (present.has(i)) continue;
      if (this.states[i] !== undefined) {
        this.states[i] = undefined;
        this.refresh(i, false);
      }
      if (this.walkTarget[i] !== undefined) this.walk(i, -1, false);
    }
    this.movers.clear(this.arrays);
    this.undo.clear();
    this.seq = seq;
  }

  /** Applies one event (seq must be after the world's); keeps what it replaced for un-applying. */
  apply(event: ReplayEvent): void {
    const effects = (event.effects ??= eventEffects(event));
    this.time = event.ts;
    const keys = (event.keys ??= effects.map((e) => entityKey(e.entityType, e.entityId)));
    const record = this.undo.push(event.seq, this.seq);
    let target = -1;
    for (let k = 0; k < effects.length; k++) {
      const e = effects[k] as (typeof effects)[number];
      const i = this.indexOfKey(keys[k] as string);
      if (e.entityType === event.entityType && e.entityId === event.entityId) target = i;
      const prev = this.states[i];
      if (k === 0) {
        record.index = i;
        record.prev = prev;
      } else (record.more ??= []).push({ index: i, prev });
      this.states[i] = applyChange(prev, e.entityType, e.entityId, e.change, event.seq);
      this.refresh(i, true);
    }
    if (event.actor !== null && event.entityType !== null && event.entityId !== null) {
      // A read changes nothing but is still a visit: the actor walks to what it names.
      if (target < 0) target = this.index.get(entityKey(event.entityType, event.entityId)) ?? -1;
      if (target >= 0 && this.states[target] !== undefined) {
        const a = this.actorIndex(event.actor);
        record.actor = a;
        record.actorPrevTarget = this.walkTarget[a] ?? -1;
        this.walk(a, target, true);
      }
    }
    this.seq = event.seq;
  }

  /** Un-applies the last applied event; false when the undo records do not reach back that far. */
  unapply(time = this.time): boolean {
    const record = this.undo.pop();
    if (!record) return false;
    this.time = time;
    const more = record.more ?? [];
    for (let k = more.length - 1; k >= 0; k--) {
      const { index, prev } = more[k] as { index: number; prev: EntityState | undefined };
      this.states[index] = prev;
      this.refresh(index, true);
    }
    if (record.index >= 0) {
      this.states[record.index] = record.prev;
      this.refresh(record.index, true);
    }
    if (record.actor >= 0) this.walk(record.actor, record.actorPrevTarget, true);
    this.seq = record.prevSeq;
    return true;
  }

  /** The seq of the last event un-applying would undo (undefined: none held). */
  get lastApplied(): number | undefined {
    return this.undo.peek()?.seq;
  }

  /** The earliest seq un-applying can reach (null: none, only a seek goes back). */
  get undoFloor(): number | null {
    return this.undo.floor;
  }

  /** Starts a frame: the instances flagged as changed in the last one lose the flag. */
  beginFrame(): void {
    const last = this.changed;
    this.changed = [];
    this.frame++;
    for (const i of last) {
      if (this.arrays.flags[i]! & CHANGED) {
        this.arrays.flags[i] = this.arrays.flags[i]! & ~CHANGED;
        this.touch(i);
      }
    }
  }

  /** Moves gliding instances to playhead `time`; call once per frame after applying. */
  animate(time: number): void {
    this.time = time;
    this.movers.animate(this.arrays, time, this.travelMs, (i) => this.touch(i));
  }

  /** The indices of the instances written since {@link beginFrame}. */
  changes(): readonly number[] {
    return this.changed;
  }

  get(entityType: string, entityId: string): EntityState | undefined {
    const i = this.index.get(entityKey(entityType, entityId));
    return i === undefined ? undefined : this.states[i];
  }

  /** The instance index of an entity, or undefined when the world never saw it. */
  instanceOf(entityType: string, entityId: string): number | undefined {
    return this.index.get(entityKey(entityType, entityId));
  }

  /** The entity drawn at instance `i` (undefined for actors and absent entities). */
  entityAt(i: number): EntityState | undefined {
    return this.states[i];
  }

  /** Every entity that exists or was deleted at the playhead, by type then id. */
  entities(): EntityState[] {
    const out = this.states.filter((s): s is EntityState => s !== undefined);
    return out.sort(compareEntities);
  }

  /** Highlights exactly these instances (a search, a finding's evidence). */
  highlight(indices: Iterable<number>): void {
    this.setFlag(HIGHLIGHTED, new Set(indices));
  }

  select(index: number | null): void {
    this.setFlag(SELECTED, new Set(index === null ? [] : [index]));
  }

  private setFlag(flag: number, on: Set<number>): void {
    const flags = this.arrays.flags;
    for (let i = 0; i < this.arrays.count; i++) {
      const want = on.has(i);
      if (want !== ((flags[i]! & flag) !== 0)) {
        flags[i] = want ? flags[i]! | flag : flags[i]! & ~flag;
        this.touch(i);
      }
    }
  }

  private indexOfKey(key: string): number {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.add();
      this.index.set(key, i);
      this.states[i] = undefined;
    }
    return i;
  }

  private actorIndex(actor: string): number {
    let a = this.actors.get(actor);
    if (a === undefined) {
      a = this.add();
      this.actors.set(actor, a);
      this.layout.actorHome(actor, this.placement);
      this.homes.set(a, [this.placement.x, this.placement.y, this.placement.z]);
      this.place(a, ACTOR | LIVE, false);
      this.walkTarget[a] = -1;
    }
    return a;
  }

  private add(): number {
    const i = this.arrays.add();
    if (i >= this.stamp.length) {
      const next = new Uint32Array(this.stamp.length * 2);
      next.set(this.stamp);
      this.stamp = next;
    }
    return i;
  }

  /** Redraws instance `i` from its state; `animated` lets a mover glide rather than jump. */
  private refresh(i: number, animated: boolean): void {
    const state = this.states[i];
    if (state === undefined) {
      this.placement.visible = false;
      this.place(i, 0, false);
      return;
    }
    this.layout.place(state, this.placement);
    const flags = state.deleted ? DELETED : LIVE;
    this.place(i, this.placement.visible ? flags | (animated ? CHANGED : 0) : 0, animated);
  }

  private place(i: number, flags: number, animated: boolean): void {
    const a = this.arrays;
    const p = this.placement;
    const wasVisible = (a.flags[i]! & (LIVE | DELETED)) !== 0;
    a.flags[i] = (a.flags[i]! & KEPT) | flags;
    if (!p.visible) {
      a.scale[i] = 0;
      this.movers.stop(a, i);
    } else {
      if (animated && p.moves && wasVisible) this.movers.glide(a, i, p.x, p.y, p.z, this.time);
      else {
        this.movers.stop(a, i);
        a.setPosition(i, p.x, p.y, p.z);
      }
      a.setColor(i, p.colour, (flags & DELETED) !== 0 ? 96 : 255);
      a.scale[i] = p.scale;
      a.group[i] = p.group;
    }
    this.touch(i);
  }

  /** Sends walker `a` towards instance `target` (-1: back home). */
  private walk(a: number, target: number, animated: boolean): void {
    this.walkTarget[a] = target;
    const home = this.homes.get(a);
    const m = this.movers;
    const x = target >= 0 ? m.target(this.arrays, target, 0) : (home?.[0] ?? 0);
    const y = target >= 0 ? m.target(this.arrays, target, 1) + 1 : (home?.[1] ?? 0);
    const z = target >= 0 ? m.target(this.arrays, target, 2) : (home?.[2] ?? 0);
    if (animated) this.movers.glide(this.arrays, a, x, y, z, this.time);
    else {
      this.movers.stop(this.arrays, a);
      this.arrays.setPosition(a, x, y, z);
    }
    this.touch(a);
  }

  private touch(i: number): void {
    if (this.stamp[i] !== this.frame) {
      this.stamp[i] = this.frame;
      this.changed.push(i);
    }
  }
}
