// Reads the messages of a transcript container: author, text, time and id of each message element.
// Pages without message ids get ids derived from author, time, text and the occurrence of that triple.
import type { AdapterConfig } from '../format/schema.ts';
import type { Author, PageMessage } from './contract.ts';
import { plainText } from './plain-text.ts';
import { readValue } from './read-value.ts';
import { parseTime } from './read-time.ts';

type Transcript = AdapterConfig['transcript'];

/** A message element's content before ids are settled. */
export interface MessageReading {
  pageId: string | null;
  author: Author;
  text: string;
  at: number | null;
  deleted: boolean;
}

/** The element matches the selector or contains an element that does. */
export function matchesOrContains(element: Element, selector: string): boolean {
  return element.matches(selector) || element.querySelector(selector) !== null;
}

function authorOf(element: Element, rule: Transcript['author']): Author {
  if (rule.system && matchesOrContains(element, rule.system)) return 'system';
  if (rule.agent && matchesOrContains(element, rule.agent)) return 'agent';
  if (rule.customer && matchesOrContains(element, rule.customer)) return 'customer';
  return rule.otherwise ?? 'customer';
}

export function readMessage(element: Element, transcript: Transcript, doc: Document, now: number): MessageReading {
  const ignore = (transcript.ignore ?? []).join(', ');
  const text = transcript.text
    ? (() => {
        const spec = typeof transcript.text === 'string' ? { selector: transcript.text } : transcript.text;
        if (!('attribute' in spec && spec.attribute) && !('pattern' in spec && spec.pattern) && spec.selector) {
          // Messages without that part (e.g. activity lines) are read whole.
          const part = element.querySelector(spec.selector);
          return plainText(part ?? element, ignore);
        }
        return readValue(transcript.text, element, doc) ?? '';
      })()
    : plainText(element, ignore);
  let at: number | null = null;
  if (transcript.time) {
    const raw = readValue(transcript.time.value, element, doc);
    at = raw === null ? null : parseTime(raw, transcript.time.format ?? 'iso', now);
  }
  return {
    pageId: transcript.id ? readValue(transcript.id, element, doc) : null,
    author: authorOf(element, transcript.author),
    text,
    at,
    deleted: transcript.deleted ? matchesOrContains(element, transcript.deleted) : false,
  };
}

/** A short, stable hash of a string (53-bit, hex). */
export function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16);
}

/** Rendered messages in page order, with ids settled; deleted ones are listed apart. */
export interface TranscriptReading {
  messages: PageMessage[];
  deletedIds: string[];
}

/** Settles ids: the page's own id, or a derived one (`d:` hash, `#n` for the n-th identical message). */
export function settleIds(readings: readonly MessageReading[]): TranscriptReading {
  const occurrences = new Map<string, number>();
  const seen = new Set<string>();
  const messages: PageMessage[] = [];
  const deletedIds: string[] = [];
  for (const reading of readings) {
    let id: string;
    if (reading.pageId) id = reading.pageId;
    else {
      const base = `d:${hashText(`${reading.author}\u0000${reading.at ?? ''}\u0000${reading.text}`)}`;
      const count = (occurrences.get(base) ?? 0) + 1;
      occurrences.set(base, count);
      id = count === 1 ? base : `${base}#${count}`;
    }
    // A page that renders one message twice (e.g. a sticky copy) is read once.
    if (seen.has(id)) continue;
    seen.add(id);
    if (reading.deleted) deletedIds.push(id);
    else messages.push({ id, pageId: reading.pageId !== null, author: reading.author, text: reading.text, at: reading.at });
  }
  return { messages, deletedIds };
}

/** Reads every message element in the container, reusing cached readings of elements that did not change. */
export function readTranscript(
  container: Element,
  transcript: Transcript,
  doc: Document,
  now: number,
  cache?: { get(element: Element): MessageReading | undefined; set(element: Element, reading: MessageReading): void },
): TranscriptReading {
  const readings: MessageReading[] = [];
  for (const element of container.querySelectorAll(transcript.message)) {
    let reading = cache?.get(element);
    if (!reading) {
      reading = readMessage(element, transcript, doc, now);
      cache?.set(element, reading);
    }
    readings.push(reading);
  }
  return settleIds(readings);
}
