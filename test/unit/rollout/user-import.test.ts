// CSV reading and the bulk user import against an in-memory directory: every row checked first, re-runs skip.
import { describe, expect, it } from 'vitest';
import { csvLine, importUsers, ImportError, parseCsv, parseUserCsv, type ImportDirectory } from '../../../lib/rollout/index.ts';

function memoryDirectory(): ImportDirectory & { teams: Array<{ id: string; name: string }>; users: Array<{ id: string; name: string; teamIds: string[] }> } {
  let n = 0;
  const teams: Array<{ id: string; name: string }> = [{ id: 'team_0', name: 'Billing' }];
  const users: Array<{ id: string; name: string; teamIds: string[] }> = [{ id: 'usr_0', name: 'Existing Person', teamIds: [] }];
  return {
    teams,
    users,
    listOrgs: () => [{ id: 'org_1' }],
    listTeams: () => teams,
    addTeam: (_org, name) => {
      const t = { id: `team_${++n}`, name };
      teams.push(t);
      return t;
    },
    listUsers: () => users,
    addUser: ({ name, teamIds }) => {
      const u = { id: `usr_${++n}`, name, teamIds };
      users.push(u);
      return u;
    },
    issueEnrollmentCode: (userId) => ({ code: `CODE-${userId}`, expiresAt: 1_000 }),
  };
}

describe('CSV', () => {
  it('reads quoted fields with commas, doubled quotes, line breaks, CRLF and a byte-order mark', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\r\n"two\nlines",z\n\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['two\nlines', 'z'],
    ]);
    expect(() => parseCsv('a\n"open,b\n')).toThrow(/line 2: a quoted field is never closed/);
  });

  it('writes fields that round-trip and defuses spreadsheet formulas', () => {
    const line = csvLine(['a,b', 'say "hi"', '=HYPERLINK("x")', 3, null]);
    expect(line).toBe('"a,b","say ""hi""","\'=HYPERLINK(""x"")",3,');
    expect(parseCsv(line)[0]).toEqual(['a,b', 'say "hi"', '\'=HYPERLINK("x")', '3', '']);
  });
});

describe('user import', () => {
  it('lists every bad row with its line and imports nothing', () => {
    const csv = 'name,role,teams\nAnn,agent,Billing\nBob,boss,Billing\n,agent,Billing\nann,supervisor,Billing\nCy,agent,\n';
    try {
      parseUserCsv(csv);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).problems).toEqual([
        'line 3: role must be agent, supervisor or admin, not "boss"',
        'line 4: the name is empty',
        'line 5: "ann" is already on line 2',
        'line 6: an agent needs at least one team',
      ]);
    }
    expect(() => parseUserCsv('full name,team\nAnn,Billing\n')).toThrow(/header must name the columns name, role and teams \(missing: name, role\)/);
  });

  it('creates users and missing teams, issues codes on request, and skips existing names on a re-run', async () => {
    const directory = memoryDirectory();
    const rows = parseUserCsv('Name,Role,Teams\n"Lee, Ann",Agent,Billing; Tier 2\nSam Cho,supervisor,tier 2\nExisting Person,agent,Billing\nAda,admin,\n');
    const outcome = await importUsers(directory, 'org_1', rows, { enroll: true });
    expect(outcome.teamsCreated).toEqual([{ id: 'team_1', name: 'Tier 2' }]);
    expect(outcome.created.map((c) => [c.name, c.role, c.teams, c.enrollmentCode])).toEqual([
      ['Lee, Ann', 'agent', ['Billing', 'Tier 2'], 'CODE-usr_2'],
      ['Sam Cho', 'supervisor', ['tier 2'], 'CODE-usr_3'],
      ['Ada', 'admin', [], 'CODE-usr_4'],
    ]);
    expect(directory.users.find((u) => u.name === 'Sam Cho')!.teamIds).toEqual(['team_1']);
    expect(outcome.skipped).toEqual([{ line: 4, name: 'Existing Person', reason: 'a user with this name already exists in the organisation' }]);

    const again = await importUsers(directory, 'org_1', rows);
    expect(again.created).toEqual([]);
    expect(again.skipped).toHaveLength(4);
    await expect(importUsers(directory, 'org_404', rows)).rejects.toThrow(/there is no organisation org_404/);
  });
});
