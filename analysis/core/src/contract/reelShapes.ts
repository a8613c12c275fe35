import { z } from 'zod';

/**
 * A highlight reel to render, as plain data: what the Export panel's job takes and what
 * `chronoscope reel` hands the studio's `window.__chronoscope.reel` from another process
 * (so it is checked on arrival, like any message of the contract).
 */
export const ReelRequest = z
  .object({
    source: z.enum(['range', 'annotations', 'findings']),
    /** `range`: ISO ends (default: the timeline's brushed range, else the whole archive). */
    from: z.string().optional(),
    to: z.string().optional(),
    /** `annotations`: which ones (default: every one on the original timeline). */
    annotationIds: z.array(z.string()).optional(),
    /** `findings`: how many of the top findings (default 3). */
    findings: z.number().int().positive().optional(),
    width: z.number().int().positive().default(1280),
    height: z.number().int().positive().default(720),
    fps: z.number().positive().default(30),
    durationS: z.number().positive().optional(),
    speed: z.number().positive().optional(),
    title: z.string().max(200).optional(),
  })
  .strict();
export type ReelRequest = z.output<typeof ReelRequest>;
export type ReelRequestInput = z.input<typeof ReelRequest>;

/** What a finished reel is, without its bytes. */
export const ReelSummary = z.object({
  frames: z.number(),
  durationS: z.number(),
  width: z.number(),
  height: z.number(),
  codec: z.string(),
  bytes: z.number(),
  seconds: z.number(),
});
export type ReelSummary = z.infer<typeof ReelSummary>;
