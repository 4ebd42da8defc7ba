// The agent's choice of a collapsed or expanded whisper thread, kept in the extension's storage: the same in every
// chat and tab, and after reloads. Collapsed (one line) unless the agent expanded it.
const KEY = 'threadCollapsed';

export async function readThreadCollapsed(): Promise<boolean> {
  const stored = await browser.storage.local.get(KEY);
  return stored[KEY] !== false;
}

export async function writeThreadCollapsed(collapsed: boolean): Promise<void> {
  await browser.storage.local.set({ [KEY]: collapsed });
}

/** Calls `changed` when another tab (or this one) changes the choice. Returns a function that stops listening. */
export function followThreadCollapsed(changed: (collapsed: boolean) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && KEY in changes) changed(changes[KEY]?.newValue !== false);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
