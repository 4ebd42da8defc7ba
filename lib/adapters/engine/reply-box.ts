// Puts text into a helpdesk's reply box without sending it: textareas and inputs through the native value setter,
// contenteditable editors through the browser's insertText command or beforeinput/input events.
// Never presses keys, clicks or submits: the agent decides whether to send.

export type ReplyInsertMode = 'append' | 'replace';

export type ReplyInsertResult =
  | { ok: true; method: 'command' | 'value' | 'editor' | 'dom' }
  | { ok: false; reason: string };

type View = Window & typeof globalThis;

const EDITABLE = 'textarea, input[type="text"], input:not([type]), [contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"]';

/** The editable element itself or the first editable inside the configured reply box element. */
export function findEditable(target: Element): HTMLElement | null {
  if (target.matches(EDITABLE)) return target as HTMLElement;
  return target.querySelector<HTMLElement>(EDITABLE);
}

function isTextField(element: Element): element is HTMLTextAreaElement | HTMLInputElement {
  const tag = element.tagName.toUpperCase();
  return tag === 'TEXTAREA' || tag === 'INPUT';
}

function inputEvent(view: View, type: 'beforeinput' | 'input', text: string, inputType: string): Event {
  const init = { bubbles: true, cancelable: type === 'beforeinput', composed: true, inputType, data: text };
  return typeof view.InputEvent === 'function' ? new view.InputEvent(type, init) : new view.Event(type, init);
}

function tryCommand(doc: Document, text: string): boolean {
  if (typeof doc.execCommand !== 'function') return false;
  try {
    return doc.execCommand('insertText', false, text);
  } catch {
    return false;
  }
}

function insertIntoTextField(field: HTMLTextAreaElement | HTMLInputElement, text: string, mode: ReplyInsertMode): ReplyInsertResult {
  const doc = field.ownerDocument;
  const view = doc.defaultView as View | null;
  if (!view) return { ok: false, reason: 'the reply box is not in a window' };
  const before = field.value;
  const start = mode === 'replace' ? 0 : before.length;
  const prefix = mode === 'append' && before && !/\s$/.test(before) ? ' ' : '';
  field.focus();
  try {
    field.setSelectionRange(start, before.length);
  } catch {}
  const expected = before.slice(0, start) + prefix + text;
  if (tryCommand(doc, prefix + text) && field.value === expected) return { ok: true, method: 'command' };
  // Frameworks such as React track `value` on the element; the prototype setter makes them see the change.
  const prototype = field.tagName.toUpperCase() === 'TEXTAREA' ? view.HTMLTextAreaElement.prototype : view.HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(prototype, 'value')?.set;
  if (setter) setter.call(field, expected);
  else field.value = expected;
  try {
    field.setSelectionRange(expected.length, expected.length);
  } catch {}
  field.dispatchEvent(inputEvent(view, 'input', prefix + text, mode === 'replace' ? 'insertReplacementText' : 'insertText'));
  field.dispatchEvent(new view.Event('change', { bubbles: true }));
  return { ok: true, method: 'value' };
}

/** The deepest last block of an editor (e.g. its last paragraph), where appended text belongs. */
function lastBlock(editor: HTMLElement): Element {
  let block: Element = editor;
  for (let child = block.lastElementChild; child && /^(P|DIV|BLOCKQUOTE|LI|UL|OL)$/i.test(child.tagName); child = block.lastElementChild) {
    block = child;
  }
  return block;
}

function appendTextNodes(doc: Document, parent: Element, text: string): void {
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (index > 0) parent.appendChild(doc.createElement('br'));
    if (line) parent.appendChild(doc.createTextNode(line));
  });
}

function insertIntoEditor(editor: HTMLElement, text: string, mode: ReplyInsertMode): ReplyInsertResult {
  const doc = editor.ownerDocument;
  const view = doc.defaultView as View | null;
  if (!view) return { ok: false, reason: 'the reply box is not in a window' };
  editor.focus();
  const selection = doc.getSelection();
  const range = doc.createRange();
  if (mode === 'replace') range.selectNodeContents(editor);
  else {
    range.selectNodeContents(lastBlock(editor));
    range.collapse(false);
  }
  selection?.removeAllRanges();
  selection?.addRange(range);
  const existing = (editor.textContent ?? '').replace(/\u00a0/g, ' ');
  const prefix = mode === 'append' && existing.trim() && !/\s$/.test(existing) ? ' ' : '';
  const inserted = prefix + text;
  const before = editor.textContent ?? '';
  if (tryCommand(doc, inserted) && (editor.textContent ?? '') !== before) return { ok: true, method: 'command' };
  // Editors that handle beforeinput themselves (cancelling it) insert the text on their own.
  const inputType = mode === 'replace' ? 'insertReplacementText' : 'insertText';
  const proceed = editor.dispatchEvent(inputEvent(view, 'beforeinput', inserted, inputType));
  if (!proceed) return { ok: true, method: 'editor' };
  if (mode === 'replace') {
    while (editor.firstChild) editor.removeChild(editor.firstChild);
    const paragraph = editor.ownerDocument.createElement('p');
    editor.appendChild(paragraph);
    appendTextNodes(doc, paragraph, inserted);
  } else {
    appendTextNodes(doc, lastBlock(editor), inserted);
  }
  const end = doc.createRange();
  end.selectNodeContents(lastBlock(editor));
  end.collapse(false);
  selection?.removeAllRanges();
  selection?.addRange(end);
  editor.dispatchEvent(inputEvent(view, 'input', inserted, inputType));
  return { ok: true, method: 'dom' };
}

/** Inserts `text` into the reply box (`append` keeps the draft, `replace` overwrites it). Never sends. */
export function insertIntoReplyBox(target: Element, text: string, mode: ReplyInsertMode = 'append'): ReplyInsertResult {
  const editable = findEditable(target);
  if (!editable) return { ok: false, reason: 'no text field or editor inside the reply box' };
  if (isTextField(editable)) {
    if (editable.disabled || editable.readOnly) return { ok: false, reason: 'the reply box is disabled' };
    return insertIntoTextField(editable, text, mode);
  }
  return insertIntoEditor(editable, text, mode);
}
