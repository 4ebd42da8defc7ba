// "This helpdesk page is not recognised", with what the adapter could not find: fixed in a corner, text only, and
// click-through (only its Dismiss button takes clicks), so it never blocks the helpdesk's own controls or layout.
import { createShadowHost } from './shadow-host.ts';

const CSS = `:host { all: initial; }
.box { position: fixed; right: 8px; bottom: 36px; z-index: 2147483646; max-width: 360px; box-sizing: border-box;
  padding: 10px 12px; border-radius: 8px; border: 1px solid #c2410c; background: #fff7ed; color: #7c2d12;
  font: 13px/1.45 system-ui, sans-serif; box-shadow: 0 2px 10px rgba(0,0,0,.15); pointer-events: none; }
h2 { font-size: 13px; margin: 0 0 4px; }
ul { margin: 4px 0 0; padding-left: 18px; }
button { font: inherit; margin-top: 6px; padding: 2px 10px; pointer-events: auto; }`;

export type PageNotice = { show(title: string, body: string, missing: readonly string[]): void; hide(): void; remove(): void };

export function createPageNotice(): PageNotice {
  const { host, container } = createShadowHost('undertone-notice', CSS);
  let dismissed = false;
  let shownText = '';
  return {
    show(title, body, missing) {
      const text = JSON.stringify([title, body, missing]);
      if (text !== shownText) dismissed = false;
      shownText = text;
      if (dismissed) return;
      const box = document.createElement('section');
      box.className = 'box';
      box.setAttribute('role', 'alert');
      const heading = document.createElement('h2');
      heading.textContent = title;
      const paragraph = document.createElement('p');
      paragraph.textContent = body;
      paragraph.style.margin = '0';
      const list = document.createElement('ul');
      for (const item of missing) {
        const li = document.createElement('li');
        li.textContent = item;
        list.append(li);
      }
      const close = document.createElement('button');
      close.type = 'button';
      close.textContent = 'Dismiss';
      close.addEventListener('click', () => {
        dismissed = true;
        host.remove();
      });
      container.replaceChildren(box);
      box.append(heading, paragraph, ...(missing.length ? [list] : []), close);
      if (!host.isConnected) document.documentElement.append(host);
    },
    hide() {
      shownText = '';
      host.remove();
    },
    remove() {
      host.remove();
    },
  };
}
