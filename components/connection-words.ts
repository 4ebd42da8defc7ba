// The connection state in words, as the options page, the popup and the in-page indicator say it.
import type { ShownStatus } from '../lib/extension/extension-state.ts';

export function connectionWords(status: ShownStatus, now = Date.now()): string {
  if (!status.signedIn) return 'Not signed in';
  switch (status.state) {
    case 'connected':
      return status.synced ? 'Connected' : 'Connected, catching up…';
    case 'connecting':
      return 'Connecting…';
    case 'waiting': {
      const seconds = status.retryAt ? Math.max(0, Math.ceil((status.retryAt - now) / 1000)) : 0;
      return seconds > 0 ? `Offline, retrying in ${seconds} s` : 'Offline, retrying now';
    }
    case 'stopped':
      return 'Disconnected: sign in again';
    default:
      return 'Not connected';
  }
}
