// The device token lives in the extension's IndexedDB, never in storage.local (which content scripts can read);
// a token an older version left in storage.local is moved out on first read.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readDeviceToken } from '../../../lib/extension/device-credentials.ts';
import { readAuth, readSignIn, writeAuth, STORAGE_KEYS } from '../../../lib/extension/extension-state.ts';

let local: Record<string, unknown>;
const USER = { id: 'usr_ada', name: 'Ada', role: 'agent' as const, orgId: 'org_1', orgName: 'Northwind', teams: [] };

beforeEach(() => {
  local = {};
  (globalThis as unknown as { browser: unknown }).browser = {
    storage: {
      local: {
        get: async (key: string) => (key in local ? { [key]: structuredClone(local[key]) } : {}),
        set: async (items: Record<string, unknown>) => void Object.assign(local, structuredClone(items)),
        remove: async (key: string) => void delete local[key],
      },
    },
  };
});

afterEach(async () => {
  await writeAuth(null);
  delete (globalThis as unknown as { browser?: unknown }).browser;
});

describe('the device token', () => {
  it('is written to IndexedDB and storage.local keeps only who is signed in', async () => {
    await writeAuth({ relayUrl: 'https://relay.example.com', token: 'tok_secret_0123456789', tokenId: 'tkn_1', user: USER });
    expect(JSON.stringify(local)).not.toContain('tok_secret');
    expect(local[STORAGE_KEYS.auth]).toEqual({ relayUrl: 'https://relay.example.com', tokenId: 'tkn_1', user: USER });
    expect(await readDeviceToken()).toBe('tok_secret_0123456789');
    expect(await readAuth()).toMatchObject({ token: 'tok_secret_0123456789', user: USER });
  });

  it('moves a token left in storage.local by an older version', async () => {
    local[STORAGE_KEYS.auth] = { relayUrl: 'https://relay.example.com', token: 'tok_old_0123456789', tokenId: 'tkn_0', user: USER };
    expect(await readSignIn()).toEqual({ relayUrl: 'https://relay.example.com', tokenId: 'tkn_0', user: USER });
    expect(JSON.stringify(local)).not.toContain('tok_old');
    expect(await readAuth()).toMatchObject({ token: 'tok_old_0123456789', tokenId: 'tkn_0' });
  });

  it('is forgotten with the sign-in', async () => {
    await writeAuth({ relayUrl: 'https://relay.example.com', token: 'tok_secret_0123456789', tokenId: 'tkn_1', user: USER });
    await writeAuth(null);
    expect(local).toEqual({});
    expect(await readDeviceToken()).toBeNull();
    expect(await readAuth()).toBeNull();
  });
});
