// The admin's read-only window on their organisation: GET /v1/admin/overview with the admin's device token
// (Authorization: Bearer) answers teams, people by role, devices and single sign-on state of the caller's own
// organisation only. Changes stay on the command line.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ORG_OVERVIEW_PATH, type ErrorCode, type OrgOverview } from '../../protocol/index.ts';
import type { DirectoryAdmin } from '../identity/directory.ts';
import type { Logger } from '../log.ts';
import { answerCrossOrigin } from '../extension-cors.ts';
import { describeGrant } from '../sso/group-mapping.ts';
import type { SsoStore } from '../sso/sso-store.ts';

export interface OrgOverviewOptions {
  identities: DirectoryAdmin;
  /** Single sign-on settings (SQLite mode); absent in Redis mode, where the overview says there is none. */
  sso?: SsoStore;
  log: Logger;
  allowedOrigins: readonly string[];
}

/** Builds the overview of one organisation; never reads another's rows. */
export async function orgOverview(orgId: string, orgName: string, options: Pick<OrgOverviewOptions, 'identities' | 'sso'>): Promise<OrgOverview> {
  const [teams, users, tokens] = await Promise.all([
    options.identities.listTeams(orgId),
    options.identities.listUsers(orgId),
    options.identities.listTokens({ orgId }),
  ]);
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const ssoUsers = options.sso?.ssoUserIds(orgId) ?? new Set<string>();
  const config = options.sso?.getConfig(orgId);
  return {
    org: { id: orgId, name: orgName },
    teams: teams.map((t) => ({ id: t.id, name: t.name, members: users.filter((u) => u.teamIds.includes(t.id)).length })),
    people: users.map((u) => ({
      id: u.id,
      name: u.name,
      role: u.role,
      teams: u.teamIds.map((id) => teamName.get(id) ?? id),
      signsInWith: ssoUsers.has(u.id) ? ('sso' as const) : ('code' as const),
    })),
    devices: tokens.map((t) => ({
      tokenId: t.id,
      userId: t.userId,
      userName: t.userName,
      deviceName: t.deviceName,
      createdAt: t.createdAt,
      lastUsedAt: t.lastUsedAt,
      revokedAt: t.revokedAt,
    })),
    sso: config
      ? {
          issuer: config.issuer,
          clientId: config.clientId,
          groupsClaim: config.groupsClaim,
          mappings: config.rules.map((r) => ({ group: r.group, grants: describeGrant(r) })),
          updatedAt: config.updatedAt,
        }
      : null,
  };
}

export function createOrgOverviewRoute(options: OrgOverviewOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if ((req.url ?? '/').split('?')[0] !== ORG_OVERVIEW_PATH) return false;
    if (answerCrossOrigin(req, res, { allowedOrigins: options.allowedOrigins, methods: 'GET', headers: 'authorization' })) return true;
    if (req.method !== 'GET') {
      error(res, 405, 'invalid_frame', `use GET ${ORG_OVERVIEW_PATH}`);
      return true;
    }
    const token = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!token) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      error(res, 401, 'not_authenticated', 'send the device token as Authorization: Bearer <token>');
      return true;
    }
    void (async () => {
      const principal = await options.identities.authenticate(token);
      if (!principal) return error(res, 401, 'auth_failed', 'this device token is unknown or revoked; sign in again');
      if (principal.role !== 'admin') return error(res, 403, 'forbidden', 'only an admin of the organisation sees its overview');
      const body = await orgOverview(principal.orgId, principal.orgName, options);
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(body));
    })().catch((err: unknown) => {
      options.log.error({ err }, 'organisation overview failed');
      if (!res.headersSent) error(res, 500, 'internal', 'the overview failed on the relay; try again');
    });
    return true;
  };
}

function error(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ error: code, message }));
}
