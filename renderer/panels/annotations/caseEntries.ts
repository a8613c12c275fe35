import { z } from 'zod';
import { EventFilterSchema } from '../../../analysis/core/src/index.js';

/**
 * The entries the studio writes into a case file (`chronoscope-case/1` keeps each list as
 * free JSON, so the studio validates its own entries here, on the way in and on the way out).
 * Times are ISO 8601 (the report reads `at`/`to`/`text`/`author` of annotations as they are).
 */
const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'expected an ISO 8601 time' });
const id = z.string().min(1).max(200);
const EntityPin = z.object({ entityType: z.string().nullable(), entityId: z.string().min(1) }).strict();

export const AnnotationEntry = z
  .object({
    id,
    /** A point in time, or a range (`to` after `at`). */
    kind: z.enum(['point', 'range']),
    at: iso,
    to: iso.optional(),
    /** The event the playhead stood on when it was made (jumping back lands exactly there). */
    seq: z.number().int().nonnegative().optional(),
    entity: EntityPin.optional(),
    /** A point of the replay world (the entity's place when it was made, or a chosen point). */
    position: z.tuple([z.number(), z.number(), z.number()]).optional(),
    text: z.string().min(1).max(10_000),
    author: z.string().max(200),
    /** The branch it was made on; null: the original timeline. */
    branch: id.nullable(),
    created: iso,
    updated: iso.optional(),
  })
  .strict()
  .refine((a) => a.kind === 'point' || (a.to !== undefined && Date.parse(a.to) >= Date.parse(a.at)), {
    message: 'a range annotation needs `to` at or after `at`',
  });
export type AnnotationEntry = z.infer<typeof AnnotationEntry>;

export const BookmarkEntry = z
  .object({
    id,
    at: iso,
    seq: z.number().int().nonnegative(),
    label: z.string().max(500),
    branch: id.nullable(),
  })
  .strict();
export type BookmarkEntry = z.infer<typeof BookmarkEntry>;

/** What a branch leaves out or rolls back: core's BranchSpec, as JSON. */
const ExcludeRuleEntry = z
  .object({
    actors: z.array(z.string()).optional(),
    sessions: z.array(z.string()).optional(),
    eventTypes: z.array(z.string()).optional(),
    entities: z.array(z.string()).optional(),
    from: z.number().optional(),
    to: z.number().optional(),
    seqs: z.array(z.number().int().nonnegative()).optional(),
  })
  .strict();
const RollbackRuleEntry = z
  .object({
    at: z.number().int(),
    to: z.number().int(),
    selection: z
      .object({
        actor: z.string().optional(),
        entityId: z.string().optional(),
        entityType: z.string().optional(),
      })
      .strict(),
  })
  .strict();

export const BranchEntry = z
  .object({
    id,
    name: z.string().min(1).max(200),
    /** In words, for the list ("without actor X"). */
    description: z.string().max(1000),
    spec: z
      .object({ exclude: z.array(ExcludeRuleEntry).optional(), rollback: RollbackRuleEntry.optional() })
      .strict(),
    created: iso,
  })
  .strict();
export type BranchEntry = z.infer<typeof BranchEntry>;

export const ViewEntry = z
  .object({
    id,
    name: z.string().min(1).max(200),
    filter: EventFilterSchema,
    panel: z.string().max(100),
    playhead: z.object({ seq: z.number().int().nonnegative(), at: iso.nullable() }).strict(),
  })
  .strict();
export type ViewEntry = z.infer<typeof ViewEntry>;

export const ReplaySettings = z
  .object({
    speed: z.number().min(0.1).max(100).optional(),
    follow: z.string().nullable().optional(),
    skipQuietSeconds: z.number().positive().nullable().optional(),
    loop: z.object({ from: z.number(), to: z.number() }).strict().nullable().optional(),
  })
  .strict();
export type ReplaySettings = z.infer<typeof ReplaySettings>;

/** Keeps the entries that validate; says how many were set aside (a hand-edited file). */
export function validEntries<T>(
  schema: z.ZodType<T>,
  values: readonly unknown[],
  list: string,
  problems: string[],
): T[] {
  const out: T[] = [];
  values.forEach((value, i) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) out.push(parsed.data);
    else {
      const issue = parsed.error.issues[0];
      problems.push(`${list}[${i}]${issue ? `.${issue.path.join('.')}: ${issue.message}` : ''}`);
    }
  });
  return out;
}

/** A short unique id: time then randomness (no crypto needed, ids only tell entries apart). */
export function newId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
