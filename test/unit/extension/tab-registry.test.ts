// The background's registry of helpdesk tabs: concurrent reports lose nothing, a closed tab is forgotten.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { forgetTab, reportTab, tabsFor } from '../../../lib/extension/tab-registry.ts';

/** A storage area whose reads and writes each take a turn of the event loop, as the real one's do. */
function slowStorage() {
  let data: Record<string, unknown> = {};
  const later = <T>(value: () => T) => new Promise<T>((resolve) => setTimeout(() => resolve(value()), 1));
  return {
    get: (key: string) => later(() => ({ [key]: structuredClone(data[key]) })),
    set: (items: Record<string, unknown>) => later(() => void (data = { ...data, ...structuredClone(items) })),
  };
}

beforeEach(() => {
  (globalThis as unknown as { browser: unknown }).browser = { storage: { session: slowStorage() } };
});
afterEach(() => {
  delete (globalThis as unknown as { browser?: unknown }).browser;
});

describe('tab registry', () => {
  it('keeps every tab when several report at the same moment', async () => {
    await Promise.all([
      reportTab(1, { conversationKey: 'c-1', url: 'https://desk/1' }),
      reportTab(2, { conversationKey: 'c-2', url: 'https://desk/2' }),
      reportTab(3, { conversationKey: 'c-1', url: 'https://desk/3' }),
    ]);
    expect((await tabsFor('c-1')).sort()).toEqual([1, 3]);
    expect(await tabsFor('c-2')).toEqual([2]);
  });

  it('forgets a closed tab and keeps the others', async () => {
    await Promise.all([reportTab(5, { conversationKey: 'c-9', url: 'https://desk/5' }), reportTab(6, { conversationKey: 'c-9', url: 'https://desk/6' })]);
    await forgetTab(6);
    expect(await tabsFor('c-9')).toEqual([5]);
    expect(await tabsFor()).toEqual([5]);
  });
});
