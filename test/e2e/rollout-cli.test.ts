// Bulk provisioning and audit export through the real `undertone-relay` command against a serving relay.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../lib/rollout/index.ts';
import { poll, relayForFile, ROOT, SupervisorClient } from './harness/index.ts';

const CLI = resolve(ROOT, 'bin/undertone-relay.mjs');
const { relay, people } = await relayForFile();
let dir: string;

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [CLI, ...args, '--data', relay.dataDir], { cwd: ROOT, timeout: 20_000 }, (error, stdout, stderr) =>
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'undertone-rollout-cli-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('undertone-relay import users', () => {
  it('refuses a file with a bad row and creates nobody', async () => {
    writeFileSync(join(dir, 'bad.csv'), 'name,role,teams\nGood Person,agent,Tier 1\nBad Person,manager,Tier 1\n');
    const result = await cli('import', 'users', '--org', people.orgId, '--file', join(dir, 'bad.csv'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('line 3: role must be agent, supervisor or admin, not "manager"');
    const users = await relay.admin<Array<{ name: string }>>('user', 'list', '--org', people.orgId);
    expect(users.map((u) => u.name)).not.toContain('Good Person');
  });

  it('creates users in existing and new teams with enrollment codes, and a re-run skips them', async () => {
    writeFileSync(join(dir, 'users.csv'), 'name,role,teams\n"Lee, Ann",agent,Tier 1\nRay Park,agent,Tier 2\nMo Diaz,supervisor,Tier 1;Tier 2\n');
    const codesFile = join(dir, 'codes.csv');
    const result = await cli('import', 'users', '--org', people.orgId, '--file', join(dir, 'users.csv'), '--enroll', '--out', codesFile, '--json');
    expect(result.code).toBe(0);
    const outcome = JSON.parse(result.stdout) as { created: Array<{ id: string; name: string }>; teamsCreated: Array<{ name: string }> };
    expect(outcome.created.map((c) => c.name)).toEqual(['Lee, Ann', 'Ray Park', 'Mo Diaz']);
    expect(outcome.teamsCreated.map((t) => t.name)).toEqual(['Tier 2']);

    const users = await relay.admin<Array<{ name: string; role: string; teamIds: string[] }>>('user', 'list', '--org', people.orgId);
    expect(users.find((u) => u.name === 'Mo Diaz')).toMatchObject({ role: 'supervisor' });
    expect(users.find((u) => u.name === 'Mo Diaz')!.teamIds).toHaveLength(2);
    expect(users.find((u) => u.name === 'Lee, Ann')!.teamIds).toEqual([people.teamId]);

    const [header, ...rows] = parseCsv(readFileSync(codesFile, 'utf8'));
    expect(header).toEqual(['name', 'userId', 'role', 'teams', 'enrollmentCode', 'expiresAt']);
    expect(rows.map((r) => r[0])).toEqual(['Lee, Ann', 'Ray Park', 'Mo Diaz']);
    // The code signs the user in through the relay's own enrollment endpoint.
    const enrolled = await fetch(`${relay.httpUrl}/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: rows[0]![4] }) });
    expect(enrolled.status).toBe(200);
    expect((await enrolled.json()).user.name).toBe('Lee, Ann');

    const again = await cli('import', 'users', '--org', people.orgId, '--file', join(dir, 'users.csv'), '--json');
    expect(JSON.parse(again.stdout)).toMatchObject({ created: [], teamsCreated: [] });
    expect(JSON.parse(again.stdout).skipped).toHaveLength(3);
  });
});

describe('undertone-relay export history', () => {
  it("exports a team's whispers as CSV and JSON, filtered by team and date", async () => {
    const supervisor = await SupervisorClient.connect(relay.wsUrl, await relay.issueToken(people.supervisor.id));
    try {
      await supervisor.whisper(people.agent.id, 'conv-audit', 'Offer the refund, "politely", then close');
      await poll(async () => supervisor.texts(), (t) => t.includes('Offer the refund, "politely", then close'), 10_000, 'the whisper to be committed');
    } finally {
      supervisor.stop();
    }
    const out = join(dir, 'history.csv');
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const csv = await cli('export', 'history', '--org', people.orgId, '--team', people.teamId, '--from', day(-1), '--to', day(1), '--out', out);
    expect(csv.code).toBe(0);
    expect(csv.stderr).toContain('exported 1 message(s)');
    const [header, row] = parseCsv(readFileSync(out, 'utf8'));
    const record = Object.fromEntries(header!.map((h, i) => [h, row![i]]));
    expect(record).toMatchObject({
      kind: 'whisper',
      senderName: 'Sam Supervisor',
      senderRole: 'supervisor',
      agentId: people.agent.id,
      agentName: 'Alice Agent',
      agentTeams: 'Tier 1',
      conversationKey: 'conv-audit',
      text: 'Offer the refund, "politely", then close',
    });

    const json = await cli('export', 'history', '--org', people.orgId, '--format', 'json');
    expect(JSON.parse(json.stdout).map((r: { text: string }) => r.text)).toEqual(['Offer the refund, "politely", then close']);
    const teams = await relay.admin<Array<{ id: string; name: string }>>('team', 'list', '--org', people.orgId);
    const otherTeam = teams.find((t) => t.name === 'Tier 2')!.id;
    expect(JSON.parse((await cli('export', 'history', '--org', people.orgId, '--team', otherTeam, '--format', 'json')).stdout)).toEqual([]);
    expect(JSON.parse((await cli('export', 'history', '--org', people.orgId, '--to', '2020-01-01', '--format', 'json')).stdout)).toEqual([]);
    const bad = await cli('export', 'history', '--org', people.orgId, '--from', 'last week');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--from "last week" is not a date');
  });
});
