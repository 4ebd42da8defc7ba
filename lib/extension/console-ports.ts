// The background's side of the supervisor consoles: the open console pages, what each listens to, whether one is on
// screen; supervisor events are posted to all of them.
import { CONSOLE_PORT, type ChatRef, type ConsoleMessage, type ConsoleReport } from './console-link.ts';

type Port = ReturnType<typeof browser.runtime.connect>;
type Entry = { listening: ChatRef | null; visible: boolean; tabId: number | undefined };

const same = (a: ChatRef, b: ChatRef) => a.agentId === b.agentId && a.conversationKey === b.conversationKey;

export type ConsolePortEvents = {
  /** A console opened (send it the status now). */
  opened(post: (message: ConsoleMessage) => void): void;
  /** The last console listening to `chat` went away. */
  listenEnded(chat: ChatRef): void;
  /** No console is open any more. */
  allClosed(): void;
};

export class ConsolePorts {
  private readonly ports = new Map<Port, Entry>();

  constructor(private readonly events: ConsolePortEvents) {}

  /** Takes a port if it is a console's; returns whether it was. */
  accept(port: Port): boolean {
    if (port.name !== CONSOLE_PORT) return false;
    const entry: Entry = { listening: null, visible: true, tabId: port.sender?.tab?.id };
    this.ports.set(port, entry);
    port.onMessage.addListener((message: unknown) => this.report(entry, message as ConsoleReport));
    port.onDisconnect.addListener(() => {
      this.ports.delete(port);
      if (entry.listening && !this.listensTo(entry.listening)) this.events.listenEnded(entry.listening);
      if (this.ports.size === 0) this.events.allClosed();
    });
    this.events.opened((message) => port.postMessage(message));
    return true;
  }

  get open(): boolean {
    return this.ports.size > 0;
  }

  post(message: ConsoleMessage): void {
    for (const port of this.ports.keys()) {
      try {
        port.postMessage(message);
      } catch {
        this.ports.delete(port);
      }
    }
  }

  /**
   * True when a console is in front of the user: a console tab that is its window's active tab in the focused window,
   * or a side panel or sidebar whose page says it is visible in the focused window.
   */
  async inFront(): Promise<boolean> {
    const focused = await browser.windows.getLastFocused().catch(() => null);
    if (!focused?.focused) return false;
    for (const entry of this.ports.values()) {
      if (entry.tabId === undefined) {
        if (entry.visible) return true;
        continue;
      }
      const tab = await browser.tabs.get(entry.tabId).catch(() => null);
      if (tab?.active && tab.windowId === focused.id) return true;
    }
    return false;
  }

  private listensTo(chat: ChatRef): boolean {
    return [...this.ports.values()].some((e) => e.listening !== null && same(e.listening, chat));
  }

  private report(entry: Entry, report: ConsoleReport): void {
    if (report.type === 'visible') entry.visible = report.visible === true;
    if (report.type !== 'listening') return;
    const before = entry.listening;
    entry.listening = report.chat && typeof report.chat.agentId === 'string' && typeof report.chat.conversationKey === 'string' ? report.chat : null;
    if (before && !(entry.listening && same(before, entry.listening)) && !this.listensTo(before)) this.events.listenEnded(before);
  }
}
