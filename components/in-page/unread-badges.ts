// Counts of unread whispers beside the agent's other open chats in the helpdesk's own conversation list: one small
// badge per chat, in its own shadow root, text only. Re-placed when the page re-renders its list.

const TAG = 'undertone-unread';

export interface UnreadBadges {
  /** Shows `counts` (by conversation key) beside the list items found now; a key with 0 or no item shows nothing. */
  render(counts: ReadonlyMap<string, number>, items: ReadonlyMap<string, Element>, activeKey: string | null): void;
  remove(): void;
}

export function createUnreadBadges(label: (count: number) => string): UnreadBadges {
  const hosts = new Map<string, { host: HTMLElement; text: HTMLElement }>();

  const hostFor = (key: string) => {
    let entry = hosts.get(key);
    if (!entry) {
      const host = document.createElement(TAG);
      host.setAttribute('data-undertone', 'unread');
      const root = host.attachShadow({ mode: 'closed' });
      const style = document.createElement('style');
      style.textContent = `:host { all: initial; display: inline-block; margin-left: 6px; vertical-align: middle; }
        span { display: inline-block; min-width: 18px; padding: 0 6px; border-radius: 9px; box-sizing: border-box;
          font: 600 11px/18px system-ui, sans-serif; text-align: center; background: #5b21b6; color: #fff; }`;
      const text = document.createElement('span');
      text.setAttribute('role', 'status');
      root.append(style, text);
      entry = { host, text };
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
        entry.text.setAttribute('aria-label', label(count));
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
