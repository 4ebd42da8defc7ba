// Follows the active conversation's transcript: a snapshot when a chat becomes active (once the previous chat's
// messages are replaced), then add/edit/remove events; keeps each message element's reading until it changes.
import type { AdapterConfig } from '../format/schema.ts';
import type { TranscriptUpdate } from './contract.ts';
import type { ConversationTracker } from './conversation-tracker.ts';
import { readTranscript, type MessageReading } from './read-message.ts';
import type { PageParts } from './read-page.ts';
import { TranscriptTracker } from './transcript-tracker.ts';

export class TranscriptFollower {
  private activeKey: string | null = null;
  private tracker: TranscriptTracker | null = null;
  private edges: [Element | null, Element | null] = [null, null];
  private switching: { key: string; since: number } | null = null;
  private readings = new WeakMap<Element, MessageReading>();

  constructor(
    private readonly doc: Document,
    private readonly settleMs: number,
    private readonly conversations: ConversationTracker,
    private readonly emit: (update: TranscriptUpdate) => void,
  ) {}

  /** The active conversation's known messages as a snapshot, or null when there is none. */
  snapshot(): TranscriptUpdate | null {
    return this.activeKey && this.tracker ? { conversationKey: this.activeKey, snapshot: true, messages: this.tracker.snapshot() } : null;
  }

  /** A message element changed: read it again next time. */
  forget(message: Element): void {
    this.readings.delete(message);
  }

  /** No conversation is active. */
  end(): void {
    this.activeKey = null;
    this.tracker = null;
    this.switching = null;
    this.edges = [null, null];
  }

  /** Another adapter or page: forget everything read. */
  reset(): void {
    this.end();
    this.readings = new WeakMap();
  }

  /**
   * Reads the transcript and emits what changed. Returns a delay in ms when a chat switch has not settled yet
   * (the page still shows the previous chat's messages): call again after it.
   */
  follow(parts: PageParts, config: AdapterConfig, time: number): number | null {
    const container = parts.transcript;
    const key = parts.active?.key;
    if (!container || !key) return null;
    const elements = container.querySelectorAll(config.transcript.message);
    const currentEdges: [Element | null, Element | null] = [elements[0] ?? null, elements[elements.length - 1] ?? null];
    if (key !== this.activeKey) {
      // Right after a switch the page may still show the previous chat's messages: wait until they are replaced.
      if (this.activeKey !== null && currentEdges[0] === this.edges[0] && currentEdges[1] === this.edges[1]) {
        if (!this.switching || this.switching.key !== key) this.switching = { key, since: time };
        if (time - this.switching.since < this.settleMs) return this.settleMs;
      }
      this.switching = null;
      this.activeKey = key;
      const tracker = new TranscriptTracker(config.transcript.virtualised ?? false);
      this.tracker = tracker;
      const reading = readTranscript(container, config.transcript, this.doc, time, this.readings);
      tracker.update(reading.messages, [], time);
      this.edges = currentEdges;
      this.conversations.observeTranscript(key, tracker.messages(), time);
      this.emit({ conversationKey: key, snapshot: true, messages: tracker.snapshot() });
      return null;
    }
    if (!this.tracker) return null;
    this.edges = currentEdges;
    const reading = readTranscript(container, config.transcript, this.doc, time, this.readings);
    const events = this.tracker.update(reading.messages, reading.deletedIds, time);
    if (events.length > 0) {
      this.conversations.observeTranscript(key, this.tracker.messages(), time);
      this.emit({ conversationKey: key, snapshot: false, events });
    }
    return null;
  }
}
