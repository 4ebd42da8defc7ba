// From the relay to the extension's surfaces: the shown status (storage, badge, every helpdesk tab, the consoles)
// and each relay event to whom it is for (an agent's tab showing that conversation, or the supervisor's consoles).
import type { RelayFrame } from '../../protocol/index.ts';
import { unreadMessages, type ClientDb, type ConnectionStatus } from '../../client/index.ts';
import type { AgentChats } from '../agent-chats.ts';
import type { BoardAlerts } from '../board-alerts.ts';
import type { CustomerSends } from '../customer-send/customer-sends.ts';
import type { GuestGrants } from '../guests/guest-grants.ts';
import { SIGNED_OUT_STATUS, writeStatus, type ShownStatus } from '../extension-state.ts';
import type { TabMessage } from '../messages.ts';
import { forgetTab, tabsFor } from '../tab-registry.ts';
import type { ConsoleHub } from './console-hub.ts';
import { notify, type Notice } from './notifications.ts';
import type { RelayLink } from './relay-link.ts';

export type TabFanoutParts = {
  db: Promise<ClientDb>;
  link: RelayLink;
  agentChats: AgentChats;
  alerts: BoardAlerts;
  consoles: ConsoleHub;
  guests: GuestGrants;
  customerSends: CustomerSends;
};

export class TabFanout {
  private readonly badge = browser.action ?? browser.browserAction;

  constructor(private readonly p: TabFanoutParts) {}

  /** Stores the status with the unread counts, shows the count on the badge and tells every helpdesk tab. */
  async publish(status: ConnectionStatus | null): Promise<ShownStatus> {
    const db = await this.p.db;
    const userId = this.p.link.userId;
    const messages = userId ? await unreadMessages(db, userId) : [];
    const unread = messages.length;
    const unreadByConversation: Record<string, number> = {};
    for (const m of messages) if (m.conversationKey !== null) unreadByConversation[m.conversationKey] = (unreadByConversation[m.conversationKey] ?? 0) + 1;
    const shown: ShownStatus = status ? { ...status, unread, unreadByConversation, signedIn: true } : SIGNED_OUT_STATUS;
    if (!status) await this.p.guests.forget();
    await writeStatus(shown);
    // Chats this user was brought into and has not opened yet count on the badge too.
    const badged = unread + (status ? await this.p.guests.unopened() : 0);
    await this.badge.setBadgeText({ text: badged > 0 ? String(badged) : '' });
    await this.toTabs(await tabsFor(), { type: 'status', status: shown });
    await this.p.consoles.postStatus();
    return shown;
  }

  async toTabs(tabIds: number[], message: TabMessage): Promise<void> {
    await Promise.all(tabIds.map((id) => browser.tabs.sendMessage(id, message).catch(() => forgetTab(id))));
  }

  async route(frame: RelayFrame): Promise<void> {
    const { link, agentChats, alerts, guests } = this.p;
    const message: TabMessage = { type: 'relay', frame };
    if (this.forGuestPage(frame)) void browser.runtime.sendMessage(message).catch(() => {});
    switch (frame.type) {
      case 'guest_grants':
        await guests.update(frame);
        await this.publish(link.status);
        return;
      case 'directory':
        return guests.directoryAnswer(frame);
      case 'guests':
        if (frame.agentId === link.userId) guests.ownChatChanged(frame);
        return this.deliver(frame.conversationKey, frame.agentId, message);
      case 'welcome':
        link.maxFrameBytes = frame.limits.maxFrameBytes;
        return;
      case 'message':
        if (frame.message.kind === 'help' && frame.message.from.id !== link.userId) {
          this.notify({ id: `help-message:${frame.message.id}`, kind: 'help', title: `${frame.message.from.name} asks for help`, message: frame.message.text });
        }
        // Delivered to the tab first (shown in the thread), then offered to be sent.
        await this.deliver(frame.message.conversationKey, frame.message.agentId, message);
        return this.p.customerSends.arrived(frame.message);
      case 'read':
        return this.deliver(frame.receipt.conversationKey, frame.receipt.agentId, message);
      case 'customer_send_result':
      case 'customer_send_mode':
        return this.deliver(frame.conversationKey, frame.agentId, message);
      case 'listeners':
        if (link.role === 'agent') agentChats.listenersChanged(frame);
        return this.deliver(frame.conversationKey, frame.agentId, message);
      case 'transcript':
      case 'thread':
        return this.deliver(frame.conversationKey, frame.agentId, message);
      case 'board_snapshot':
      case 'board_delta':
        for (const alert of alerts.apply(frame)) this.notify(alert);
        this.p.consoles.post(message);
        return;
      case 'page_health':
        this.p.consoles.post(message);
        return;
      case 'error':
        this.p.consoles.post(message);
        return this.toTabs(await tabsFor(), message);
      default:
    }
  }

  /** Events about another agent's chat also go to the extension's guest pages (which show one such chat each). */
  private forGuestPage(frame: RelayFrame): boolean {
    const self = this.p.link.userId;
    switch (frame.type) {
      case 'message':
        return frame.message.agentId !== self;
      case 'read':
        return frame.receipt.agentId !== self;
      case 'listeners':
      case 'transcript':
      case 'thread':
      case 'guests':
      case 'customer_send_result':
      case 'customer_send_mode':
        return frame.agentId !== self;
      case 'guest_grants':
        return true;
      case 'error':
        // A refused send: the guest page that sent it matches the msgId.
        return frame.msgId !== undefined;
      default:
        return false;
    }
  }

  /** A desktop notification unless a console is in front. */
  notify(notice: Notice): void {
    void notify(notice, () => this.p.consoles.inFront());
  }

  /**
   * Delivers a relay event to whom it is for. An agent's tab gets only what belongs to the conversation it shows; a
   * supervisor's events go to the open consoles.
   */
  private async deliver(conversationKey: string | null, agentId: string | null, message: TabMessage & { type: 'relay' }): Promise<void> {
    const { link } = this.p;
    if (link.role === 'agent' || agentId === link.userId) {
      if (conversationKey !== null) await this.toTabs(await tabsFor(conversationKey), message);
      return;
    }
    this.p.consoles.post(message);
  }
}
