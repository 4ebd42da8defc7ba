// The agent's side in the background: merges what its helpdesk tabs read into `chat_state` (with each chat's mood,
// assessed here from its transcript, as policy lets it be shared: lib/privacy/chat-state-privacy.ts), and streams
// redacted transcripts to the supervisors listening, only while they listen.
import type { ClientFrame, ConversationState, CustomerSendMode, Mood, RelayFrameOf, TranscriptEvent, UserRef } from '../protocol/index.ts';
import type { ConversationInfo, TranscriptUpdate } from '../adapters/engine/contract.ts';
import { chatMood } from '../mood/index.ts';
import { shareableChatState, type CustomerNamesPolicy } from '../privacy/chat-state-privacy.ts';
import { redact, type RedactionRules } from '../privacy/redaction.ts';

export type AgentChatsOptions = {
  /** Sends a live frame on the relay socket; returns false when not connected. */
  send(frame: ClientFrame): boolean;
  /** Read on every use, so a policy change applies at once. Customer names default to 'with_listen_in'. */
  privacy(): { listenInAllowed: boolean; rules: RedactionRules; customerNames?: CustomerNamesPolicy; listenInSetByPolicy?: boolean };
  maxFrameBytes?: number;
  /** What "send to customer" does in each chat (customer-send/customer-sends.ts); absent: nothing is said (off). */
  customerSend?: (conversationKey: string) => CustomerSendMode;
  now?: () => number;
};

/** Shown to a supervisor who listens to an agent whose organisation turned listen-in off. */
export const LISTEN_IN_OFF_NOTICE = 'Listen-in is turned off by this organisation’s policy: this agent’s transcript is not shared.';
/** Shown to a supervisor who listens to an agent who turned listen-in off in their own settings. */
export const LISTEN_IN_OPTED_OUT_NOTICE = 'This agent turned listen-in off in their own Undertone settings: their transcript is not shared.';
const NOTICE_ID = 'undertone:listen-in-off';
const MAX_EVENTS = 500;
/** A chat's mood until its first assessment (the mood model loads on first use). */
const UNASSESSED: Mood = { score: 0, level: 'neutral', reasons: [] };
const encoder = new TextEncoder();

type Tab = { conversations: ConversationInfo[] };

export class AgentChats {
  private readonly tabs = new Map<number, Tab>();
  /** Known messages per conversation, in page order (kept in the browser; sent only to listeners). */
  private readonly transcripts = new Map<string, Map<string, TranscriptEvent>>();
  private readonly listeners = new Map<string, UserRef[]>();
  private readonly moods = new Map<string, Mood>();
  private published = '';
  private readonly now: () => number;
  /** Mood assessments run one after another; each ends by publishing. */
  private assessing: Promise<void> = Promise.resolve();
  private assessmentQueued = false;

  constructor(private readonly options: AgentChatsOptions) {
    this.now = options.now ?? (() => Date.now());
  }

  /** A tab's open conversations as its adapter reads them; chat_state goes out when the merged list changed. */
  updateTab(tabId: number, conversations: ConversationInfo[]): void {
    this.tabs.set(tabId, { conversations });
    this.publish();
    this.assessMoods();
  }

  forgetTab(tabId: number): void {
    if (this.tabs.delete(tabId)) this.publish();
  }

  /**
   * Signed out or another person signed in: every tab's chats, transcripts and listeners are forgotten without
   * publishing, so nothing the previous person's tabs reported goes out under the next person's name.
   */
  forgetAll(): void {
    this.tabs.clear();
    this.transcripts.clear();
    this.listeners.clear();
    this.moods.clear();
    this.published = '';
  }

  /** Resolves once the moods asked for so far are assessed and published (for tests and shutdown). */
  moodsSettled(): Promise<void> {
    return this.assessing;
  }

  /** Transcript changes read by a tab: kept for the mood, streamed to listeners. */
  transcript(update: TranscriptUpdate): void {
    const key = update.conversationKey;
    let known = this.transcripts.get(key);
    if (update.snapshot || !known) {
      known = new Map();
      this.transcripts.set(key, known);
    }
    const events = update.snapshot ? update.messages : update.events;
    for (const event of events) {
      if (event.op === 'remove') known.delete(event.id);
      else known.set(event.id, { ...event, op: 'add' });
    }
    this.assessMoods();
    if (!this.listened(key)) return;
    if (update.snapshot) this.sendSnapshot(key);
    else this.sendEvents(key, events, false);
  }

  /** A `listeners` frame: the first listener, or a new one, gets a snapshot; none left, streaming stops. */
  listenersChanged(frame: RelayFrameOf<'listeners'>): void {
    const key = frame.conversationKey;
    const before = new Set((this.listeners.get(key) ?? []).map((user) => user.id));
    if (frame.listeners.length === 0) this.listeners.delete(key);
    else this.listeners.set(key, frame.listeners);
    const grew = frame.listeners.some((user) => !before.has(user.id));
    if (grew) this.sendSnapshot(key);
  }

  /** A new socket: the relay tells again who listens, and chat_state is sent again. */
  connectionReset(): void {
    this.listeners.clear();
    this.published = '';
    this.publish();
  }

