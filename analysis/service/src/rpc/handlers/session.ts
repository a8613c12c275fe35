import { CHRONOSCOPE_VERSION, ChronoscopeError, PROTOCOL_VERSION } from '../../../../core/src/index.js';
import type { Handlers } from './types.js';

export const sessionHandlers: Handlers<'session.hello'> = {
  'session.hello': async (params, ctx) => {
    if (params.protocol !== PROTOCOL_VERSION) {
      throw new ChronoscopeError(
        'BAD_ARGUMENT',
        `session.hello: the studio speaks protocol ${params.protocol}, this service ${PROTOCOL_VERSION}: reload the page or update Chronoscope`,
      );
    }
    return { protocol: PROTOCOL_VERSION, version: CHRONOSCOPE_VERSION, host: ctx.service.host };
  },
};
