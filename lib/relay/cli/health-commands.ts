// `undertone-relay adapters health --org ORG`: the organisation's adapter health as reported by its people's
// extensions, grouped by adapter and missing part, with unusable custom adapters; against SQLite or Redis.
import { redisTargetOf, type RelayConfig } from '../config.ts';
import type { Directory, DirectoryAdmin } from '../identity/directory.ts';
import { IdentityStore } from '../identity/identity-store.ts';
import { healthLines, summariseHealth, SqliteHealthStore, type AdapterHealthStore } from '../health/index.ts';
import { openRedisDirectory } from '../redis/redis-backend.ts';
import { openDatabase } from '../store/database.ts';
import { UsageError, type AdminArgs, type AdminResult } from './admin-commands.ts';

export const HEALTH_COMMAND = 'adapters health';
export const HEALTH_USAGE = 'adapters health --org ORG';

/** The report of one organisation: JSON for scripts, lines for people. Refuses an organisation that does not exist. */
export async function adapterHealthReport(
  store: AdapterHealthStore,
  identities: Pick<DirectoryAdmin, 'listOrgs'>,
  orgId: string,
  options: { now?: number; timeZone?: string } = {},
): Promise<AdminResult> {
  const org = (await identities.listOrgs()).find((o) => o.id === orgId);
  if (!org) throw new UsageError(`no organisation ${orgId}`);
  const summary = summariseHealth(await store.listOrg(orgId));
  return { json: { orgId, ...summary }, text: healthLines(summary, options.now ?? Date.now(), options.timeZone) };
}

async function openStores(config: RelayConfig): Promise<{ health: AdapterHealthStore; identities: DirectoryAdmin & Directory; close(): Promise<void> }> {
  const target = redisTargetOf(config);
  if (target) return openRedisDirectory(target, config.redisPrefix);
  const db = openDatabase(config.dataDir);
  return { health: new SqliteHealthStore(db), identities: new IdentityStore(db), close: async () => void db.close() };
}

/** Runs the command, printing its result; resolves to the exit code. */
export async function runHealthCli(config: RelayConfig, values: AdminArgs['values']): Promise<number> {
  const org = values.org;
  if (typeof org !== 'string' || org.trim() === '') {
    const message = `--org is required (usage: undertone-relay ${HEALTH_USAGE})`;
    if (values.json) console.log(JSON.stringify({ error: message }));
    console.error(`undertone-relay: ${message}`);
    return 1;
  }
  const stores = await openStores(config);
  try {
    const result = await adapterHealthReport(stores.health, stores.identities, org.trim());
    console.log(values.json ? JSON.stringify(result.json) : result.text.join('\n'));
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const message = `${error.message} (usage: undertone-relay ${HEALTH_USAGE})`;
    if (values.json) console.log(JSON.stringify({ error: message }));
    console.error(`undertone-relay: ${message}`);
    return 1;
  } finally {
    await stores.close();
  }
}
