// Which helpdesk tab shows which conversation, kept in session storage so a restarted service worker still knows.
const KEY = 'tabs';

export type TabEntry = {
  conversationKey: string | null;
  url: string;
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

export function forgetTab(tabId: number): Promise<void> {
  return change((registry) => {
    if (!(String(tabId) in registry)) return false;
    delete registry[String(tabId)];
    return true;
  });
}

/** Tabs showing this conversation, or every registered tab when `conversationKey` is undefined. */
export async function tabsFor(conversationKey?: string | null): Promise<number[]> {
  const registry = await read();
  return Object.entries(registry)
    .filter(([, entry]) => conversationKey === undefined || entry.conversationKey === conversationKey)
    .map(([id]) => Number(id));
}
