// The content script's reading of the helpdesk page: runs the adapter engine with the adapters the background
// allows, and tells the background which conversations are open, which one is active and what its transcript says.
// Imports no zod and no extension-only modules beyond messaging, to keep the content bundle small.
import { createAdapterEngine, type AdapterEngine } from '../../adapters/engine/index.ts';
import type { ConversationInfo, EngineStatus, TranscriptUpdate } from '../../adapters/engine/contract.ts';
import { askBackground, type AdaptersAnswer, type RefusedAnswer, type TabContext } from '../messages.ts';

export type PageSessionListener = {
  status?: (status: EngineStatus) => void;
  /** The active conversation changed (null: none). */
  active?: (conversationKey: string | null, customer: string | null) => void;
  context?: (context: TabContext) => void;
};

export class PageSession {
  private engine: AdapterEngine | null = null;
  private conversations: ConversationInfo[] = [];
  private activeKey: string | null = null;
  private activeCustomer: string | null = null;
  private reported = '';
  private stopped = false;
  /** Changes of one engine pass go to the background in one message. */
  private pendingTranscripts: TranscriptUpdate[] = [];
  private flushForced = false;
  private flushScheduled = false;

  constructor(private readonly listener: PageSessionListener) {}

  /**
   * Asks the background for the adapters and starts following the page. False when the background turns this page
   * away: it is not one of the allowed helpdesk sites (Firefox runs the script on every port of a site's host).
   */
  async start(): Promise<boolean> {
    const answer: AdaptersAnswer | RefusedAnswer = await askBackground({ type: 'adapters' });
    if ('ok' in answer) return false;
    const { adapters, problems } = answer;
    for (const problem of problems) console.warn(`Undertone: ${problem}`);
    if (this.stopped) return false;
    this.engine = createAdapterEngine({
      adapters,
      // A busy chat changes many times a second; one pass per quarter second keeps the page's main thread free.
      batchMs: 250,
      onStatus: (status) => {
        this.listener.status?.(status);
        if (status.state !== 'recognised') this.setActive(null);
        this.report();
      },
      onConversations: (conversations) => {
        this.conversations = conversations;
        const active = conversations.find((c) => c.active) ?? null;
        this.setActive(active?.key ?? null, active?.customer ?? null);
        this.report();
      },
      onTranscript: (update) => this.transcript(update),
    });
    this.report(true);
    return true;
  }

  get adapterEngine(): AdapterEngine | null {
    return this.engine;
  }

  get conversationKey(): string | null {
    return this.activeKey;
  }

  /** Tells the background everything again (it restarted and lost its memory of this tab). */
  reportAgain(): void {
    const snapshot = this.engine?.transcript();
    if (snapshot) this.pendingTranscripts.push(snapshot);
    this.report(true);
  }

  stop(): void {
    this.stopped = true;
    this.engine?.stop();
    this.engine = null;
  }

  /** Tells the listener when the active chat or its customer's name changed (the name may be read after the key). */
  private setActive(key: string | null, customer: string | null = null): void {
    if (key === this.activeKey && (customer === this.activeCustomer || customer === null)) return;
    this.activeKey = key;
    this.activeCustomer = key === null ? null : customer;
    this.listener.active?.(key, this.activeCustomer);
  }

  private transcript(update: TranscriptUpdate): void {
    // The engine reports the transcript of the conversation on screen; it is the active one.
    if (update.conversationKey !== this.activeKey) this.setActive(update.conversationKey, this.conversations.find((c) => c.key === update.conversationKey)?.customer ?? null);
    this.pendingTranscripts.push(update);
    this.report();
  }

  private report(force = false): void {
    if (this.stopped) return;
    this.flushForced ||= force;
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.stopped) return;
    const engineStatus = this.engine?.status() ?? { state: 'inactive' as const };
    const status = engineStatus.state;
    const conversations = status === 'recognised' ? this.conversations : [];
    const agentName = engineStatus.state === 'recognised' ? engineStatus.agentName : null;
    // Adapter health: which adapter, and which required parts it misses (names only, never page content).
    const adapterId = 'adapterId' in engineStatus && engineStatus.adapterId ? engineStatus.adapterId : null;
    const missingParts = engineStatus.state === 'not_recognised' ? engineStatus.parts : [];
    const canSend = status === 'recognised' && (this.engine?.sendAction() ?? null) !== null;
    const request = { type: 'page_report' as const, url: location.href, state: status, adapterId, missingParts, conversationKey: this.activeKey, conversations, agentName, canSend };
    const json = JSON.stringify(request);
    const transcripts = this.pendingTranscripts;
    if (!this.flushForced && json === this.reported && transcripts.length === 0) return;
    this.flushForced = false;
    this.pendingTranscripts = [];
    this.reported = json;
    askBackground({ ...request, transcripts }).then(
      (context) => this.listener.context?.(context),
      () => {},
    );
  }
}
