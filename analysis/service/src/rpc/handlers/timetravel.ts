import { ChronoscopeError, parseTimeSpec } from '../../../../core/src/index.js';
import { entityHistory, rollbackPlan } from '../../../../engine/src/index.js';
import { onLane } from './types.js';
import type { Handlers } from './types.js';

/** The same engine calls as `chronoscope state`, `history` and `rollback-plan`, on the travel lane. */
export const timetravelHandlers: Handlers<'state.at' | 'entity.history' | 'rollback.plan'> = {
  'state.at': (params, ctx) =>
    onLane(ctx, params.archive, 'travel', async (store, session) => {
      const at = parseTimeSpec(params.at, `${ctx.method}: params.at`);
      const travel = await session.travelOn(store);
      const point = await travel.resolve(at);
      const entities = await travel.entitiesAt(point.seq, {
        ...(params.entityId !== undefined ? { entityId: params.entityId } : {}),
        ...(params.entityType !== undefined ? { entityType: params.entityType } : {}),
      });
      return {
        at: point.at,
        seq: point.seq,
        entities: entities.slice(0, params.limit).map((e) => ({
          entityType: e.entityType,
          entityId: e.entityId,
          state: e.state,
          deleted: e.deleted,
          lastSeq: e.lastSeq,
        })),
        ...(entities.length > params.limit ? { truncated: true } : {}),
      };
    }),

  'entity.history': (params, ctx) =>
    onLane(ctx, params.archive, 'travel', (store, session) =>
      entityHistory(store, session.identity.system, params.entityId, params.entityType),
    ),

  'rollback.plan': (params, ctx) => {
    if (params.from !== undefined) {
      // The engine plans from the target to the end of the timeline; a window is not supported yet.
      throw new ChronoscopeError('BAD_ARGUMENT', `${ctx.method}: params.from: not supported yet`);
    }
    return onLane(ctx, params.archive, 'travel', async (store, session) => {
      const to = parseTimeSpec(params.to, `${ctx.method}: params.to`);
      const travel = await session.travelOn(store);
      const plan = await rollbackPlan(travel, to, {
        ...(params.actor !== undefined ? { actor: params.actor } : {}),
        ...(params.entityId !== undefined ? { entityId: params.entityId } : {}),
        ...(params.entityType !== undefined ? { entityType: params.entityType } : {}),
      });
      return { target: { ...plan.target }, changes: plan.changes, conflicts: plan.conflicts };
    });
  },
};
