// Which helpdesk tab shows which conversation, kept in session storage so a restarted service worker still knows.
const KEY = 'tabs';

export type TabEntry = {
  conversationKey: string | null;
  url: string;
  /** The supervisor panel is open in this tab: it follows the board, listen-ins and every thread. */
  panel?: boolean;
};
type Registry = Record<string, TabEntry>;

/** storage.session where the browser has it (Chrome MV3, Firefox 115+), else storage.local. */
const area = () => browser.storage.session ?? browser.storage.local;

async function read(): Promise<Registry> {
  return ((await area().get(KEY))[KEY] as Registry | undefined) ?? {};
}

/** Changes are applied one at a time, in the order they were asked for: two tabs reporting at once lose nothing. */
let pending: Promise<unknown> = Promise.resolve();
function change(apply: (registry: Registry) => boolean): Promise<void> {
  const next = pending.then(async () => {
    const registry = await read();
    if (apply(registry)) await area().set({ [KEY]: registry });
  });
  pending = next.catch(() => {});
  return next;
}

export function reportTab(tabId: number, entry: TabEntry): Promise<void> {
  return change((registry) => {
    registry[String(tabId)] = entry;
    return true;
  });
}

/** Marks a tab as having the supervisor panel open (before its board subscription is answered). */
export function markPanelTab(tabId: number, url: string): Promise<void> {
  return change((registry) => {
    const entry = registry[String(tabId)];
    if (entry?.panel) return false;
    registry[String(tabId)] = { conversationKey: entry?.conversationKey ?? null, url: entry?.url ?? url, panel: true };
    return true;
  });
}

export function forgetTab(tabId: number): Promise<void> {
  return change((registry) => {
    if (!(String(tabId) in registry)) return false;
    delete registry[String(tabId)];
    return true;
  });
}

/** Tabs with the supervisor panel open. */
export async function panelTabs(): Promise<number[]> {
  const registry = await read();
  return Object.entries(registry)
    .filter(([, entry]) => entry.panel === true)
    .map(([id]) => Number(id));
}

/** Tabs showing this conversation, or every registered tab when `conversationKey` is undefined. */
export async function tabsFor(conversationKey?: string | null): Promise<number[]> {
  const registry = await read();
  return Object.entries(registry)
    .filter(([, entry]) => conversationKey === undefined || entry.conversationKey === conversationKey)
    .map(([id]) => Number(id));
}
