// The supervisor panel's data in a helpdesk tab: the live board, the chat listened to, its transcript and its
// whisper thread, from the relay events the background routes to tabs with the panel open.
import type { BoardAgent, BoardChat, PageHealthAgent, RelayFrame, TeamRef, ThreadMessage, TranscriptEvent, UserRef, WhisperFrame } from '../../protocol/index.ts';
import { applyTranscript, boardChatId, recordMoodScores } from '../../coaching/index.ts';
import { askBackground, type QueueResult } from '../messages.ts';
import { newMessageId } from './message-ids.ts';
import { markReadBy, mergeThread, withCustomerSend } from './thread-merge.ts';
import { acknowledge, addDraft, draftMessage, dropDraft, type WithDrafts } from './pending-drafts.ts';

export type ChatRef = { agentId: string; conversationKey: string };

export type SupervisorBoardState = {
  chats: BoardChat[];
  teams: TeamRef[];
  agents: BoardAgent[];
  /** Earlier mood scores per chat id, oldest first (for the trend). */
  moodHistory: Record<string, number[]>;
  listening: ChatRef | null;
  transcript: TranscriptEvent[];
  thread: ThreadMessage[];
  /** Ids of thread messages sent from here that the relay has not acknowledged yet (shown as "Sending…"). */
  pendingIds: ReadonlySet<string>;
  /** Agents of the board's teams whose helpdesk page is not recognised (the relay's `page_health`). */
  pageHealth: PageHealthAgent[];
  /** The relay's words for the last send from here that it refused (cleared by the next send). */
  refusal: string | null;
};

const chatId = (agentId: string, key: string) => boardChatId({ agentId, key });


export class SupervisorBoard {
  private state: SupervisorBoardState = { chats: [], teams: [], agents: [], moodHistory: {}, listening: null, transcript: [], thread: [], pendingIds: new Set(), pageHealth: [], refusal: null };

  /** `self`: the signed-in supervisor, shown as the sender of its own messages until the relay has them. */
  constructor(
    private readonly changed: (state: SupervisorBoardState) => void,
    private readonly self: () => UserRef | null = () => null,
  ) {}

  get current(): SupervisorBoardState {
    return this.state;
  }

  /** Forgets everything shown (another person signed in). */
  reset(): void {
    this.set({ chats: [], teams: [], agents: [], moodHistory: {}, listening: null, transcript: [], thread: [], pendingIds: new Set(), pageHealth: [], refusal: null });
  }

  /** Subscribes to the board (again: the answer is a fresh snapshot). */
  open(): Promise<unknown> {
    return askBackground({ type: 'send_live', frame: { type: 'board_subscribe' } });
  }

  async listen(chat: ChatRef): Promise<void> {
    const previous = this.state.listening;
    if (previous && (previous.agentId !== chat.agentId || previous.conversationKey !== chat.conversationKey)) await this.stopListening(previous);
    this.set({ ...this.state, listening: chat, transcript: [], thread: [], pendingIds: new Set() });
    await askBackground({ type: 'send_live', frame: { type: 'listen_start', ...chat } });
    const answer = await askBackground({ type: 'thread', agentId: chat.agentId, conversationKey: chat.conversationKey });
    if (this.isListening(chat.agentId, chat.conversationKey)) this.set({ ...this.state, thread: mergeThread(this.state.thread, answer.messages) });
  }

  async stopListening(chat: ChatRef): Promise<void> {
    if (this.isListening(chat.agentId, chat.conversationKey)) this.set({ ...this.state, listening: null, transcript: [], thread: [], pendingIds: new Set() });
    await askBackground({ type: 'send_live', frame: { type: 'listen_stop', ...chat } });
  }

  /**
   * Queues a whisper in the background's outbox. It shows in the thread at once, marked as sending, until the relay's
   * copy (same msgId) arrives: while the relay is away that is after the reconnect.
   */
  async whisper(text: string, kind: WhisperFrame['kind'], chat: ChatRef): Promise<QueueResult> {
    const msgId = newMessageId();
    const self = this.self();
    if (this.state.refusal !== null) this.set({ ...this.state, refusal: null });
    if (self && this.isListening(chat.agentId, chat.conversationKey)) {
      this.setDrafts(addDraft(this.drafts(), draftMessage({ msgId, kind, agentId: chat.agentId, conversationKey: chat.conversationKey, from: self, text })));
    }
    const result = await askBackground({ type: 'queue', frame: { type: 'whisper', msgId, agentId: chat.agentId, conversationKey: chat.conversationKey, kind, text } });
    if (!result.ok) this.setDrafts(dropDraft(this.drafts(), msgId));
    return result;
  }

