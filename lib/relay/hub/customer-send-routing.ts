// Send to customer, the relay's part after the message: the agent's report of what became of a `customer` message
// is recorded once (the first outcome counts), durably to the sender and the agent, live to the chat's listeners.
import type { ClientFrameOf, RelayFrame } from '../../protocol/index.ts';
import { stillInChat, type GrantStore } from '../guests/index.ts';
import type { Directory } from '../identity/directory.ts';
import type { Logger } from '../log.ts';
import type { CustomerSendResult, DurableStore, StreamEntry } from '../store/durable-store.ts';
import type { FrameReplies } from './frame-replies.ts';
import type { LiveBus } from './live-bus.ts';
import { listenKey, type ListenRegistry } from './listen-registry.ts';
import type { Session } from './session.ts';

export type CustomerSendRoutingParts = {
  identities: Directory;
  grants: GrantStore;
  messages: DurableStore;
  log: Logger;
  listens: ListenRegistry;
  live: LiveBus | undefined;
  replies: FrameReplies;
  /** Sends committed entries to local sockets; absent when the store publishes them (Redis mode). */
  deliver?: (entries: StreamEntry[]) => void;
};

export class CustomerSendRouting {
  constructor(private readonly p: CustomerSendRoutingParts) {}

  async onResult(session: Session, frame: ClientFrameOf<'customer_send_result'>): Promise<void> {
    const p = session.principal;
    const message = await this.p.messages.getMessage(frame.messageId);
    // Only the agent the message was for may report it; anything else reads like an id that does not exist.
    if (!message || message.kind !== 'customer' || message.agentId !== p.userId || message.conversationKey === null) {
      return this.p.replies.error(session, 'not_found', `no customer message ${frame.messageId}`, frame);
    }
    const conversationKey = message.conversationKey;
    const result: CustomerSendResult = {
      agentId: p.userId,
      conversationKey,
      messageId: message.id,
      msgId: message.msgId,
      outcome: frame.outcome,
      ...(frame.outcome === 'not_sent' && frame.reason ? { reason: frame.reason } : {}),
      at: Date.now(),
    };
    const agent = await this.p.identities.getUserInOrg(p.orgId, p.userId);
    // The sender hears of it unless it was a guest whose access to the chat has ended since.
    const sender = agent ? await stillInChat(this.p.identities, this.p.grants, agent, conversationKey, [message.from.id]) : [];
    const recipients = [...new Set([p.userId, ...sender])];
    let entries: StreamEntry[] | null;
    try {
      entries = await this.p.messages.appendCustomerSend(result, recipients);
    } catch (error) {
      this.p.log.error({ err: error, messageId: message.id }, 'storing a customer send outcome failed');
      return this.p.replies.error(session, 'internal', 'the outcome could not be stored; send it again', frame);
    }
    // A repeat (or a later, different outcome): the first one stands and was announced when it was stored.
    if (!entries) return this.p.replies.ack(session, frame.ref);
    this.p.deliver?.(entries);
    this.toListeners(result, recipients);
    const own = entries.find((e) => e.userId === p.userId);
    session.afterStreamSeq(own?.seq ?? null, () => this.p.replies.ack(session, frame.ref));
  }

  /** Live, without a seq, to every socket listening to the chat (here and on other processes) but the recipients'. */
  private toListeners(result: CustomerSendResult, recipients: readonly string[]): void {
    const key = listenKey(result.agentId, result.conversationKey);
    const text = JSON.stringify({ type: 'customer_send_result', ...result } satisfies RelayFrame);
    for (const s of this.p.listens.sessions(key)) if (!recipients.includes(s.userId)) s.sendText(text);
    const remote = this.p.live ? this.p.listens.remoteProcesses(key) : undefined;
    if (remote) for (const processId of remote) this.p.live!.sendTranscript(processId, key, text);
  }
}
