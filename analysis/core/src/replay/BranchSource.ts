import { ChronoscopeError } from '../errors.js';
import { eventEffects } from '../state/effects.js';
import { applyChange, entityKey } from '../state/reducer.js';
import { planRollback } from '../state/rollbackPlan.js';
import type { Touch } from '../state/rollbackPlan.js';
import type { EntityEffect, EntityState } from '../state/types.js';
import { conflictOf } from './branchConflicts.js';
import type { BranchConflict } from './branchConflicts.js';
import { excluder } from './branchSpec.js';
import type { BranchSpec } from './branchSpec.js';
import type { EventBatch, Keyframe, ReplayEvent, ReplaySource } from './types.js';

export interface BranchOptions {
  /** Events per window read from the original while preparing (default 10,000). */
  windowSize?: number;
  /** Events between the branch's own checkpoints after it diverges (default 20,000). */
  checkpointEvery?: number;
  /** Conflicts kept (default 10,000); `conflictCount` counts them all. */
  maxConflicts?: number;
}

type States = Map<string, EntityState>;

/**
 * A branch as a ReplaySource: the original's windows with the left-out events marked
 * `excluded` (kept in place so seqs and times stay those of the original, and drawn as
 * ghosts) and the rollback's changes attached to the event it follows. {@link create} reads
 * the original once: it finds the left-out events (no JSON is parsed for that), then folds
 * the branch from where it diverges to the end, recording its conflicts and checkpoints, so
 * a later keyframe costs one checkpoint and the events after it.
 */
export class BranchSource implements ReplaySource {
  readonly system: string;
  readonly conflicts: BranchConflict[] = [];
  conflictCount = 0;
  /** Seqs of the left-out events, ascending. */
  readonly excludedSeqs: number[] = [];
  /** The last seq at which the branch still equals the original (-1: from the start; lastSeq: never differs). */
  divergence = -1;
  lastSeq = -1;
  private readonly excluded: (event: ReplayEvent) => boolean;
  private rollbackEffects: EntityEffect[] = [];
  private readonly checkpoints: { seq: number; states: States }[] = [];
  private readonly windowSize: number;
  private readonly checkpointEvery: number;
  private readonly maxConflicts: number;

  private constructor(
    readonly base: ReplaySource,
    readonly spec: BranchSpec,
    options: BranchOptions,
  ) {
    this.system = base.system;
    this.excluded = excluder(spec);
    this.windowSize = options.windowSize ?? 10_000;
    this.checkpointEvery = options.checkpointEvery ?? 20_000;
    this.maxConflicts = options.maxConflicts ?? 10_000;
    const rollback = spec.rollback;
    if (rollback && !(rollback.to < rollback.at && rollback.to >= -1)) {
      throw new ChronoscopeError(
        'BAD_ARGUMENT',
        'rollback: the state restored must come before the rollback',
      );
    }
  }

  static async create(
    base: ReplaySource,
    spec: BranchSpec,
    options: BranchOptions = {},
  ): Promise<BranchSource> {
    const branch = new BranchSource(base, spec, options);
    await branch.prepare();
    return branch;
  }

  async window(fromSeq: number, limit: number): Promise<EventBatch> {
    const batch = await this.base.window(fromSeq, limit);
    return { ...batch, events: batch.events.map((e) => this.transform(e)) };
  }

  async keyframe(at: string): Promise<Keyframe> {
    const bySeq = /^seq:(\d+)$/.exec(at);
    let seq = bySeq ? Math.min(Number(bySeq[1]), this.lastSeq) : null;
    if (seq === null || seq <= this.divergence) {
      const original = await this.base.keyframe(seq === null ? at : `seq:${seq}`);
      if (original.seq <= this.divergence) return original;
      seq = original.seq;
    }
    const checkpoint = [...this.checkpoints].reverse().find((c) => c.seq <= (seq as number));
    if (!checkpoint) throw new ChronoscopeError('INTERNAL', 'branch: no checkpoint before the divergence');
    const states = new Map(checkpoint.states);
    await this.fold(states, checkpoint.seq, seq, false);
    return { seq, at: bySeq ? null : at, entities: [...states.values()] };
  }

  /** The event as the branch has it: left out, carrying the rollback, or as it was. */
  private transform(event: ReplayEvent): BranchEvent {
    const excluded = this.excluded(event);
    const rollback = event.seq === this.spec.rollback?.at;
    if (!excluded && !rollback) return event;
    const own = excluded ? [] : effectsOf(event);
    return derive(event, rollback ? [...own, ...this.rollbackEffects] : own, excluded);
  }

