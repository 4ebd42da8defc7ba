// What a helpdesk tab does with a `customer` message it may act on, decided from what the page shows now and what
// the journal says happened before: report it sent, report it not sent, insert it, or wait for the editor.
// Pure, so every case (first try, after a reload, after the send was pressed) is tested without a browser.
import type { CustomerSendReason } from '../../protocol/index.ts';
import { comparableText } from '../../adapters/engine/reply-send.ts';
import type { SendStage } from './send-journal.ts';

/** An agent message on the page, as the adapter reads it. */
export type PageLine = { id: string; author: string; text: string };

/** What the journal says about an earlier attempt, or null for the first one. */
export type EarlierAttempt = { stage: SendStage; seenIds: readonly string[] } | null;

export type StartDecision =
  | { do: 'report'; outcome: 'sent' }
  | { do: 'report'; outcome: 'not_sent'; reason: CustomerSendReason }
  /** The box is empty: put the text in. */
  | { do: 'insert' }
  /** The box already holds exactly this text (an earlier attempt put it there and never pressed send). */
  | { do: 'wait' };

/** Ids of the agent messages whose text is this text. */
export function agentLinesWith(lines: readonly PageLine[], text: string): string[] {
  const wanted = comparableText(text);
  return lines.filter((line) => line.author === 'agent' && comparableText(line.text) === wanted).map((line) => line.id);
}

/** True when the transcript shows this text as an agent message that was not there before the first attempt. */
export function shownAsSent(lines: readonly PageLine[], text: string, seenIds: readonly string[]): boolean {
  const before = new Set(seenIds);
  return agentLinesWith(lines, text).some((id) => !before.has(id));
}

/**
 * Before touching the page. `draft` is the reply box's text ('' empty, null when the box is missing). Once send was
 * (maybe) pressed it is never pressed again: either the transcript shows the text, or it is reported not confirmed.
 */
export function decideStart(earlier: EarlierAttempt, draft: string | null, text: string, lines: readonly PageLine[]): StartDecision {
  if (earlier && shownAsSent(lines, text, earlier.seenIds)) return { do: 'report', outcome: 'sent' };
  if (earlier?.stage === 'pressing') return { do: 'report', outcome: 'not_sent', reason: 'not_confirmed' };
  if (draft === null) return { do: 'report', outcome: 'not_sent', reason: 'editor_did_not_take' };
  if (draft === '') return { do: 'insert' };
  if (earlier && draft === comparableText(text)) return { do: 'wait' };
  return { do: 'report', outcome: 'not_sent', reason: 'agent_typing' };
}

export type TakeState = 'taken' | 'waiting' | 'agent_typing';

/**
 * While waiting for the editor to take the inserted text: taken once the box holds exactly the text, the pause has
 * passed and the send control is ready; the agent's own typing (anything that is not our text or part of it) stops it.
 */
export function takeState(draft: string | null, text: string, ready: boolean, settled: boolean): TakeState {
  const wanted = comparableText(text);
  if (draft !== null && draft !== '' && draft !== wanted && !wanted.startsWith(draft)) return 'agent_typing';
  return draft === wanted && ready && settled ? 'taken' : 'waiting';
}

/** After pressing send: confirmed once the box no longer holds the text and the transcript shows it from the agent. */
export function confirmedSent(draft: string | null, text: string, lines: readonly PageLine[], seenIds: readonly string[]): boolean {
  return draft !== comparableText(text) && shownAsSent(lines, text, seenIds);
}
