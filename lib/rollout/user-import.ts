// Bulk provisioning from CSV (`undertone-relay import users --org ORG --file users.csv`): columns name, role, teams
// (team names separated by ";"). Every row is checked before anything is written; missing teams are created; users
// whose name already exists in the organisation are skipped, so an import can be re-run.
import { RoleSchema, type Role } from '../protocol/index.ts';
import { parseCsv } from './csv.ts';

/** The part of the relay's directory an import uses (SQLite or Redis alike). */
export interface ImportDirectory {
  listOrgs(): Promise<Array<{ id: string }>> | Array<{ id: string }>;
  listTeams(orgId: string): Promise<Array<{ id: string; name: string }>> | Array<{ id: string; name: string }>;
  addTeam(orgId: string, name: string): Promise<{ id: string; name: string }> | { id: string; name: string };
  listUsers(orgId: string): Promise<Array<{ id: string; name: string }>> | Array<{ id: string; name: string }>;
  addUser(input: { orgId: string; name: string; role: Role; teamIds: string[] }): Promise<{ id: string }> | { id: string };
  issueEnrollmentCode(userId: string, ttlMs?: number): Promise<{ code: string; expiresAt: number }> | { code: string; expiresAt: number };
}

export type ImportRow = { line: number; name: string; role: Role; teams: string[] };

export type ImportOutcome = {
  created: Array<{ line: number; id: string; name: string; role: Role; teams: string[]; enrollmentCode?: string; expiresAt?: number }>;
  skipped: Array<{ line: number; name: string; reason: string }>;
  teamsCreated: Array<{ id: string; name: string }>;
};

export class ImportError extends Error {
  constructor(readonly problems: string[]) {
    super(`nothing was imported; fix these rows first:\n  ${problems.join('\n  ')}`);
  }
}

/** Reads and checks the CSV; throws ImportError listing every bad row. */
export function parseUserCsv(text: string): ImportRow[] {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (error) {
    throw new ImportError([(error as Error).message]);
  }
  if (rows.length === 0) throw new ImportError(['the file is empty; the first line must be the header: name,role,teams']);
  const header = rows[0]!.map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const missing = ['name', 'role'].filter((c) => col(c) < 0);
  if (missing.length > 0) throw new ImportError([`line 1: the header must name the columns name, role and teams (missing: ${missing.join(', ')})`]);
  const problems: string[] = [];
  const out: ImportRow[] = [];
  const seen = new Map<string, number>();
  rows.slice(1).forEach((fields, i) => {
    const line = i + 2;
    const name = (fields[col('name')] ?? '').trim();
    const roleText = (fields[col('role')] ?? '').trim().toLowerCase();
    const teams = col('teams') >= 0 ? (fields[col('teams')] ?? '').split(';').map((t) => t.trim()).filter(Boolean) : [];
    const role = RoleSchema.safeParse(roleText);
    if (!name) problems.push(`line ${line}: the name is empty`);
    else if (name.length > 200) problems.push(`line ${line}: the name is longer than 200 characters`);
    if (!role.success) problems.push(`line ${line}: role must be agent, supervisor or admin, not "${roleText}"`);
    if (name && seen.has(name.toLowerCase())) problems.push(`line ${line}: "${name}" is already on line ${seen.get(name.toLowerCase())}`);
    if (name) seen.set(name.toLowerCase(), line);
    if (role.success && role.data !== 'admin' && teams.length === 0) problems.push(`line ${line}: an ${role.data} needs at least one team`);
    if (name && role.success) out.push({ line, name, role: role.data, teams });
  });
  if (problems.length > 0) throw new ImportError(problems);
  return out;
}

export async function importUsers(
  directory: ImportDirectory,
  orgId: string,
  rows: ImportRow[],
  options: { enroll?: boolean; enrollTtlMs?: number } = {},
): Promise<ImportOutcome> {
  if (!(await directory.listOrgs()).some((o) => o.id === orgId)) throw new ImportError([`there is no organisation ${orgId} (see: undertone-relay org list)`]);
  const outcome: ImportOutcome = { created: [], skipped: [], teamsCreated: [] };
  const teams = new Map((await directory.listTeams(orgId)).map((t) => [t.name.toLowerCase(), t.id]));
  const existing = new Set((await directory.listUsers(orgId)).map((u) => u.name.toLowerCase()));
  for (const row of rows) {
    if (existing.has(row.name.toLowerCase())) {
      outcome.skipped.push({ line: row.line, name: row.name, reason: 'a user with this name already exists in the organisation' });
      continue;
    }
    const teamIds: string[] = [];
    for (const name of row.teams) {
      let id = teams.get(name.toLowerCase());
      if (!id) {
        const team = await directory.addTeam(orgId, name);
        teams.set(name.toLowerCase(), (id = team.id));
        outcome.teamsCreated.push({ id: team.id, name: team.name });
      }
      teamIds.push(id);
    }
    const user = await directory.addUser({ orgId, name: row.name, role: row.role, teamIds });
    existing.add(row.name.toLowerCase());
    const created: ImportOutcome['created'][number] = { line: row.line, id: user.id, name: row.name, role: row.role, teams: row.teams };
    if (options.enroll) {
      const issued = await directory.issueEnrollmentCode(user.id, options.enrollTtlMs);
      created.enrollmentCode = issued.code;
      created.expiresAt = issued.expiresAt;
    }
    outcome.created.push(created);
  }
  return outcome;
}
