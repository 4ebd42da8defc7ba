// The device token, kept in the extension's own IndexedDB: only extension pages and the background (the extension's
// origin) can open it, in Chrome and in Firefox, while content scripts (the page's origin) cannot; it survives
// browser restarts. storage.local is readable by content scripts in both browsers, so the token is never kept there.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export const CREDENTIALS_DB_NAME = 'undertone-credentials';
const TOKEN_KEY = 'device-token';

interface CredentialsSchema extends DBSchema {
  secrets: { key: string; value: string };
}

let opened: Promise<IDBPDatabase<CredentialsSchema>> | null = null;

function database(): Promise<IDBPDatabase<CredentialsSchema>> {
  opened ??= openDB<CredentialsSchema>(CREDENTIALS_DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('secrets');
    },
  }).catch((error: unknown) => {
    opened = null;
    throw error;
  });
  return opened;
}

export async function readDeviceToken(): Promise<string | null> {
  return (await (await database()).get('secrets', TOKEN_KEY)) ?? null;
}

/** Stores the token, or forgets it with null. */
export async function writeDeviceToken(token: string | null): Promise<void> {
  const db = await database();
  if (token === null) await db.delete('secrets', TOKEN_KEY);
  else await db.put('secrets', token, TOKEN_KEY);
}
