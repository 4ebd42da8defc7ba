// Counts of unread whispers beside the agent's other open chats in the helpdesk's own conversation list: one small
// badge per chat (Undertone's speech-bubble icon, the count, a tooltip in words), in its own shadow root, text only.
// Re-placed when the page re-renders its list.

const TAG = 'undertone-unread';

export interface UnreadBadges {
  /** Shows `counts` (by conversation key) beside the list items found now; a key with 0 or no item shows nothing. */
  render(counts: ReadonlyMap<string, number>, items: ReadonlyMap<string, Element>, activeKey: string | null): void;
  remove(): void;
}

const SVG = 'http://www.w3.org/2000/svg';

/** A speech bubble, drawn with DOM calls (no markup parsed). */
function bubbleIcon(): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', 'M2 2h12a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H7l-4 3v-3H2a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1z');
  svg.append(path);
  return svg;
}

export function createUnreadBadges(label: (count: number) => string): UnreadBadges {
  const hosts = new Map<string, { host: HTMLElement; badge: HTMLElement; text: HTMLElement }>();

  const hostFor = (key: string) => {
    let entry = hosts.get(key);
    if (!entry) {
      const host = document.createElement(TAG);
      host.setAttribute('data-undertone', 'unread');
      const root = host.attachShadow({ mode: 'closed' });
      const style = document.createElement('style');
      style.textContent = `:host { all: initial; display: inline-block; margin-left: 6px; vertical-align: middle; }
        span { display: inline-flex; align-items: center; gap: 3px; min-width: 18px; padding: 0 6px; border-radius: 9px;
          box-sizing: border-box; font: 600 11px/18px system-ui, sans-serif; background: #5b21b6; color: #fff; cursor: default; }
        svg { width: 11px; height: 11px; flex: none; }`;
      const badge = document.createElement('span');
      badge.setAttribute('role', 'status');
      badge.append(bubbleIcon());
      const text = document.createElement('b');
      text.style.font = 'inherit';
      badge.append(text);
      root.append(style, badge);
      entry = { host, badge, text };
      hosts.set(key, entry);
    }
    return entry;
  };

  return {
    render(counts, items, activeKey) {
      for (const [key, entry] of hosts) {
        const count = counts.get(key) ?? 0;
        if (count === 0 || key === activeKey || !items.has(key)) {
          entry.host.remove();
          if (count === 0) hosts.delete(key);
        }
      }
      for (const [key, count] of counts) {
        const item = items.get(key);
        if (count <= 0 || key === activeKey || !item) continue;
        const entry = hostFor(key);
        const words = count > 99 ? '99+' : String(count);
        if (entry.text.textContent !== words) entry.text.textContent = words;
        // The words as tooltip and accessible name, so the number is not mistaken for the helpdesk's own count.
        const tooltip = label(count);
        if (entry.badge.title !== tooltip) {
          entry.badge.title = tooltip;
          entry.badge.setAttribute('aria-label', tooltip);
        }
        // Only touch the page when the badge is not already in that item.
        if (entry.host.parentElement !== item) item.append(entry.host);
      }
    },
    remove() {
      for (const { host } of hosts.values()) host.remove();
      hosts.clear();
    },
  };
}
