import { IPC_CONNECT } from '../../common/index.js';
import { isAppUrl } from './appOrigin.js';

/** What the one IPC entry knows about a message, taken from Electron's event. */
export interface IpcSender {
  channel: string;
  /** URL of the frame that sent it (`event.senderFrame.url`); undefined once it is gone. */
  senderUrl: string | undefined;
  /** The sender is the top frame of its page, not an iframe. */
  isMainFrame: boolean;
}

export type IpcVerdict = { ok: true } | { ok: false; reason: string };

/** The renderer may only ask for its port; everything else travels over that port. */
export const ALLOWED_CHANNELS: readonly string[] = [IPC_CONNECT];

/**
 * The single gate every IPC message passes: a known channel, from the app's own origin
 * (`app://chronoscope`; a file:// page, even a local one, is refused), sent by the main
 * frame. Anything else is dropped and logged by the caller.
 */
export function checkIpcSender(sender: IpcSender): IpcVerdict {
  if (!ALLOWED_CHANNELS.includes(sender.channel)) {
    return { ok: false, reason: `unknown channel ${JSON.stringify(sender.channel)}` };
  }
  if (!isAppUrl(sender.senderUrl)) {
    return {
      ok: false,
      reason: `sender ${JSON.stringify(sender.senderUrl ?? null)} is not the app's origin`,
    };
  }
  if (!sender.isMainFrame) return { ok: false, reason: 'sender is a subframe, not the main frame' };
  return { ok: true };
}
