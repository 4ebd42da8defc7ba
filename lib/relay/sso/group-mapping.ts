// How an identity provider's groups become an Undertone role and teams: the admin's `--map GROUP=team:NAME` and
// `--map GROUP=role:ROLE` rules, parsed and applied.
import { RoleSchema, type Role } from '../../protocol/index.ts';

export type GroupRule = { group: string; team: string } | { group: string; role: Role };

export type MappingOutcome =
  | { ok: true; role: Role; teams: string[] }
  | { ok: false; reason: string };

const ROLE_RANK: Record<Role, number> = { agent: 0, supervisor: 1, admin: 2 };

/**
 * Parses one `GROUP=team:NAME` or `GROUP=role:agent|supervisor|admin` rule; throws a readable Error. The group is
 * everything before the last `=team:` or `=role:`, so names with `=` (such as LDAP DNs) work.
 */
export function parseGroupRule(text: string): GroupRule {
  const match = /^(.*)=\s*(team|role)\s*:(.*)$/s.exec(text);
  if (!match) {
    if (!text.includes('=')) throw new Error(`--map "${text}" must look like GROUP=team:NAME or GROUP=role:supervisor`);
    throw new Error(`--map "${text}" must grant team:NAME or role:ROLE after "="`);
  }
  const group = match[1]!.trim();
  const kind = match[2]!;
  const value = match[3]!.trim();
  if (!group) throw new Error(`--map "${text}" names no group before "="`);
  if (kind === 'team') {
    if (!value) throw new Error(`--map "${text}" names no team after "team:"`);
    if (value.length > 200) throw new Error(`--map "${text}": the team name must be at most 200 characters`);
    return { group, team: value };
  }
  const role = RoleSchema.safeParse(value);
  if (!role.success) throw new Error(`--map "${text}": the role must be agent, supervisor or admin`);
  return { group, role: role.data };
}

/** How a rule reads in listings: `team:Billing` or `role:supervisor`. */
export function describeGrant(rule: GroupRule): string {
  return 'team' in rule ? `team:${rule.team}` : `role:${rule.role}`;
}

/**
 * The role and teams a person gets from their groups: the highest mapped role (agent when only teams match) and
 * every mapped team. Refused when no group is mapped, or when a role other than admin comes with no team.
 */
export function applyGroupRules(rules: readonly GroupRule[], groups: readonly string[]): MappingOutcome {
  const member = new Set(groups);
  const matched = rules.filter((r) => member.has(r.group));
  if (matched.length === 0) {
    return { ok: false, reason: 'your account is in none of the groups your administrator gave access to Undertone' };
  }
  let role: Role = 'agent';
  const teams = new Set<string>();
  for (const rule of matched) {
    if ('team' in rule) teams.add(rule.team);
    else if (ROLE_RANK[rule.role] > ROLE_RANK[role]) role = rule.role;
  }
  if (role !== 'admin' && teams.size === 0) {
    return { ok: false, reason: `your groups make you ${role === 'agent' ? 'an agent' : `a ${role}`} but give you no team; ask your administrator to add you to a team's group` };
  }
  return { ok: true, role, teams: [...teams].sort() };
}

/** The groups claim as a list of strings (a single string counts as one group; anything else as none). */
export function readGroups(claims: Record<string, unknown>, claim: string): string[] | undefined {
  const value = claims[claim];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}
