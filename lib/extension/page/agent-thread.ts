// The agent's coaching for the conversation on screen: its whisper thread and who listens, kept from the cached
// thread and the relay events the background routes to this tab. Sends go through the background's outbox.
import type { RelayFrame, ThreadMessage, UserRef } from '../../protocol/index.ts';
import { askBackground } from '../messages.ts';
import { newMessageId } from './message-ids.ts';
import { markReadBy, mergeThread as merge } from './thread-merge.ts';

export type AgentThreadState = { conversationKey: string | null; messages: ThreadMessage[]; listeners: UserRef[] };

export class AgentThread {
  private state: AgentThreadState = { conversationKey: null, messages: [], listeners: [] };

  constructor(
    private readonly selfId: () => string | null,
    private readonly changed: (state: AgentThreadState) => void,
  ) {}

  get current(): AgentThreadState {
    return this.state;
  }

  /** The conversation on screen changed: show its cached thread, then whatever the relay adds. */
  async show(conversationKey: string | null): Promise<void> {
    this.set({ conversationKey, messages: [], listeners: [] });
    if (conversationKey === null) return;
    const answer = await askBackground({ type: 'thread', conversationKey });
    if (this.state.conversationKey !== conversationKey) return;
    this.set({ ...this.state, messages: merge(this.state.messages, answer.messages), listeners: answer.listeners });
  }

  /** A relay event for this tab; only what belongs to this agent's conversation on screen is taken. */
  relay(frame: RelayFrame): void {
    const key = this.state.conversationKey;
    const self = this.selfId();
    if (key === null || self === null) return;
    switch (frame.type) {
      case 'message':
        if (frame.message.agentId === self && frame.message.conversationKey === key) this.set({ ...this.state, messages: merge(this.state.messages, [frame.message]) });
        return;
      case 'thread':
        if (frame.agentId === self && frame.conversationKey === key) this.set({ ...this.state, messages: merge(this.state.messages, frame.messages) });
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
      default:
    }
  }

  reply(text: string): Promise<unknown> {
    const key = this.state.conversationKey;
    if (key === null) return Promise.resolve();
    return askBackground({ type: 'queue', frame: { type: 'reply', msgId: newMessageId(), conversationKey: key, text } });
  }

  askHelp(reason: string): Promise<unknown> {
    return askBackground({ type: 'queue', frame: { type: 'help', msgId: newMessageId(), conversationKey: this.state.conversationKey, reason } });
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
