// The supervisor's desktop notifications: help requests and board alerts, shown only when no helpdesk tab with
// the panel open is in front (in front, the panel shows them itself).
import type { BoardAlert } from '../board-alerts.ts';
import { panelTabs } from '../tab-registry.ts';

export type Notice = Pick<BoardAlert, 'id' | 'title' | 'message'> & { kind?: string };

export async function notify(alert: Notice): Promise<void> {
  if (!browser.notifications) return;
  const panels = await panelTabs();
  const shown = await Promise.all(panels.map((id) => browser.tabs.get(id).catch(() => null)));
  const focused = await browser.windows.getLastFocused().catch(() => null);
  const inFront = shown.some((tab) => tab?.active && tab.windowId === focused?.id && focused?.focused);
  if (inFront) return;
  await browser.notifications
    .create(`undertone:${alert.id}:${Date.now()}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: alert.title,
      message: alert.message,
    })
    .catch(() => {});
}
