// What each way a relay connection can end means for the user, in words, and whether to try again.
import { CLOSE_CODES } from '../protocol/index.ts';

export type CloseVerdict = { reconnect: boolean; message: string };

export function closeVerdict(code: number, reason: string): CloseVerdict {
  switch (code) {
    case CLOSE_CODES.authFailed:
      return { reconnect: false, message: 'The relay did not accept this browser’s sign-in. Sign in again with a new enrollment code.' };
    case CLOSE_CODES.tokenRevoked:
      return { reconnect: false, message: 'An administrator signed this browser out (its token was revoked). Sign in again with a new enrollment code.' };
    case CLOSE_CODES.unsupportedVersion:
      return { reconnect: false, message: 'The relay does not support this version of Undertone. Update the extension.' };
    case CLOSE_CODES.goingAway:
      return { reconnect: true, message: 'The relay is restarting; reconnecting.' };
    case CLOSE_CODES.slowConsumer:
      return { reconnect: true, message: 'The connection fell behind and the relay closed it; reconnecting.' };
    case CLOSE_CODES.heartbeatTimeout:
    case CLOSE_CODES.helloTimeout:
      return { reconnect: true, message: 'The connection went quiet and was closed; reconnecting.' };
    case CLOSE_CODES.normal:
      return { reconnect: true, message: 'The relay closed the connection; reconnecting.' };
    default:
      return {
        reconnect: true,
        message: reason ? `The connection to the relay was lost (${reason}); reconnecting.` : 'Cannot reach the relay; retrying.',
      };
  }
}
