// Turns successive reads of one conversation's rendered messages into add/edit/remove transcript events.
// Messages that leave the edge of a virtualised list were scrolled out, not removed, and are kept.
import type { TranscriptEvent } from '../../protocol/entities.ts';
import type { PageMessage } from './contract.ts';

interface Known {
  message: PageMessage;
  /** When the engine first saw it (stands in for the time when the page shows none). */
  seenAt: number;
}

export class TranscriptTracker {
  private readonly known = new Map<string, Known>();
  private rendered: string[] = [];

  constructor(private readonly virtualised: boolean) {}

  /** Every known message, oldest first, as `add` events (a snapshot). */
  snapshot(): TranscriptEvent[] {
    return [...this.known.values()].map(({ message }) => toEvent(message, 'add'));
  }

  /** Known messages with the time the engine first saw each, in order. */
  messages(): { message: PageMessage; seenAt: number }[] {
    return [...this.known.values()];
  }

  /** Compares a new read with what is known; returns the events that describe the change. */
  update(messages: readonly PageMessage[], deletedIds: readonly string[], now: number): TranscriptEvent[] {
    const events: TranscriptEvent[] = [];
    const present = new Set(messages.map((message) => message.id));

    for (const id of deletedIds) {
      const known = this.known.get(id);
      if (!known) continue;
      this.known.delete(id);
      events.push(toEvent({ ...known.message, text: '' }, 'remove'));
    }

    // Vanished messages: an empty read is a transient re-render, not a cleared chat.
    if (messages.length > 0) {
      let first = -1;
      let last = -1;
      this.rendered.forEach((id, index) => {
        if (present.has(id)) {
          if (first < 0) first = index;
          last = index;
        }
      });
      this.rendered.forEach((id, index) => {
        if (present.has(id)) return;
        const known = this.known.get(id);
        if (!known) return;
        const scrolledOut = this.virtualised && (first < 0 || index < first || index > last);
        if (scrolledOut) return;
        this.known.delete(id);
        events.push(toEvent({ ...known.message, text: '' }, 'remove'));
      });
    }

    const insertions: PageMessage[] = [];
    for (const message of messages) {
      const known = this.known.get(message.id);
      if (!known) {
        insertions.push(message);
        events.push(toEvent(message, 'add'));
      } else if (known.message.text !== message.text || known.message.author !== message.author || known.message.at !== message.at) {
        known.message = message;
        events.push(toEvent(message, 'edit'));
      }
    }
    if (insertions.length > 0) this.insertInOrder(messages, insertions, now);
    if (messages.length > 0) this.rendered = messages.map((message) => message.id);
    return events;
  }

  /** Keeps `known` in page order: new messages go after the known message rendered just before them. */
  private insertInOrder(messages: readonly PageMessage[], insertions: readonly PageMessage[], now: number): void {
    const fresh = new Set(insertions.map((message) => message.id));
    const appendsOnly = messages.findIndex((message) => fresh.has(message.id)) >= messages.length - insertions.length;
    if (appendsOnly) {
      for (const message of insertions) this.known.set(message.id, { message, seenAt: now });
      return;
    }
    const entries = [...this.known.entries()];
    const order = entries.map(([id]) => id);
    let anchor = -1;
    for (const message of messages) {
      if (fresh.has(message.id)) {
        order.splice(anchor + 1, 0, message.id);
        entries.splice(anchor + 1, 0, [message.id, { message, seenAt: now }]);
        anchor += 1;
      } else {
        anchor = order.indexOf(message.id);
      }
    }
    this.known.clear();
    for (const [id, entry] of entries) this.known.set(id, entry);
  }
}

function toEvent(message: PageMessage, op: TranscriptEvent['op']): TranscriptEvent {
  return { id: message.id.slice(0, 200), op, author: message.author, text: message.text, at: message.at };
}
