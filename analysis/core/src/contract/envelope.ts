import { z } from 'zod';

/** Bumped when a method changes incompatibly; the handshake refuses a mismatch. */
export const PROTOCOL_VERSION = 1;

/** A request: `{v, id, method, params}`. */
export const RequestEnvelope = z
  .object({
    v: z.literal(PROTOCOL_VERSION),
    id: z.number().int().nonnegative(),
    method: z.string().min(1).max(64),
    params: z.unknown(),
  })
  .strict();
export type RequestEnvelope = z.infer<typeof RequestEnvelope>;

/** Cancels the request with this id; its reply comes back as error `CANCELLED`. */
export const CancelEnvelope = z
  .object({ type: z.literal('cancel'), id: z.number().int().nonnegative() })
  .strict();
export type CancelEnvelope = z.infer<typeof CancelEnvelope>;

export interface WireError {
  code: string;
  message: string;
  data?: Record<string, unknown>;
}

export type ResponseEnvelope =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: WireError };

/** Pushed by the service without a request: import progress, replay data. */
export interface PushEnvelope {
  type: 'event';
  topic: string;
  payload: unknown;
}

export type ClientMessage = RequestEnvelope | CancelEnvelope;
export type ServiceMessage = ResponseEnvelope | PushEnvelope;
