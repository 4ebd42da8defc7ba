// The agent's coaching for the conversation on screen: its whisper thread and who listens, kept from the cached
// thread and the relay events the background routes to this tab. Sends go through the background's outbox.
import type { ClientFrame, CustomerSendReason, GuestGrant, RelayFrame, ThreadMessage, UserRef } from '../../protocol/index.ts';
import { askBackground, type CustomerSendModeAnswer, type DirectoryAnswer, type QueueResult } from '../messages.ts';
import { newMessageId } from './message-ids.ts';
import { acknowledge, addDraft, draftMessage, dropDraft } from './pending-drafts.ts';
import { markReadBy } from './thread-merge.ts';

export type AgentThreadState = {
  conversationKey: string | null;
  messages: ThreadMessage[];
  listeners: UserRef[];
  /** Replies and help requests sent from this tab that the relay has not acknowledged yet. */
  pendingIds: ReadonlySet<string>;
  /** Colleagues brought into this chat (the relay's `guests`). */
  guests: GuestGrant[];
  /** "John Park (Accounts) joined" and the like, newest last, for this chat since it was shown. */
  guestNotices: string[];
  /** "Send to customer" in this chat: what it does here (null until the background said), and each message's state. */
  customerSend: { mode: CustomerSendModeAnswer | null; shown: Record<string, CustomerSendShown> };
};

/** A `customer` message's state as this tab saw it or the relay reported it. */
export type CustomerSendShown = { state: 'sending' | 'sent' | 'not_sent'; reason?: CustomerSendReason };

function empty(): Omit<AgentThreadState, 'conversationKey'> {
  return { messages: [], listeners: [], pendingIds: new Set(), guests: [], guestNotices: [], customerSend: { mode: null, shown: {} } };
}

function named(g: GuestGrant): string {
  return g.guest.teams.length ? `${g.guest.name} (${g.guest.teams.map((t) => t.name).join(', ')})` : g.guest.name;
}

const ENDINGS = { removed: 'left', chat_ended: 'left: the chat ended', expired: 'left: the time allowed ran out' } as const;

export class AgentThread {
  private state: AgentThreadState = { conversationKey: null, ...empty() };

  /** `self`: the signed-in agent, the sender of its own replies until the relay has them. */
  constructor(
    private readonly self: () => UserRef | null,
    private readonly changed: (state: AgentThreadState) => void,
  ) {}

  private selfId(): string | null {
    return this.self()?.id ?? null;
  }

  get current(): AgentThreadState {
    return this.state;
  }

  /** The conversation on screen changed: show its cached thread, then whatever the relay adds. */
  async show(conversationKey: string | null): Promise<void> {
    this.set({ conversationKey, ...empty() });
    if (conversationKey === null) return;
    const [answer, guests, mode] = await Promise.all([
      askBackground({ type: 'thread', conversationKey }),
      askBackground({ type: 'chat_guests', conversationKey }),
      askBackground({ type: 'customer_send_mode', conversationKey }).catch(() => null),
    ]);
    if (this.state.conversationKey !== conversationKey) return;
    this.set({ ...this.state, ...acknowledge(this.state, answer.messages), listeners: answer.listeners, guests, customerSend: { ...this.state.customerSend, mode } });
  }

  /** A relay event for this tab; only what belongs to this agent's conversation on screen is taken. */
  relay(frame: RelayFrame): void {
    const key = this.state.conversationKey;
    const self = this.selfId();
    if (key === null || self === null) return;
    switch (frame.type) {
      case 'message':
        if (frame.message.agentId === self && frame.message.conversationKey === key) this.set({ ...this.state, ...acknowledge(this.state, [frame.message]) });
        return;
      case 'thread':
        if (frame.agentId === self && frame.conversationKey === key) this.set({ ...this.state, ...acknowledge(this.state, frame.messages) });
        return;
      case 'read': {
        const { receipt } = frame;
        if (receipt.agentId !== self || receipt.conversationKey !== key) return;
        this.set({ ...this.state, messages: markReadBy(this.state.messages, receipt.messageIds, receipt.by.id) });
        return;
      }
      case 'listeners':
        if (frame.agentId === self && frame.conversationKey === key) this.set({ ...this.state, listeners: frame.listeners });
        return;
      case 'customer_send_result':
        if (frame.agentId === self && frame.conversationKey === key) this.customerSendShown(frame.messageId, frame.outcome, frame.reason);
        return;
      case 'guests': {
        if (frame.agentId !== self || frame.conversationKey !== key) return;
        const before = new Set(this.state.guests.map((g) => g.id));
        const notices = frame.guests.filter((g) => !before.has(g.id)).map((g) => `${named(g)} joined`);
        if (frame.ended) notices.push(`${named(frame.ended.grant)} ${ENDINGS[frame.ended.reason]}`);
        this.set({ ...this.state, guests: frame.guests, guestNotices: [...this.state.guestNotices, ...notices].slice(-5) });
        return;
      }
      default:
    }
  }

