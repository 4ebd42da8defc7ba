// Reads and drives the helpdesk's own send action for "send to customer": what the reply box holds now, whether the
// send button is ready, and pressing it (a click on the adapter's button, or Enter in the editor). Never inserts.
import type { SendAction } from '../format/schema.ts';
import { findEditable } from './reply-box.ts';

type View = Window & typeof globalThis;

/** The documented defaults of a send action's waits. */
export const SEND_TIMING = { settleMs: 0, takeWithinMs: 3_000, confirmWithinMs: 8_000 } as const;

/**
 * Text as compared between the reply box and the transcript: without white space, because editors and transcripts
 * render line breaks and spaces differently (a `<br>`, a paragraph, a collapsed space).
 */
export function comparableText(text: string): string {
  return text.replace(/[\s\u00a0\u200b]+/g, '');
}

/** What the reply box holds now (as comparableText): '' when empty, null when the box or its editable is not on the page. */
export function readReplyDraft(box: Element | null): string | null {
  const editable = box ? findEditable(box) : null;
  if (!editable) return null;
  const tag = editable.tagName.toUpperCase();
  const raw = tag === 'TEXTAREA' || tag === 'INPUT' ? (editable as HTMLTextAreaElement).value : (editable.innerText ?? editable.textContent ?? '');
  return comparableText(raw);
}

/** Whether the send control can be used now: the button is there and enabled (for Enter: the editor is there). */
export function sendControlReady(action: SendAction, doc: Document, box: Element | null): boolean {
  if (action.click === undefined) return Boolean(box && findEditable(box));
  const button = doc.querySelector(action.click);
  if (!button) return false;
  if ((button as HTMLButtonElement).disabled) return false;
  return button.getAttribute('aria-disabled') !== 'true' && !button.closest('fieldset[disabled]');
}

export type PressResult = { ok: true } | { ok: false; reason: string };

function key(view: View, type: 'keydown' | 'keypress' | 'keyup'): KeyboardEvent {
  return new view.KeyboardEvent(type, { key: 'Enter', code: 'Enter', keyCode: 13, which: 13, bubbles: true, cancelable: true, composed: true } as KeyboardEventInit);
}

/** Presses the helpdesk's send action once. */
export function pressSend(action: SendAction, doc: Document, box: Element | null): PressResult {
  const view = doc.defaultView as View | null;
  if (!view) return { ok: false, reason: 'the page has no window' };
  if (action.click !== undefined) {
    const button = doc.querySelector<HTMLElement>(action.click);
    if (!button) return { ok: false, reason: `the send button "${action.click}" was not found` };
    button.click();
    return { ok: true };
  }
  const editable = box ? findEditable(box) : null;
  if (!editable) return { ok: false, reason: 'no text field or editor inside the reply box' };
  editable.focus();
  // Editors listen to keydown; a few older ones send on keypress. Both are cancelled by an editor that sent.
  if (editable.dispatchEvent(key(view, 'keydown'))) editable.dispatchEvent(key(view, 'keypress'));
  editable.dispatchEvent(key(view, 'keyup'));
  return { ok: true };
}
