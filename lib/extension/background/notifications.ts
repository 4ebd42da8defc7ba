// The supervisor's desktop notifications: help requests and board alerts, shown only when no console is in front
// (in front, the console shows them itself). A click on one opens the console (background-service.ts).
import type { BoardAlert } from '../board-alerts.ts';

/** `always`: shown even when a console is in front (being brought into a chat). */
export type Notice = Pick<BoardAlert, 'id' | 'title' | 'message'> & { kind?: string; always?: boolean };

/** `consoleInFront`: whether a console is in front of the user now. */
export async function notify(alert: Notice, consoleInFront: () => Promise<boolean>): Promise<void> {
  if (!browser.notifications) return;
  if (!alert.always && (await consoleInFront())) return;
  await browser.notifications
    .create(`undertone:${alert.id}:${Date.now()}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: alert.title,
      message: alert.message,
    })
    .catch(() => {});
}
