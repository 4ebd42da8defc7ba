// A crafted Northwind-style helpdesk page for the send-to-customer tests: a transcript, and a rich reply editor that
// keeps its own state, takes input only after a pause (enabling Send then) and, on Send, posts its state as an agent
// message and empties itself. Knobs make it refuse input, or drop a send, to test the not-sent paths.
import { builtinAdapters } from '../../../../lib/adapters/builtin/index.ts';

export const demoAdapter = builtinAdapters.find((adapter) => adapter.id === 'northwind-demo')!;

export type FixtureDesk = {
  /** Agent messages posted by Send, in order. */
  posted: string[];
  clicks: number;
  /** The editor's own state (what Send would post). */
  model(): string;
  /** Types as the agent would (input event, taken after the pause). */
  type(text: string): void;
  addMessage(author: 'agent' | 'customer', text: string): void;
  editor: HTMLElement;
  /** When true the editor ignores input (its state stays empty, Send stays disabled). */
  deaf: boolean;
  /** When true Send does nothing visible (the helpdesk lost it). */
  dropSends: boolean;
};

function el(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function renderDesk(options: { takeMs?: number; messages?: Array<['agent' | 'customer', string]> } = {}): FixtureDesk {
  const takeMs = options.takeMs ?? 60;
  const app = el('div', 'hd-app');
  app.dataset.hdApp = 'northwind-desk';
  const list = el('ul', 'hd-inbox__list');
  const item = el('li', 'hd-inbox__item is-selected');
  item.dataset.convId = 'c-1';
  item.append(el('span', 'hd-inbox__name', 'Jordan Lee'));
  list.append(item);
  const main = el('main', 'hd-chat');
  main.dataset.chatId = 'c-1';
  main.append(el('h2', 'hd-chat__customer', 'Jordan Lee'));
  const log = el('div', 'hd-chat__log');
  const editor = el('div', 'hd-composer__editor');
  editor.contentEditable = 'true';
  const send = el('button', 'hd-composer__send', 'Send') as HTMLButtonElement;
  send.disabled = true;
  const composer = el('div', 'hd-composer');
  composer.append(editor, send);
  main.append(log, composer);
  app.append(list, main);
  document.body.replaceChildren(app);

  let model = '';
  let counter = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const desk: FixtureDesk = {
    posted: [],
    clicks: 0,
    model: () => model,
    editor,
    deaf: false,
    dropSends: false,
    type(text) {
      editor.textContent = (editor.textContent ?? '') + text;
      editor.dispatchEvent(new Event('input', { bubbles: true }));
    },
    addMessage(author, text) {
      const row = el('div', `hd-msg hd-msg--${author}`);
      row.dataset.msgId = `m-${++counter}`;
      row.append(el('div', 'hd-msg__body', text));
      log.append(row);
    },
  };
  for (const [author, text] of options.messages ?? []) desk.addMessage(author, text);
  editor.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (desk.deaf) return;
      model = (editor.textContent ?? '').trim();
      send.disabled = model === '';
    }, takeMs);
  });
  send.addEventListener('click', () => {
    desk.clicks += 1;
    if (send.disabled || desk.dropSends) return;
    const text = model;
    setTimeout(() => {
      desk.posted.push(text);
      desk.addMessage('agent', text);
      model = '';
      editor.replaceChildren();
      send.disabled = true;
    }, 20);
  });
  return desk;
}
