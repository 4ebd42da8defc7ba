// Admin subcommands for single sign-on: `sso set` (provider, client and group rules of an organisation),
// `sso show` and `sso remove`, against the relay's SQLite data directory.
import { readFileSync } from 'node:fs';
import { SSO_CALLBACK_PATH } from '../../protocol/index.ts';
import type { RelayConfig } from '../config.ts';
import { openDatabase } from '../store/database.ts';
import { IdentityError } from '../identity/identity-store.ts';
import { describeGrant, parseGroupRule } from '../sso/group-mapping.ts';
import { ProviderError, fetchDiscovery } from '../sso/provider-metadata.ts';
import { SsoStore } from '../sso/index.ts';
import { UsageError, type AdminArgs, type AdminResult } from './admin-commands.ts';

export const SSO_COMMANDS: Record<string, string> = {
  'sso set':
    'sso set --org ORG --issuer URL --client-id ID --client-secret-file FILE [--groups-claim groups] [--scopes "openid profile email"] --map GROUP=team:NAME|role:ROLE [--map ...] [--offline]',
  'sso show': 'sso show --org ORG',
  'sso remove': 'sso remove --org ORG',
};

/** The flags these commands read (parseArgs options). */
export const SSO_OPTIONS = {
  issuer: { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret-file': { type: 'string' },
  'groups-claim': { type: 'string' },
  scopes: { type: 'string' },
  map: { type: 'string', multiple: true },
  offline: { type: 'boolean' },
} as const;

/** Runs one of SSO_COMMANDS against the data directory, printing its result; resolves to the exit code. */
export async function runSsoCli(name: string, config: RelayConfig, values: AdminArgs['values']): Promise<number> {
  if (config.redisUrl) {
    console.error('undertone-relay: single sign-on keeps its settings in the SQLite data directory; it is not available in Redis mode yet');
    return 1;
  }
  const db = openDatabase(config.dataDir);
  try {
    const result = await runSsoCommand(name, new SsoStore(db), { values, ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}) });
    console.log(values.json ? JSON.stringify(result.json) : result.text.join('\n'));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      const message = `${error.message} (usage: undertone-relay ${SSO_COMMANDS[name]!})`;
      if (values.json) console.log(JSON.stringify({ error: message }));
      console.error(`undertone-relay: ${message}`);
      return 1;
    }
    throw error;
  } finally {
    db.close();
  }
}

const DEFAULT_SCOPES = 'openid profile email';

function need(args: AdminArgs, name: string): string {
  const value = args.values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value.trim();
}

function list(args: AdminArgs, name: string): string[] {
  const value = args.values[name];
  if (value === undefined || typeof value === 'boolean') return [];
  return Array.isArray(value) ? value : [value];
}

export async function runSsoCommand(name: string, store: SsoStore, args: AdminArgs & { publicUrl?: string }): Promise<AdminResult> {
  try {
    return await run(name, store, args);
  } catch (error) {
    if (error instanceof IdentityError || error instanceof ProviderError) throw new UsageError(error.message);
    throw error;
  }
}

async function run(name: string, store: SsoStore, args: AdminArgs & { publicUrl?: string }): Promise<AdminResult> {
  const orgId = need(args, 'org');
  if (name === 'sso show') {
    const config = store.getConfig(orgId);
    if (!config) return { json: null, text: [`${orgId} has no single sign-on; its people sign in with enrollment codes`] };
    const rules = config.rules.map((r) => ({ group: r.group, grants: describeGrant(r) }));
    return {
      json: { orgId, issuer: config.issuer, clientId: config.clientId, groupsClaim: config.groupsClaim, scopes: config.scopes, rules, updatedAt: config.updatedAt },
      text: [
        `issuer:       ${config.issuer}`,
        `client id:    ${config.clientId} (secret stored, not shown)`,
        `groups claim: ${config.groupsClaim}`,
        `scopes:       ${config.scopes}`,
        ...rules.map((r) => `map:          ${r.group} -> ${r.grants}`),
      ],
    };
  }
  if (name === 'sso remove') {
    const removed = store.removeConfig(orgId);
    return {
      json: { orgId, removed },
      text: [removed ? `single sign-on is off for ${orgId}; people who signed in keep their tokens until revoked` : `${orgId} had no single sign-on`],
    };
  }
  if (name !== 'sso set') throw new UsageError(`unknown command "${name}"`);

  const issuer = need(args, 'issuer');
  let issuerUrl: URL;
  try {
    issuerUrl = new URL(issuer);
  } catch {
    throw new UsageError(`--issuer "${issuer}" is not a URL`);
  }
  if (issuerUrl.protocol !== 'https:' && !['127.0.0.1', 'localhost', '[::1]'].includes(issuerUrl.hostname)) {
    throw new UsageError('--issuer must be an https:// URL (plain http only on loopback, for testing)');
  }
  const clientId = need(args, 'client-id');
  const secretFile = need(args, 'client-secret-file');
  let clientSecret: string;
  try {
    clientSecret = readFileSync(secretFile, 'utf8').trim();
  } catch (error) {
    throw new UsageError(`cannot read --client-secret-file ${secretFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (!clientSecret) throw new UsageError(`--client-secret-file ${secretFile} is empty`);
  const groupsClaim = typeof args.values['groups-claim'] === 'string' ? args.values['groups-claim'].trim() : 'groups';
  if (!groupsClaim) throw new UsageError('--groups-claim must name a claim');
  const scopes = typeof args.values.scopes === 'string' ? args.values.scopes.trim().split(/\s+/).join(' ') : DEFAULT_SCOPES;
  if (!scopes.split(' ').includes('openid')) throw new UsageError('--scopes must include openid');
  const maps = list(args, 'map');
  if (maps.length === 0) throw new UsageError('give at least one --map GROUP=team:NAME (people in no mapped group cannot sign in)');
  const rules = maps.map((text) => {
    try {
      return parseGroupRule(text);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  });
  const checked = args.values.offline ? null : await fetchDiscovery(issuer);
  const { createdTeams } = store.setConfig({ orgId, issuer, clientId, clientSecret, groupsClaim, scopes, rules });
  const callback = `${args.publicUrl ? args.publicUrl.replace(/\/+$/, '') : 'https://YOUR-RELAY'}${SSO_CALLBACK_PATH}`;
  return {
    json: { orgId, issuer, clientId, groupsClaim, scopes, rules: rules.map((r) => ({ group: r.group, grants: describeGrant(r) })), createdTeams, redirectUri: callback, checked: checked !== null },
    text: [
      `single sign-on set for ${orgId} with ${issuer}${checked ? ' (discovery document checked)' : ' (not checked: --offline)'}`,
      ...rules.map((r) => `  ${r.group} -> ${describeGrant(r)}`),
      ...(createdTeams.length ? [`created teams: ${createdTeams.join(', ')}`] : []),
      `register this redirect URI for client ${clientId} at your provider: ${callback}`,
    ],
  };
}
