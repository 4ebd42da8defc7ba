// What the relay needs from its directory of organisations, users and device tokens (SQLite or Redis):
// the hub and connections use `Directory`; the admin CLI and tests use `DirectoryAdmin`.
import type { Role } from '../../protocol/index.ts';
import type { Awaitable } from '../store/durable-store.ts';
import type { EnrollmentFailure, Org, Principal, Team, TokenInfo, User } from './identity-store.ts';

export type Redemption = { ok: true; token: string; tokenId: string; principal: Principal } | { ok: false; reason: EnrollmentFailure };

export interface Directory {
  /** The principal for a presented token, or undefined when it is unknown or revoked. */
  authenticate(token: string): Awaitable<Principal | undefined>;
  /** The user with this id in this org; undefined for an unknown id and another org's id alike. */
  getUserInOrg(orgId: string, userId: string): Awaitable<User | undefined>;
  listTeams(orgId: string): Awaitable<Team[]>;
  /** Supervisors who are members of any of these teams. */
  supervisorsOfTeams(teamIds: readonly string[]): Awaitable<string[]>;
  /** Token ids revoked at or after `since` (ms). */
  revokedSince(since: number): Awaitable<{ id: string; revokedAt: number }[]>;
  redeemEnrollmentCode(code: string, deviceName: string): Awaitable<Redemption>;
}

export interface DirectoryAdmin extends Directory {
  addOrg(name: string): Awaitable<Org>;
  listOrgs(): Awaitable<Org[]>;
  addTeam(orgId: string, name: string): Awaitable<Team>;
  addUser(input: { orgId: string; name: string; role: Role; teamIds: string[] }): Awaitable<User>;
  listUsers(orgId: string): Awaitable<User[]>;
  /** Replaces a user's other helpdesk names (an empty list clears them); takes effect at the user's next connection. */
  setHelpdeskNames(userId: string, names: readonly string[]): Awaitable<User>;
  issueEnrollmentCode(userId: string, ttlMs?: number): Awaitable<{ code: string; userId: string; expiresAt: number }>;
  issueToken(userId: string, deviceName: string): Awaitable<{ token: string; tokenId: string; userId: string }>;
  listTokens(filter?: { userId?: string; orgId?: string }): Awaitable<TokenInfo[]>;
  revokeToken(tokenId: string): Awaitable<{ tokenId: string; revokedAt: number }>;
}
