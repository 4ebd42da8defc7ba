// The background's side of "send to customer": journals each `customer` message for this agent on arrival, offers
// it to the helpdesk tab showing its chat (again after a reload or a worker restart), lets one tab claim it, records
// each step and the one outcome, and reports that outcome to the relay through the outbox. Also what this agent's
// extension allows per chat (policy, the adapter's send action, the agent's consent), published in chat_state.
import type { ClientFrame, CustomerSendMode, CustomerSendReason, ThreadMessage } from '../../protocol/index.ts';
import type { SendToCustomer } from '../policy.ts';
import type { ClaimAnswer, SendOffer } from '../page/customer-send-executor.ts';
import { withSignature } from './send-signature.ts';
import {
  advanceSend,
  claimSend,
  consentedChats,
  finishSend,
  pruneSends,
  readSend,
  recordArrival,
  setConsent,
  unfinishedSends,
  type SendJournalDb,
  type SendStage,
} from './send-journal.ts';

/** A message no tab showing its chat took within this time is reported `chat_not_open`. */
export const UNCLAIMED_MS = 30_000;
const KEEP_MS = 30 * 86_400_000;

/** What a tab is told about sends in its chat. */
export type CustomerSendNotice =
  | { type: 'customer_send_offer'; offer: SendOffer }
  | { type: 'customer_send_mode'; conversationKey: string; mode: CustomerSendMode; policy: SendToCustomer; consented: boolean };

export type CustomerSendsParts = {
  journal: Promise<SendJournalDb>;
  /** The signed-in agent (null otherwise): customer messages are only for agents. */
  self(): { id: string; role: string; teams: { name: string }[] } | null;
  settings(): { sendToCustomer: SendToCustomer; sendToCustomerSignature: string };
  /** The team names of a guest of this chat, when the sender is one. */
  guestTeams(conversationKey: string, userId: string): string[] | undefined;
  /** Puts a frame into the outbox (delivered exactly once, across reconnects and restarts). */
  queue(frame: ClientFrame): Promise<unknown>;
  tabsFor(conversationKey: string): Promise<number[]>;
  liveTabs(): Promise<Set<number>>;
  tell(tabIds: number[], notice: CustomerSendNotice): Promise<void>;
  /** chat_state should be published again (a consent changed). */
  republish(): void;
  now?: () => number;
};

export type ClaimRequest = { messageId: string; conversationKey: string; canSend: boolean; seenIds: string[] };

export class CustomerSends {
  private consents = new Set<string>();
  private consentsOf: string | null = null;
  private readonly now: () => number;
  /** Chats where a tab of this agent's helpdesk can send (its adapter has a send action). */
  private readonly sendable = new Map<number, Set<string>>();

  constructor(private readonly p: CustomerSendsParts) {
    this.now = p.now ?? (() => Date.now());
  }

  /** Loads the agent's consents (after sign-in or a worker restart) and forgets old finished entries. */
  async load(): Promise<void> {
    const self = this.p.self();
    const db = await this.p.journal;
    this.consents = self ? await consentedChats(db, self.id) : new Set();
    this.consentsOf = self?.id ?? null;
    await pruneSends(db, this.now() - KEEP_MS);
    this.p.republish();
  }

  /**
   * A tab's adapter can (or cannot) send in the chats it lists. The tabs of a chat whose mode this changes hear it at
   * once: a tab asks for the mode as it opens the chat, often before its first report made the chat sendable.
   */
  async tabCanSend(tabId: number, keys: string[] | null): Promise<void> {
    const before = new Map([...this.sendableKeys()].map((key) => [key, this.mode(key)]));
    if (keys === null) this.sendable.delete(tabId);
    else this.sendable.set(tabId, new Set(keys));
    for (const key of new Set([...before.keys(), ...this.sendableKeys()])) {
      if (this.mode(key) !== (before.get(key) ?? 'off')) await this.p.tell(await this.p.tabsFor(key), this.modeNotice(key));
    }
  }

  private sendableKeys(): Set<string> {
    return new Set([...this.sendable.values()].flatMap((set) => [...set]));
  }

  /** What this extension does with "send to customer" in one chat: published in chat_state. */
  mode(conversationKey: string): CustomerSendMode {
    const policy = this.p.settings().sendToCustomer;
    if (policy === 'off' || ![...this.sendable.values()].some((keys) => keys.has(conversationKey))) return 'off';
    if (policy === 'allowed') return 'allowed';
    return this.consented(conversationKey) ? 'allowed' : 'ask';
  }

  private consented(conversationKey: string): boolean {
    return this.consentsOf === this.p.self()?.id && this.consents.has(conversationKey);
  }

  modeNotice(conversationKey: string): Extract<CustomerSendNotice, { type: 'customer_send_mode' }> {
    return { type: 'customer_send_mode', conversationKey, mode: this.mode(conversationKey), policy: this.p.settings().sendToCustomer, consented: this.consented(conversationKey) };
  }

  /** The policy or the agent's setting changed: chat_state and the tabs showing sendable chats hear it at once. */
  async settingsChanged(): Promise<void> {
    this.p.republish();
    for (const key of this.sendableKeys()) await this.p.tell(await this.p.tabsFor(key), this.modeNotice(key));
  }