  private async prepare(): Promise<void> {
    for (let from = 0; ; from += this.windowSize) {
      const batch = await this.base.window(from, this.windowSize);
      for (const e of batch.events) if (this.excluded(e)) this.excludedSeqs.push(e.seq);
      if (batch.done || batch.events.length === 0) {
        this.lastSeq = batch.done ? batch.toSeq : from - 1;
        break;
      }
    }
    const rollback = this.spec.rollback;
    const first = Math.min(this.excludedSeqs[0] ?? Infinity, rollback ? rollback.to + 1 : Infinity);
    this.divergence = Number.isFinite(first) ? Math.min(first - 1, this.lastSeq) : this.lastSeq;
    const start = this.divergence < 0 ? [] : (await this.base.keyframe(`seq:${this.divergence}`)).entities;
    const states: States = new Map(start.map((e) => [entityKey(e.entityType, e.entityId), e]));
    this.checkpoints.push({ seq: this.divergence, states: new Map(states) });
    if (this.divergence >= this.lastSeq) return;
    const causes = new Map<string, number[]>();
    let atTarget: States | null = rollback?.to === this.divergence ? new Map(states) : null;
    const touches = new Map<string, Touch[]>();
    let sinceCheckpoint = 0;
    await this.fold(states, this.divergence, this.lastSeq, true, (event, effects, before) => {
      if (event.excluded) {
        for (const e of eventEffects(event)) push(causes, entityKey(e.entityType, e.entityId), event.seq);
      } else {
        effects.forEach((effect, i) => {
          const key = entityKey(effect.entityType, effect.entityId);
          const why = causes.get(key);
          if (why) {
            const conflict = conflictOf(event, effect, before[i], why);
            if (conflict && this.conflictCount++ < this.maxConflicts) this.conflicts.push(conflict);
          }
          // A kept full state makes the entity what it is in the original again.
          if (effect.change.op === 'set' && effect.entityType === event.entityType) causes.delete(key);
        });
      }
      if (rollback && event.seq > rollback.to && event.seq <= rollback.at) {
        for (const e of effects) push(touches, entityKey(e.entityType, e.entityId), touch(event));
      }
      if (rollback && event.seq === rollback.to) atTarget = new Map(states);
      if (rollback && event.seq === rollback.at)
        this.rollBack(states, atTarget ?? new Map(), touches, causes);
      if (++sinceCheckpoint >= this.checkpointEvery) {
        sinceCheckpoint = 0;
        this.checkpoints.push({ seq: event.seq, states: new Map(states) });
      }
    });
  }

  /** Carries out the rollback on the branch's states right after its event. */
  private rollBack(
    states: States,
    atTarget: States,
    touches: Map<string, Touch[]>,
    causes: Map<string, number[]>,
  ) {
    const rollback = this.spec.rollback as NonNullable<BranchSpec['rollback']>;
    const { changes } = planRollback({ atTarget, atEnd: states, touches, selection: rollback.selection });
    this.rollbackEffects = changes.map((c) => ({
      entityType: c.entityType,
      entityId: c.entityId,
      change: c.to === null ? { op: 'delete' as const, last: c.from } : { op: 'set' as const, value: c.to },
    }));
    for (const e of this.rollbackEffects) {
      const key = entityKey(e.entityType, e.entityId);
      states.set(key, applyChange(states.get(key), e.entityType, e.entityId, e.change, rollback.at));
      push(causes, key, rollback.at);
    }
  }

  /**
   * Folds the branch's events in (after, upTo] into `states`; `visit` sees each event after it
   * is applied, with its effects and each effect's entity state before it. While preparing,
   * the rollback's changes are not known yet: the rollback event applies its own effects and
   * `visit` carries the rollback out.
   */
  private async fold(
    states: States,
    after: number,
    upTo: number,
    preparing: boolean,
    visit?: (event: BranchEvent, effects: EntityEffect[], before: (EntityState | undefined)[]) => void,
  ): Promise<void> {
    for (let from = after + 1; from <= upTo;) {
      const batch = await this.base.window(from, Math.min(this.windowSize, upTo - from + 1));
      for (const original of batch.events) {
        if (original.seq > upTo) break;
        const event = this.transform(original);
        const effects =
          preparing && event.seq === this.spec.rollback?.at && !event.excluded
            ? effectsOf(original)
            : effectsOf(event);
        const before = effects.map((e) => states.get(entityKey(e.entityType, e.entityId)));
        for (const e of effects) {
          const key = entityKey(e.entityType, e.entityId);
          states.set(key, applyChange(states.get(key), e.entityType, e.entityId, e.change, event.seq));
        }
        visit?.(event, effects, before);
      }
      if (batch.done || batch.events.length === 0) break;
      from = batch.toSeq + 1;
    }
  }
}

/** An event as a branch has it; `base` is the original when the branch changed it. */
type BranchEvent = ReplayEvent & { base?: ReplayEvent };

function derive(event: ReplayEvent, effects: EntityEffect[], excluded: boolean): BranchEvent {
  // The original stays the prototype: its fields (and lazily parsed JSON) are shared, not copied.
  const derived = Object.create(event) as BranchEvent;
  derived.effects = effects;
  // Own, so the original's cached keys (for its own effects) are never read through the prototype.
  derived.keys = undefined;
  derived.excluded = excluded;
  derived.base = event;
  return derived;
}

function effectsOf(event: ReplayEvent): EntityEffect[] {
  return (event.effects ??= eventEffects(event));
}

function touch(event: ReplayEvent): Touch {
  return { seq: event.seq, actor: event.actor, action: event.action };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