  /** What "send to customer" does in a chat now (the background's notice). */
  customerSendMode(mode: CustomerSendModeAnswer): void {
    if (mode.conversationKey === this.state.conversationKey) this.set({ ...this.state, customerSend: { ...this.state.customerSend, mode } });
  }

  /** A `customer` message's state: sending from this tab, or its outcome (the first outcome stays). */
  customerSendShown(messageId: string, state: CustomerSendShown['state'], reason?: CustomerSendReason): void {
    const before = this.state.customerSend.shown[messageId];
    if (before && before.state !== 'sending') return;
    const shown = { ...this.state.customerSend.shown, [messageId]: { state, ...(reason ? { reason } : {}) } };
    this.set({ ...this.state, customerSend: { ...this.state.customerSend, shown } });
  }

  /** The agent allows (or takes back) sending to this chat's customer. */
  async allowCustomerSend(allowed: boolean): Promise<void> {
    const key = this.state.conversationKey;
    if (key === null) return;
    this.customerSendMode(await askBackground({ type: 'customer_send_consent', conversationKey: key, allowed }));
  }

  searchColleagues(query: string): Promise<DirectoryAnswer> {
    return askBackground({ type: 'directory_search', query });
  }

  /** Brings a colleague into the chat on screen. */
  invite(userId: string): Promise<unknown> {
    const key = this.state.conversationKey;
    if (key === null) return Promise.resolve();
    return askBackground({ type: 'send_live', frame: { type: 'invite', ref: newMessageId().slice(0, 32), conversationKey: key, userId } });
  }

  removeGuest(userId: string): Promise<unknown> {
    const key = this.state.conversationKey;
    if (key === null) return Promise.resolve();
    return askBackground({ type: 'send_live', frame: { type: 'uninvite', ref: newMessageId().slice(0, 32), conversationKey: key, userId } });
  }

  reply(text: string): Promise<unknown> {
    const key = this.state.conversationKey;
    if (key === null) return Promise.resolve();
    return this.sendShown({ type: 'reply', msgId: newMessageId(), conversationKey: key, text }, 'reply', text);
  }

  askHelp(reason: string): Promise<unknown> {
    return this.sendShown({ type: 'help', msgId: newMessageId(), conversationKey: this.state.conversationKey, reason }, 'help', reason);
  }

  /** Forgets everything shown (signed out). */
  clear(): void {
    this.set({ conversationKey: null, ...empty() });
  }

  /** Shows the message at once as sending, queues it, and takes the draft back if the background refused it. */
  private async sendShown(frame: Extract<ClientFrame, { type: 'reply' | 'help' }>, kind: 'reply' | 'help', text: string): Promise<QueueResult> {
    const self = this.self();
    const key = this.state.conversationKey;
    if (self && key !== null && frame.conversationKey === key) {
      this.set({ ...this.state, ...addDraft(this.state, draftMessage({ msgId: frame.msgId, kind, agentId: self.id, conversationKey: key, from: self, text })) });
    }
    const result = await askBackground({ type: 'queue', frame });
    if (!result.ok) this.set({ ...this.state, ...dropDraft(this.state, frame.msgId) });
    return result;
  }

  markRead(messageIds: string[]): Promise<unknown> {
    const self = this.selfId();
    if (!messageIds.length || self === null) return Promise.resolve();
    // Shown as read at once; the receipt follows through the outbox.
    this.set({ ...this.state, messages: markReadBy(this.state.messages, messageIds, self) });
    return askBackground({ type: 'queue', frame: { type: 'read', ref: newMessageId(), conversationKey: this.state.conversationKey, messageIds: messageIds.slice(0, 200) } });
  }

  private set(state: AgentThreadState): void {
    this.state = state;
    this.changed(state);
  }
}