  /** The agent allowed (or took back) sending to this chat's customer. */
  async setConsent(conversationKey: string, allowed: boolean): Promise<void> {
    const self = this.p.self();
    if (!self) return;
    await setConsent(await this.p.journal, self.id, conversationKey, allowed, this.now());
    if (this.consentsOf !== self.id) await this.load();
    if (allowed) this.consents.add(conversationKey);
    else this.consents.delete(conversationKey);
    this.p.republish();
    await this.p.tell(await this.p.tabsFor(conversationKey), this.modeNotice(conversationKey));
  }

  /** A thread message from the stream: a `customer` message for this agent is journalled once and offered. */
  async arrived(message: ThreadMessage): Promise<void> {
    const self = this.p.self();
    if (message.kind !== 'customer' || !self || self.role !== 'agent' || message.agentId !== self.id || message.conversationKey === null) return;
    const db = await this.p.journal;
    const team = this.p.guestTeams(message.conversationKey, message.from.id)?.[0] ?? self.teams[0]?.name;
    const entry = await recordArrival(db, {
      messageId: message.id,
      agentId: message.agentId,
      conversationKey: message.conversationKey,
      text: withSignature(message.text, this.p.settings().sendToCustomerSignature, { name: message.from.name, team }),
      senderName: message.from.name,
      receivedAt: this.now(),
    });
    if (entry.state === 'done') return;
    // The relay already has an outcome (reported from this browser before its journal was lost): keep it.
    if (message.customerSend) {
      await finishSend(db, message.id, message.customerSend.outcome, message.customerSend.reason, this.now());
      return;
    }
    await this.offer(message.conversationKey);
  }

  /** Offers the unfinished messages of a chat (or of all chats) to the tabs showing them. */
  async offer(conversationKey?: string): Promise<void> {
    const db = await this.p.journal;
    for (const entry of await unfinishedSends(db, conversationKey)) {
      const refusal = this.refusal(entry.conversationKey);
      if (refusal) {
        await this.finish(entry.messageId, 'not_sent', refusal);
        continue;
      }
      const tabs = await this.p.tabsFor(entry.conversationKey);
      if (tabs.length === 0) {
        if (entry.state === 'pending' && this.now() - entry.receivedAt > UNCLAIMED_MS) await this.finish(entry.messageId, 'not_sent', 'chat_not_open');
        continue;
      }
      await this.p.tell(tabs, { type: 'customer_send_offer', offer: { messageId: entry.messageId, conversationKey: entry.conversationKey, text: entry.text } });
    }
  }

  /** Why nothing may be sent in this chat now (policy off, or not allowed here), or null. */
  private refusal(conversationKey: string): CustomerSendReason | null {
    const policy = this.p.settings().sendToCustomer;
    if (policy === 'off') return 'policy_off';
    if (policy === 'ask' && !this.consented(conversationKey)) return 'not_allowed_here';
    return null;
  }

  /** A tab asks to act on a message; only one tab at a time, and never after an outcome. */
  async claim(tabId: number, request: ClaimRequest): Promise<ClaimAnswer> {
    const db = await this.p.journal;
    const entry = (await unfinishedSends(db, request.conversationKey)).find((e) => e.messageId === request.messageId);
    if (!entry) return { act: false };
    const refusal = this.refusal(entry.conversationKey) ?? (request.canSend ? null : 'no_send_action');
    if (refusal) {
      await this.finish(entry.messageId, 'not_sent', refusal);
      return { act: false };
    }
    const verdict = await claimSend(db, request.messageId, tabId, request.seenIds, await this.p.liveTabs());
    if (verdict.kind === 'fresh') return { act: true, earlier: null };
    if (verdict.kind === 'resume') return { act: true, earlier: { stage: verdict.entry.stage ?? 'claimed', seenIds: verdict.entry.seenIds ?? [] } };
    return { act: false };
  }

  advance(tabId: number, messageId: string, stage: SendStage): Promise<boolean> {
    return this.p.journal.then((db) => advanceSend(db, messageId, tabId, stage));
  }

  /** Records the outcome once and reports it to the relay through the outbox. */
  async finish(messageId: string, outcome: 'sent' | 'not_sent', reason?: CustomerSendReason): Promise<void> {
    const { entry, first } = await finishSend(await this.p.journal, messageId, outcome, outcome === 'sent' ? undefined : reason, this.now());
    if (!first || !entry) return;
    await this.p.queue({ type: 'customer_send_result', ref: `cs_${messageId}`.slice(0, 64), messageId, outcome, ...(outcome === 'not_sent' && reason ? { reason } : {}) });
  }

  /** A tab's outcome: taken only from the tab acting on that message (the journal's claim). */
  async finishFromTab(tabId: number, messageId: string, outcome: 'sent' | 'not_sent', reason?: CustomerSendReason): Promise<void> {
    const entry = await readSend(await this.p.journal, messageId);
    if (entry?.state !== 'acting' || entry.tabId !== tabId) return;
    await this.finish(messageId, outcome, reason);
  }

  /** Chats with a message nobody took: reported once they waited too long. */
  tick(): Promise<void> {
    return this.offer();
  }
}
