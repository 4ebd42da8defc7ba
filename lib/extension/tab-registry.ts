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

export async function reportTab(tabId: number, entry: TabEntry): Promise<void> {
  const registry = await read();
  registry[String(tabId)] = entry;
  await area().set({ [KEY]: registry });
}

export async function forgetTab(tabId: number): Promise<void> {
  const registry = await read();
  if (!(String(tabId) in registry)) return;
  delete registry[String(tabId)];
  await area().set({ [KEY]: registry });
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
