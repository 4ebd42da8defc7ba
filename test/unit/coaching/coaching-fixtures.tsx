// Test fixtures for the coaching components: sample board chats and thread messages, and a render-into-a-div helper.
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import type { BoardChat, ThreadMessage, UserRef } from '../../../lib/protocol/index.ts';

export const T0 = Date.UTC(2026, 10, 21, 9, 0, 0);

export const SAM: UserRef = { id: 'usr_sam', name: 'Sam Cho', role: 'supervisor' };
export const ADA: UserRef = { id: 'usr_ada', name: 'Ada Agent', role: 'agent' };

let counter = 0;

export function message(over: Partial<ThreadMessage> & Pick<ThreadMessage, 'kind'>): ThreadMessage {
  counter += 1;
  return {
    id: `msg_${String(counter).padStart(4, '0')}`,
    msgId: `client-${String(counter).padStart(6, '0')}`,
    agentId: ADA.id,
    conversationKey: 'conv-1',
    from: over.kind === 'reply' || over.kind === 'help' ? ADA : SAM,
    text: `text ${counter}`,
    createdAt: T0 + counter * 1000,
    readBy: [],
    ...over,
  };
}

export function chat(over: Partial<BoardChat> & Pick<BoardChat, 'key'>): BoardChat {
  return {
    customer: `Customer ${over.key}`,
    startedAt: T0,
    lastCustomerAt: null,
    waitingSince: null,
    mood: { score: 0, level: 'neutral', reasons: [] },
    active: true,
    agentId: ADA.id,
    agentName: ADA.name,
    teamIds: ['team_a'],
    listeners: [],
    helpRequested: false,
    ...over,
  };
}

export type Mounted = { container: HTMLDivElement; rerender: (ui: ComponentChild) => void; unmount: () => void };

/** Renders into a fresh div in the document; `unmount` removes it. */
export function mount(ui: ComponentChild): Mounted {
  const container = document.createElement('div');
  document.body.append(container);
  void act(() => render(ui, container));
  return {
    container,
    rerender: (next) => void act(() => render(next, container)),
    unmount: () => {
      void act(() => render(null, container));
      container.remove();
    },
  };
}

export function press(target: Element, key: string, init: KeyboardEventInit = {}): void {
  void act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
  });
}

export function type(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  void act(() => {
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export function click(target: Element): void {
  void act(() => {
    (target as HTMLElement).click();
  });
}

export function choose(select: HTMLSelectElement, value: string): void {
  void act(() => {
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

export function q<E extends Element = HTMLElement>(root: ParentNode, selector: string): E {
  const found = root.querySelector<E>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

export function buttonNamed(root: ParentNode, name: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
}
