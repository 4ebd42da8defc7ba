// What the adapter engine reports about a helpdesk page: the shapes the extension consumes.
// Wire shapes (TranscriptEvent, ConversationState) come from lib/protocol; these are the page-side ones.
import type { HealthPart } from '../../protocol/adapter-health.ts';
import type { ConversationState, TranscriptEvent } from '../../protocol/entities.ts';

export type Author = TranscriptEvent['author'];

/** One message as read from the page. */
export interface PageMessage {
  /** The page's own id, or `d:` + a hash of author, time and text when the page has none. */
  id: string;
  /** True when `id` is the page's own id. */
  pageId: boolean;
  author: Author;
  text: string;
  /** Milliseconds since the epoch when the page shows a time, else null. */
  at: number | null;
}

/** One conversation as listed on the page. */
export interface PageConversation {
  key: string;
  customer: string;
  active: boolean;
}

/** A conversation as the agent's client publishes it, without the mood (computed elsewhere). */
export type ConversationInfo = Omit<ConversationState, 'mood'>;

/**
 * - `inactive`: no adapter applies to this URL (show nothing).
 * - `idle`: the helpdesk, but not a chat view (e.g. its settings pages).
 * - `searching`: a chat view is expected but not all of it rendered yet (page still loading).
 * - `recognised`: everything required was found.
 * - `not_recognised`: on a chat view the required parts stayed missing: show "this helpdesk page is not recognised".
 *   `missing` says what in words (with selectors); `parts` names them for adapter health, without page content.
 */
export type EngineStatus =
  | { state: 'inactive' }
  | { state: 'idle'; adapterId: string }
  | { state: 'searching'; adapterId: string; missing: string[] }
  | { state: 'recognised'; adapterId: string; adapterName: string; agentName: string | null }
  | { state: 'not_recognised'; adapterId: string; adapterName: string; missing: string[]; parts: HealthPart[]; reason: string };

/** Transcript changes of the active conversation. `snapshot` lists every known message and replaces earlier ones. */
export type TranscriptUpdate =
  | { conversationKey: string; snapshot: true; messages: TranscriptEvent[] }
  | { conversationKey: string; snapshot: false; events: TranscriptEvent[] };

export type MountKind = 'whisperThread' | 'supervisorPanel';

/** What one pass over the page found: used by the engine and shown by the selector tester. */
export interface PageInspection {
  adapterId: string;
  /** The URL is one of the adapter's chat view URLs (always true without `match.chatUrl`). */
  chatUrl: boolean;
  /** The chat view marker was found. */
  chatView: boolean;
  agentName: string | null;
  /** Null when the adapter lists no conversations or the list was not found. */
  conversations: PageConversation[] | null;
  active: { key: string; customer: string } | null;
  /** Messages currently rendered in the transcript; null when its container was not found. */
  messages: PageMessage[] | null;
  counts: Record<Author, number>;
  replyBox: boolean;
  mounts: Record<MountKind, boolean>;
  /** Required parts not found, in words (e.g. `transcript container ".messages"`). */
  missing: string[];
  /** Optional parts configured but not found. */
  warnings: string[];
}
