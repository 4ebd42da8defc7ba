// The quiet in-page indicator ("Undertone connected"), in its own shadow root so host styles neither leak in nor out.
import type { RelayFrame } from '../lib/protocol/index.ts';
import type { ShownStatus } from '../lib/extension/extension-state.ts';
import { connectionWords } from './connection-words.ts';

export type StatusIndicator = { show(status: ShownStatus): void; noteEvent(frame: RelayFrame): void; remove(): void };

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
  let events = 0;
  let words = 'Undertone';
  let shown = '';
  // Only touch the page when the words change: the indicator is updated on every report of a busy chat.
  const render = () => {
    const text = events ? `${words} · ${events} new` : words;
    if (text === shown) return;
    shown = text;
    label.textContent = text;
  };
  return {
    show(status) {
      const state = connectionWords(status);
      words = status.state === 'connected' ? 'Undertone connected' : `Undertone: ${state.toLowerCase()}`;
      render();
    },
    noteEvent(frame) {
      if (frame.type === 'message') events += 1;
      render();
    },
    remove() {
      host.remove();
    },
  };
}