  /** Publishes chat_state again if something it carries changed (e.g. the agent allowed sending in a chat). */
  republish(): void {
    this.publish();
  }

  /** Re-evaluates moods (waiting time grows without page changes). */
  tick(): void {
    this.assessMoods();
  }

  chatState(): ConversationState[] {
    const customerSend = this.options.customerSend;
    return this.openConversations().map((info) => ({
      ...info,
      mood: this.moods.get(info.key) ?? UNASSESSED,
      ...(customerSend ? { customerSend: customerSend(info.key) } : {}),
    }));
  }

  private openConversations(): ConversationInfo[] {
    const merged = new Map<string, ConversationInfo>();
    for (const tab of this.tabs.values()) {
      for (const conversation of tab.conversations) {
        const seen = merged.get(conversation.key);
        merged.set(conversation.key, seen ? { ...seen, active: seen.active || conversation.active } : conversation);
      }
    }
    return [...merged.values()].slice(0, 100);
  }

  /** Who listens to a conversation now (for a tab that starts showing it). */
  listenersOf(key: string): UserRef[] {
    return this.listeners.get(key) ?? [];
  }

  private listened(key: string): boolean {
    return (this.listeners.get(key)?.length ?? 0) > 0;
  }

  /** Queues one assessment of every open chat's mood (further requests while one waits join it), then publishes. */
  private assessMoods(): void {
    if (this.assessmentQueued) return;
    this.assessmentQueued = true;
    this.assessing = this.assessing.then(async () => {
      this.assessmentQueued = false;
      const now = this.now();
      try {
        for (const info of this.openConversations()) {
          const lines = [...(this.transcripts.get(info.key)?.values() ?? [])].map((e) => ({ text: e.text, at: e.at, author: e.author }));
          this.moods.set(info.key, await chatMood(lines, info.waitingSince, now));
        }
      } catch (error) {
        console.warn('Undertone: chat mood not assessed', error);
      }
      const open = new Set(this.openConversations().map((c) => c.key));
      for (const key of [...this.moods.keys()]) if (!open.has(key)) this.moods.delete(key);
      this.publish();
    });
  }

  private publish(): void {
    const privacy = this.options.privacy();
    const conversations = shareableChatState(this.chatState(), { listenInAllowed: privacy.listenInAllowed, customerNames: privacy.customerNames ?? 'with_listen_in' }, (key) =>
      [...(this.transcripts.get(key)?.values() ?? [])].filter((event) => event.author === 'customer').map((event) => event.text),
    );
    const json = JSON.stringify(conversations);
    if (json === this.published) return;
    if (this.options.send({ type: 'chat_state', conversations })) this.published = json;
    const open = new Set(conversations.map((c) => c.key));
    for (const key of [...this.transcripts.keys()]) if (!open.has(key) && !this.listened(key)) this.transcripts.delete(key);
  }

  private sendSnapshot(key: string): void {
    const privacy = this.options.privacy();
    if (!privacy.listenInAllowed) {
      // Who turned it off: the organisation's policy when it sets the value (locked), else the agent's own choice.
      const by = privacy.listenInSetByPolicy === false ? 'agent' : 'policy';
      const text = by === 'policy' ? LISTEN_IN_OFF_NOTICE : LISTEN_IN_OPTED_OUT_NOTICE;
      const notice: TranscriptEvent = { id: NOTICE_ID, op: 'add', author: 'system', text, at: this.now() };
      this.options.send({ type: 'transcript', conversationKey: key, snapshot: true, events: [notice], listenInOff: by });
      return;
    }
    this.sendEvents(key, [...(this.transcripts.get(key)?.values() ?? [])], true);
  }

  /** Redacts and sends; a snapshot that does not fit one frame goes out newest first, the rest as later frames. */
  private sendEvents(key: string, events: TranscriptEvent[], snapshot: boolean): void {
    const privacy = this.options.privacy();
    if (!privacy.listenInAllowed) return;
    const redacted = events.map((event) => ({ ...event, text: redact(event.text, privacy.rules) }));
    const budget = (this.options.maxFrameBytes ?? 65_536) - 400 - key.length * 2;
    // A snapshot keeps the newest messages in its first frame; incremental events keep their order.
    const ordered = snapshot ? [...redacted].reverse() : redacted;
    const frames: TranscriptEvent[][] = [];
    let current: TranscriptEvent[] = [];
    let size = 0;
    for (const event of ordered) {
      const bytes = encoder.encode(JSON.stringify(event)).length + 1;
      if (current.length > 0 && (current.length >= MAX_EVENTS || size + bytes > budget)) {
        frames.push(current);
        current = [];
        size = 0;
      }
      current.push(event);
      size += bytes;
    }
    if (current.length > 0 || (snapshot && frames.length === 0)) frames.push(current);
    if (snapshot) frames.forEach((chunk) => chunk.reverse());
    frames.forEach((chunk, index) => {
      this.options.send({ type: 'transcript', conversationKey: key, snapshot: snapshot && index === 0, events: chunk });
    });
  }
}
