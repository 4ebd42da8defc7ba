// What the extension keeps in browser storage: sign-in (without the device token, which device-credentials.ts keeps
// where content scripts cannot read it), the user's settings, connection status; and the policy it reads.
import type { EnrollResponse } from '../protocol/index.ts';
import type { ConnectionStatus } from '../client/index.ts';
import { readDeviceToken, writeDeviceToken } from './device-credentials.ts';
import { effectiveSettings, parsePolicy, type EffectiveSettings, type Policy, type Settings } from './policy.ts';

/** Who is signed in to which relay: kept in storage.local, so nothing secret. */
export type SignIn = { relayUrl: string; tokenId: string; user: EnrollResponse['user'] };
/** The sign-in with its device token: for the background only. */
export type Auth = SignIn & { token: string };

/** Connection status as the pages show it, with the unread count. */
/** `unreadByConversation`: unread whispers per conversation key, for counts beside the helpdesk's chat list. */
export type ShownStatus = ConnectionStatus & { unread: number; unreadByConversation: Record<string, number>; signedIn: boolean };

export const STORAGE_KEYS = { auth: 'auth', settings: 'settings', status: 'status' } as const;

export const SIGNED_OUT_STATUS: ShownStatus = {
  state: 'idle',
  user: null,
  lastError: null,
  retryAt: null,
  synced: false,
  unread: 0,
  unreadByConversation: {},
  signedIn: false,
};

/** Who is signed in (no token). An older version kept the token here: it is moved out first. */
export async function readSignIn(): Promise<SignIn | null> {
  const stored = await browser.storage.local.get(STORAGE_KEYS.auth);
  const record = (stored[STORAGE_KEYS.auth] as (SignIn & { token?: unknown }) | undefined) ?? null;
  if (!record) return null;
  const { token, ...signIn } = record;
  if (token !== undefined) {
    if (typeof token === 'string') await writeDeviceToken(token);
    await browser.storage.local.set({ [STORAGE_KEYS.auth]: signIn });
  }
  return signIn;
}

/** The sign-in with its token (background only); null when signed out or the token is gone. */
export async function readAuth(): Promise<Auth | null> {
  const signIn = await readSignIn();
  if (!signIn) return null;
  const token = await readDeviceToken();
  return token ? { ...signIn, token } : null;
}

export async function writeAuth(auth: Auth | null): Promise<void> {
  if (auth) {
    const { token, ...signIn } = auth;
    await writeDeviceToken(token);
    await browser.storage.local.set({ [STORAGE_KEYS.auth]: signIn });
  } else {
    await browser.storage.local.remove(STORAGE_KEYS.auth);
    await writeDeviceToken(null);
  }
}

export async function readUserSettings(): Promise<Partial<Settings>> {
  const stored = await browser.storage.local.get(STORAGE_KEYS.settings);
  return (stored[STORAGE_KEYS.settings] as Partial<Settings> | undefined) ?? {};
}

export async function writeUserSettings(settings: Partial<Settings>): Promise<void> {
  await browser.storage.local.set({ [STORAGE_KEYS.settings]: settings });
}

export async function readStatus(): Promise<ShownStatus> {
  const stored = await browser.storage.local.get(STORAGE_KEYS.status);
  return (stored[STORAGE_KEYS.status] as ShownStatus | undefined) ?? SIGNED_OUT_STATUS;
}

export async function writeStatus(status: ShownStatus): Promise<void> {
  await browser.storage.local.set({ [STORAGE_KEYS.status]: status });
}

/**
 * The admin's managed storage. Chrome answers {} without a policy; Firefox throws when it has no policy for the
 * extension; both are "no policy".
 */
export async function readPolicy(): Promise<Policy> {
  let raw: unknown;
  try {
    raw = await browser.storage.managed.get();
  } catch {
    raw = undefined;
  }
  return parsePolicy(raw);
}

export async function readEffectiveSettings(): Promise<EffectiveSettings> {
  const [user, policy] = await Promise.all([readUserSettings(), readPolicy()]);
  return effectiveSettings(user, policy);
}
