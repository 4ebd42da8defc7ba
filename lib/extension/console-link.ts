// The supervisor console's long-lived link to the background: relay events and status come down a runtime port, and
// the console says which chat it listens to and whether it is on screen. Reconnects when the background restarts.
import type { RelayFrame } from '../protocol/index.ts';
import type { Auth, ShownStatus } from './extension-state.ts';

export const CONSOLE_PORT = 'undertone-console';

/** The console page's file in the extension (Chrome's side panel, Firefox's sidebar, or a tab). */
export const CONSOLE_PAGE = '/console.html';

export type ChatRef = { agentId: string; conversationKey: string };

/** Background to console. */
export type ConsoleMessage =
  | { type: 'status'; status: ShownStatus; user: Auth['user'] | null; waitAlertSeconds: number; theme: 'auto' | 'light' | 'dark' }
  | { type: 'relay'; frame: RelayFrame };

/** Console to background. */
export type ConsoleReport = { type: 'listening'; chat: ChatRef | null } | { type: 'visible'; visible: boolean };

export type ConsoleLink = {
  report(report: ConsoleReport): void;
  close(): void;
};

/**
 * Opens the port and keeps it open: when the background goes away (a restarted service worker), the port is opened
 * again and `reconnected` runs, so the console can subscribe again.
 */
export function openConsoleLink(received: (message: ConsoleMessage) => void, reconnected: () => void): ConsoleLink {
  let port: ReturnType<typeof browser.runtime.connect> | null = null;
  let closed = false;
  let last: Partial<Record<ConsoleReport['type'], ConsoleReport>> = {};
  const open = (again: boolean) => {
    port = browser.runtime.connect({ name: CONSOLE_PORT });
    port.onMessage.addListener((message: unknown) => received(message as ConsoleMessage));
    port.onDisconnect.addListener(() => {
      port = null;
      if (!closed) setTimeout(() => open(true), 250);
    });
    for (const report of Object.values(last)) port.postMessage(report);
    if (again) reconnected();
  };
  open(false);
  return {
    report(report) {
      last = { ...last, [report.type]: report };
      port?.postMessage(report);
    },
    close() {
      closed = true;
      port?.disconnect();
      last = {};
    },
  };
}
