// Admin subcommands of `undertone-relay`: organisations, teams, users, enrollment codes and device tokens,
// run against the data directory or Redis (safe while relays serve it). Each returns a JSON-ready result.
import { RoleSchema } from '../../protocol/index.ts';
import type { DirectoryAdmin } from '../identity/directory.ts';
import { IdentityError } from '../identity/identity-store.ts';

export class UsageError extends Error {}

export interface AdminArgs {
  values: Record<string, string | string[] | boolean | undefined>;
}

export interface AdminResult {
  json: unknown;
  /** Lines for people (without --json). */
  text: string[];
}

type Handler = (store: DirectoryAdmin, args: AdminArgs) => Promise<AdminResult>;

function need(args: AdminArgs, name: string): string {
  const value = args.values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}

function list(args: AdminArgs, name: string): string[] {
  const value = args.values[name];
  if (value === undefined || typeof value === 'boolean') return [];
  return Array.isArray(value) ? value : [value];
}

function when(ms: number | null): string {
  return ms === null ? '-' : new Date(ms).toISOString();
}

export const ADMIN_COMMANDS: Record<string, { usage: string; run: Handler }> = {
  'org add': {
    usage: 'org add --name NAME',
    run: async (s, a) => {
      const org = await s.addOrg(need(a, 'name'));
      return { json: { id: org.id, name: org.name }, text: [`created organisation ${org.name} (${org.id})`] };
    },
  },
  'org list': {
    usage: 'org list',
    run: async (s) => {
      const orgs = await s.listOrgs();
      return { json: orgs.map((o) => ({ id: o.id, name: o.name })), text: orgs.map((o) => `${o.id}  ${o.name}`) };
    },
  },
  'team add': {
    usage: 'team add --org ORG --name NAME',
    run: async (s, a) => {
      const team = await s.addTeam(need(a, 'org'), need(a, 'name'));
      return { json: { id: team.id, orgId: team.orgId, name: team.name }, text: [`created team ${team.name} (${team.id})`] };
    },
  },
  'team list': {
    usage: 'team list --org ORG',
    run: async (s, a) => {
      const teams = await s.listTeams(need(a, 'org'));
      return { json: teams.map((t) => ({ id: t.id, orgId: t.orgId, name: t.name })), text: teams.map((t) => `${t.id}  ${t.name}`) };
    },
  },
  'user add': {
    usage: 'user add --org ORG --name NAME --role agent|supervisor|admin --team TEAM [--team TEAM]',
    run: async (s, a) => {
      const role = RoleSchema.safeParse(need(a, 'role'));
      if (!role.success) throw new UsageError('--role must be agent, supervisor or admin');
      const user = await s.addUser({ orgId: need(a, 'org'), name: need(a, 'name'), role: role.data, teamIds: list(a, 'team') });
      return {
        json: { id: user.id, orgId: user.orgId, name: user.name, role: user.role, teamIds: user.teamIds },
        text: [`created ${user.role} ${user.name} (${user.id})`],
      };
    },
  },
  'user list': {
    usage: 'user list --org ORG',
    run: async (s, a) => {
      const users = await s.listUsers(need(a, 'org'));
      return {
        json: users.map((u) => ({ id: u.id, orgId: u.orgId, name: u.name, role: u.role, teamIds: u.teamIds, helpdeskNames: u.helpdeskNames })),
        text: users.map(
          (u) => `${u.id}  ${u.role.padEnd(10)} ${u.name}  teams: ${u.teamIds.join(', ') || '-'}${u.helpdeskNames.length ? `  helpdesk names: ${u.helpdeskNames.join(', ')}` : ''}`,
        ),
      };
    },
  },
  'user set-helpdesk-names': {
    usage: 'user set-helpdesk-names --user USER --helpdesk-name NAME [--helpdesk-name NAME] | --clear',
    run: async (s, a) => {
      const names = list(a, 'helpdesk-name');
      const clear = a.values.clear === true;
      if (clear === names.length > 0) throw new UsageError('give --helpdesk-name (one or more) or --clear');
      const user = await s.setHelpdeskNames(need(a, 'user'), names);
      return {
        json: { id: user.id, name: user.name, helpdeskNames: user.helpdeskNames },
        text: [user.helpdeskNames.length ? `${user.name} (${user.id}) is also ${user.helpdeskNames.join(', ')} in the helpdesks` : `${user.name} (${user.id}) has no other helpdesk names`],
      };
    },
  },
  enroll: {
    usage: 'enroll --user USER [--ttl-hours 72]',
    run: async (s, a) => {
      const ttlText = a.values['ttl-hours'];
      const ttlHours = typeof ttlText === 'string' ? Number(ttlText) : 72;
      if (!(ttlHours > 0)) throw new UsageError('--ttl-hours must be a positive number');
      const issued = await s.issueEnrollmentCode(need(a, 'user'), ttlHours * 3600_000);
      return {
        json: issued,
        text: [`enrollment code for ${issued.userId}: ${issued.code}`, `single use, valid until ${when(issued.expiresAt)}`],
      };
    },
  },
  'token issue': {
    usage: 'token issue --user USER [--device NAME]',
    run: async (s, a) => {
      const device = a.values.device;
      const issued = await s.issueToken(need(a, 'user'), typeof device === 'string' ? device : 'script');
      return { json: issued, text: [`token ${issued.tokenId} for ${issued.userId}:`, issued.token, 'it is shown only now; store it safely'] };
    },
  },
  'token list': {
    usage: 'token list [--user USER] [--org ORG]',
    run: async (s, a) => {
      const filter: { userId?: string; orgId?: string } = {};
      if (typeof a.values.user === 'string') filter.userId = a.values.user;
      if (typeof a.values.org === 'string') filter.orgId = a.values.org;
      const tokens = await s.listTokens(filter);
      return {
        json: tokens,
        text: tokens.map(
          (t) => `${t.id}  ${t.userName} (${t.userId})  device: ${t.deviceName}  last used: ${when(t.lastUsedAt)}  ${t.revokedAt ? `REVOKED ${when(t.revokedAt)}` : 'active'}`,
        ),
      };
    },
  },
  'token revoke': {
    usage: 'token revoke --token-id TOKEN_ID',
    run: async (s, a) => {
      const revoked = await s.revokeToken(need(a, 'token-id'));
      return { json: revoked, text: [`revoked ${revoked.tokenId}; its live connections close within seconds`] };
    },
  },
};

export async function runAdminCommand(name: string, store: DirectoryAdmin, args: AdminArgs): Promise<AdminResult> {
  const command = ADMIN_COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}"`);
  try {
    return await command.run(store, args);
  } catch (error) {
    if (error instanceof IdentityError) throw new UsageError(error.message);
    throw error;
  }
}