  markRead(messageIds: string[], chat: ChatRef): Promise<unknown> {
    if (!messageIds.length) return Promise.resolve();
    return askBackground({ type: 'queue', frame: { type: 'read', ref: newMessageId(), agentId: chat.agentId, conversationKey: chat.conversationKey, messageIds: messageIds.slice(0, 200) } });
  }

  relay(frame: RelayFrame): void {
    switch (frame.type) {
      case 'board_snapshot':
        this.set({ ...this.state, chats: frame.chats, teams: frame.teams, agents: frame.agents, moodHistory: {} });
        return;
      case 'board_delta': {
        const chats = new Map(this.state.chats.map((c) => [chatId(c.agentId, c.key), c]));
        const history = recordMoodScores(this.state.moodHistory, this.state.chats);
        const agents = new Map(this.state.agents.map((a) => [a.id, a]));
        for (const agent of frame.agents) agents.set(agent.id, agent);
        for (const gone of frame.agentsGone) agents.delete(gone);
        for (const gone of frame.remove) chats.delete(chatId(gone.agentId, gone.conversationKey));
        for (const chat of frame.upsert) {
          chats.set(chatId(chat.agentId, chat.key), chat);
        }
        for (const id of frame.agentsGone) for (const [key, chat] of chats) if (chat.agentId === id) chats.delete(key);
        this.set({ ...this.state, chats: [...chats.values()], agents: [...agents.values()], moodHistory: history });
        return;
      }
      case 'page_health':
        this.set({ ...this.state, pageHealth: frame.agents });
        return;
      case 'transcript':
        if (this.isListening(frame.agentId, frame.conversationKey)) this.set({ ...this.state, transcript: applyTranscript(this.state.transcript, frame) });
        return;
      case 'message':
        if (this.isListening(frame.message.agentId, frame.message.conversationKey)) this.arrived([frame.message]);
        return;
      case 'thread':
        if (this.isListening(frame.agentId, frame.conversationKey)) this.arrived(frame.messages);
        return;
      case 'customer_send_result':
        if (this.isListening(frame.agentId, frame.conversationKey)) this.set({ ...this.state, thread: withCustomerSend(this.state.thread, frame) });
        return;
      case 'error': {
        // A send from here that the relay refused for good: its draft goes and the relay's words are shown.
        const draft = frame.msgId === undefined ? undefined : this.state.thread.find((m) => m.msgId === frame.msgId && this.state.pendingIds.has(m.id));
        if (!draft) return;
        this.set({ ...this.state, ...this.withoutDraft(draft.msgId), refusal: frame.message });
        return;
      }
      case 'read': {
        const { receipt } = frame;
        if (!this.isListening(receipt.agentId, receipt.conversationKey)) return;
        this.set({ ...this.state, thread: markReadBy(this.state.thread, receipt.messageIds, receipt.by.id) });
        return;
      }
      default:
    }
  }

  /** Relay copies replace the drafts sent from here with the same msgId. */
  private arrived(messages: readonly ThreadMessage[]): void {
    this.setDrafts(acknowledge(this.drafts(), messages));
  }

  private withoutDraft(msgId: string): { thread: ThreadMessage[]; pendingIds: ReadonlySet<string> } {
    const { messages, pendingIds } = dropDraft(this.drafts(), msgId);
    return { thread: messages, pendingIds };
  }

  private drafts(): WithDrafts {
    return { messages: this.state.thread, pendingIds: this.state.pendingIds };
  }

  private setDrafts({ messages, pendingIds }: WithDrafts): void {
    this.set({ ...this.state, thread: messages, pendingIds });
  }

  private isListening(agentId: string, key: string | null): boolean {
    const listening = this.state.listening;
    return listening !== null && listening.agentId === agentId && listening.conversationKey === key;
  }

  private set(state: SupervisorBoardState): void {
    this.state = state;
    this.changed(state);
  }
}
