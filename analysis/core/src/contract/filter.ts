import { z } from 'zod';

/** ISO 8601 (UTC when no offset) or `seq:N`: the same time forms the command line takes. */
export const TimeText = z
  .string()
  .regex(/^(?:seq:\d+|\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)$/, {
    message: 'expected ISO 8601 or seq:N',
  });

const list = z.array(z.string().max(4096)).max(10_000).optional();

/**
 * The one filter every panel shares (and every analytics call takes), so brushing the timeline
 * or clicking a heatmap cell narrows everything at once. Lists mean "any of"; absent or empty
 * means no condition. The service binds every value as a parameter; nothing here reaches SQL
 * as text.
 */
export const EventFilterSchema = z
  .object({
    from: TimeText.optional(),
    to: TimeText.optional(),
    actors: list,
    actions: list,
    eventTypes: list,
    entityTypes: list,
    entities: list,
    /** Case-insensitive text anywhere in the states, delta or raw record. */
    text: z.string().max(4096).optional(),
    /** Exactly these events (a finding's evidence, a failed integrity record). */
    seqs: z.array(z.number().int().nonnegative()).max(100_000).optional(),
  })
  .strict();

export type EventFilterParams = z.infer<typeof EventFilterSchema>;
