// The quiet in-page indicator ("Undertone connected · 2 unread whispers"), in its own shadow root so host styles
// neither leak in nor out. The count is the unread whispers, the same number as the popup's and the badge's.
import type { ShownStatus } from '../lib/extension/extension-state.ts';
import { connectionWords } from './connection-words.ts';

export type StatusIndicator = { show(status: ShownStatus): void; remove(): void };

export function mountStatusIndicator(): StatusIndicator {
  const host = document.createElement('undertone-status');
  host.setAttribute('data-undertone', 'status');
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = `:host { all: initial; position: fixed; right: 8px; bottom: 8px; z-index: 2147483646; pointer-events: none; }
    p { margin: 0; padding: 2px 8px; border-radius: 10px; font: 12px/1.5 system-ui, sans-serif; background: rgba(20,20,20,.72); color: #fff; }`;
  const label = document.createElement('p');
  label.setAttribute('role', 'status');
  label.textContent = 'Undertone';
  root.append(style, label);
  document.documentElement.append(host);
  let unread = 0;
  let words = 'Undertone';
  let shown = '';
  // Only touch the page when the words change: the indicator is updated on every report of a busy chat.
  const render = () => {
    const text = unread ? `${words} · ${unread === 1 ? '1 unread whisper' : `${unread} unread whispers`}` : words;
    if (text === shown) return;
    shown = text;
    label.textContent = text;
  };
  return {
    show(status) {
      const state = connectionWords(status);
      words = status.state === 'connected' ? 'Undertone connected' : `Undertone: ${state.toLowerCase()}`;
      unread = status.signedIn ? status.unread : 0;
      render();
    },
    remove() {
      host.remove();
    },
  };
}
