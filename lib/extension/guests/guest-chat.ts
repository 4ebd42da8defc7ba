// One chat as its guest sees it on the guest page: the grant, the live transcript (listen-in), the whisper thread,
// who listens and who else was brought in; whispers and suggestions go out through the background's outbox.
import { applyTranscript } from '../../coaching/index.ts';
import type { CustomerSendMode, GuestGrant, RelayFrame, ThreadMessage, TranscriptEvent, UserRef, WhisperFrame } from '../../protocol/index.ts';
import { askBackground } from '../messages.ts';
import { newMessageId } from '../page/message-ids.ts';
import { mergeThread, withCustomerSend } from '../page/thread-merge.ts';

export type GuestChatState = {
  /** Null while loading, and when this user is not (or no longer) a guest of the chat. */
  grant: GuestGrant | null;
  /** True once the grant was found to be missing or ended: nothing can be done here any more. */
  ended: boolean;
  transcript: TranscriptEvent[];
  thread: ThreadMessage[];
  listeners: UserRef[];
  guests: GuestGrant[];
  /** Whether the agent's extension lets coaches send to this chat's customer now (from customer_send_mode). */
  customerSend: CustomerSendMode;
  problem: string | null;
};

export class GuestChat {
  private state: GuestChatState = { grant: null, ended: false, transcript: [], thread: [], listeners: [], guests: [], customerSend: 'off', problem: null };

  /** msgIds of the sends from this page, to match a refusal the background passes on. */
  private readonly sent = new Set<string>();

  constructor(
    private readonly grantId: string,
    private readonly changed: (state: GuestChatState) => void,
  ) {}

  get current(): GuestChatState {
    return this.state;
  }

  /** Finds the grant, starts listening and shows the cached thread (a fresh copy follows from the relay). */
  async start(): Promise<void> {
    const grants = await askBackground({ type: 'guest_grants' });
    const grant = grants.find((g) => g.id === this.grantId) ?? null;
    if (!grant) return this.set({ ...this.state, ended: true });
    this.set({ ...this.state, grant });
    void askBackground({ type: 'guest_opened', grantId: grant.id });
    const listening = await askBackground({ type: 'send_live', frame: { type: 'listen_start', agentId: grant.agentId, conversationKey: grant.conversationKey } });
    if (!listening.ok) this.set({ ...this.state, problem: listening.message });
    const cached = await askBackground({ type: 'thread', agentId: grant.agentId, conversationKey: grant.conversationKey });
    this.set({ ...this.state, thread: mergeThread(this.state.thread, cached.messages) });
  }

  /** A relay event forwarded by the background: only what belongs to this chat is taken. */
  relay(frame: RelayFrame): void {
    const grant = this.state.grant;
    if (!grant) return;
    const ours = (agentId: string, key: string | null) => agentId === grant.agentId && key === grant.conversationKey;
    switch (frame.type) {
      case 'transcript':
        if (ours(frame.agentId, frame.conversationKey)) this.set({ ...this.state, transcript: applyTranscript(this.state.transcript, frame) });
        return;
      case 'message':
        if (ours(frame.message.agentId, frame.message.conversationKey)) this.set({ ...this.state, thread: mergeThread(this.state.thread, [frame.message]) });
        return;
      case 'thread':
        if (ours(frame.agentId, frame.conversationKey)) this.set({ ...this.state, thread: mergeThread(this.state.thread, frame.messages) });
        return;
      case 'listeners':
        if (ours(frame.agentId, frame.conversationKey)) this.set({ ...this.state, listeners: frame.listeners });
        return;
      case 'guests':
        if (ours(frame.agentId, frame.conversationKey)) this.set({ ...this.state, guests: frame.guests });
        return;
      case 'guest_grants':
        if (!frame.grants.some((g) => g.id === grant.id)) this.set({ ...this.state, ended: true, listeners: [], customerSend: 'off' });
        return;
      case 'error':
        // A send from this page that the relay refused for good: its words are shown.
        if (frame.msgId !== undefined && this.sent.has(frame.msgId)) this.set({ ...this.state, problem: frame.message });
        return;
      case 'customer_send_mode':
        if (ours(frame.agentId, frame.conversationKey)) this.set({ ...this.state, customerSend: frame.customerSend });
        return;
      case 'customer_send_result':
        if (ours(frame.agentId, frame.conversationKey)) this.set({ ...this.state, thread: withCustomerSend(this.state.thread, frame) });
        return;
      default:
    }
  }

  async whisper(text: string, kind: WhisperFrame['kind']): Promise<void> {
    const grant = this.state.grant;
    if (!grant || this.state.ended) return;
    const msgId = newMessageId();
    this.sent.add(msgId);
    const sent = await askBackground({
      type: 'queue',
      frame: { type: 'whisper', msgId, agentId: grant.agentId, conversationKey: grant.conversationKey, kind, text },
    });
    this.set({ ...this.state, problem: sent.ok ? null : sent.message });
  }

  /** Leaves the chat: the grant ends for this user. */
  async leave(): Promise<void> {
    const grant = this.state.grant;
    if (!grant || this.state.ended) return;
    await askBackground({ type: 'send_live', frame: { type: 'listen_stop', agentId: grant.agentId, conversationKey: grant.conversationKey } });
    const left = await askBackground({
      type: 'send_live',
      frame: { type: 'uninvite', agentId: grant.agentId, conversationKey: grant.conversationKey, userId: grant.guest.id },
    });
    this.set({ ...this.state, problem: left.ok ? null : left.message });
  }

  private set(state: GuestChatState): void {
    this.state = state;
    this.changed(state);
  }
}
