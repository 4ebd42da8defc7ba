// Messages sent from this page and shown at once, marked as sending, until the relay's copy (same msgId) arrives:
// while the relay is away that is after the reconnect, when the outbox has delivered them.
import type { ThreadMessage } from '../../protocol/index.ts';
import { mergeThread } from './thread-merge.ts';

/** Drafts get this id prefix; relay ids never contain "~". */
const PENDING_PREFIX = 'pending~';

export type WithDrafts = { messages: ThreadMessage[]; pendingIds: ReadonlySet<string> };

export function draftMessage(fields: Omit<ThreadMessage, 'id' | 'readBy' | 'createdAt'>): ThreadMessage {
  return { ...fields, id: `${PENDING_PREFIX}${fields.msgId}`, createdAt: Date.now(), readBy: [] };
}

export function addDraft(state: WithDrafts, draft: ThreadMessage): WithDrafts {
  return { messages: mergeThread(state.messages, [draft]), pendingIds: new Set([...state.pendingIds, draft.id]) };
}

/** Relay copies replace the drafts with the same msgId. */
export function acknowledge(state: WithDrafts, arrived: readonly ThreadMessage[]): WithDrafts {
  const done = new Set(arrived.map((m) => `${PENDING_PREFIX}${m.msgId}`));
  if (![...state.pendingIds].some((id) => done.has(id))) return { messages: mergeThread(state.messages, arrived), pendingIds: state.pendingIds };
  return {
    messages: mergeThread(state.messages.filter((m) => !done.has(m.id)), arrived),
    pendingIds: new Set([...state.pendingIds].filter((id) => !done.has(id))),
  };
}

/** A send the background refused: its draft goes. */
export function dropDraft(state: WithDrafts, msgId: string): WithDrafts {
  const id = `${PENDING_PREFIX}${msgId}`;
  return { messages: state.messages.filter((m) => m.id !== id), pendingIds: new Set([...state.pendingIds].filter((p) => p !== id)) };
}
