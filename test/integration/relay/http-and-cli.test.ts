// The relay's HTTP side and its admin CLI, as real processes: health, metrics, enrollment with every failure,
// JSON output of each admin command, readable errors, and SIGTERM draining.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnrollResponseSchema, HttpErrorSchema } from '../../../lib/protocol/index.ts';
import { RelayTestClient } from '../../support/relay-client.ts';
import { makeDataDir } from '../../support/relay-fixture.ts';
import { spawnRelay, type RelayProcess } from '../../support/relay-process.ts';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../bin/undertone-relay.mjs', import.meta.url));
const data = makeDataDir();
let relay: RelayProcess;

async function cli(...args: string[]): Promise<unknown> {
  const { stdout } = await run(process.execPath, [BIN, ...args, '--data', data.dir, '--json']);
  return JSON.parse(stdout);
}
async function cliFails(...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    await run(process.execPath, [BIN, ...args, '--data', data.dir]);
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, stderr: e.stderr };
  }
  throw new Error(`undertone-relay ${args.join(' ')} succeeded but should have failed`);
}
async function enroll(body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${relay.httpUrl}/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

let ids: { org: string; team: string; agent: string };

beforeAll(async () => {
  const org = (await cli('org', 'add', '--name', 'Acme Support')) as { id: string; name: string };
  const team = (await cli('team', 'add', '--org', org.id, '--name', 'Billing')) as { id: string };
  const agent = (await cli('user', 'add', '--org', org.id, '--name', 'Ann Agent', '--role', 'agent', '--team', team.id)) as { id: string };
  ids = { org: org.id, team: team.id, agent: agent.id };
  relay = await spawnRelay({ dataDir: data.dir });
}, 60_000);
afterAll(async () => {
  await relay?.kill();
  data.remove();
});

describe('admin CLI', () => {
  it('lists what it created, as JSON', async () => {
    expect(await cli('org', 'list')).toEqual([{ id: ids.org, name: 'Acme Support' }]);
    expect(await cli('team', 'list', '--org', ids.org)).toEqual([{ id: ids.team, orgId: ids.org, name: 'Billing' }]);
    expect(await cli('user', 'list', '--org', ids.org)).toEqual([{ id: ids.agent, orgId: ids.org, name: 'Ann Agent', role: 'agent', teamIds: [ids.team], helpdeskNames: [] }]);
  });

  it("keeps a user's helpdesk names, tidied, says them on sign-in and in welcome, and clears them", async () => {
    const set = await cli('user', 'set-helpdesk-names', '--user', ids.agent, '--helpdesk-name', '  Ann  Lee ', '--helpdesk-name', 'alee', '--helpdesk-name', 'Ann Lee');
    expect(set).toEqual({ id: ids.agent, name: 'Ann Agent', helpdeskNames: ['Ann Lee', 'alee'] });
    const listed = (await cli('user', 'list', '--org', ids.org)) as { helpdeskNames: string[] }[];
    expect(listed[0]!.helpdeskNames).toEqual(['Ann Lee', 'alee']);
    // Enrolled after the change (no restart of the relay): the answer and the welcome carry them.
    const issued = (await cli('enroll', '--user', ids.agent)) as { code: string };
    const body = EnrollResponseSchema.parse((await enroll({ code: issued.code })).json);
    expect(body.user.helpdeskNames).toEqual(['Ann Lee', 'alee']);
    const client = await RelayTestClient.connect(relay.url, body.token);
    expect(client.all('welcome')[0]!.user.helpdeskNames).toEqual(['Ann Lee', 'alee']);
    await client.close();
    expect(await cli('user', 'set-helpdesk-names', '--user', ids.agent, '--clear')).toEqual({ id: ids.agent, name: 'Ann Agent', helpdeskNames: [] });
    const cleared = await RelayTestClient.connect(relay.url, body.token);
    expect(cleared.all('welcome')[0]!.user.helpdeskNames).toBeUndefined();
    await cleared.close();
  });

  it('refuses helpdesk names it cannot keep, in words', async () => {
    expect((await cliFails('user', 'set-helpdesk-names', '--user', ids.agent)).stderr).toContain('give --helpdesk-name (one or more) or --clear');
    expect((await cliFails('user', 'set-helpdesk-names', '--user', ids.agent, '--helpdesk-name', '   ')).stderr).toContain('a helpdesk name must not be empty');
    expect((await cliFails('user', 'set-helpdesk-names', '--user', 'usr_missing', '--helpdesk-name', 'X')).stderr).toContain('user usr_missing not found');
    const many = Array.from({ length: 21 }, (_, i) => ['--helpdesk-name', `Name ${i}`]).flat();
    expect((await cliFails('user', 'set-helpdesk-names', '--user', ids.agent, ...many)).stderr).toContain('at most 20 helpdesk names');
  });

  it('explains a wrong call in words with a non-zero exit', async () => {
    const unknownOrg = await cliFails('team', 'add', '--org', 'org_missing', '--name', 'X');
    expect(unknownOrg.code).toBe(1);
    expect(unknownOrg.stderr).toContain('organisation org_missing not found');
    const badRole = await cliFails('user', 'add', '--org', ids.org, '--name', 'X', '--role', 'boss', '--team', ids.team);
    expect(badRole.stderr).toContain('--role must be agent, supervisor or admin');
    const missing = await cliFails('enroll');
    expect(missing.stderr).toContain('--user is required');
    const unknownCommand = await cliFails('frobnicate');
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toContain('unknown command');
  });
});

describe('HTTP', () => {
  it('reports health, and Prometheus metrics on the metrics port only', async () => {
    const health = await fetch(`${relay.httpUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', version: '0.1.0' });
    expect(relay.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${relay.httpUrl}/metrics`)).status).toBe(404);
    const metrics = await (await fetch(`${relay.metricsUrl}/metrics`)).text();
    for (const name of ['undertone_connections', 'undertone_frames_in_total', 'undertone_frames_out_total', 'undertone_deliveries_total', 'undertone_delivery_latency_seconds_bucket', 'undertone_rejections_total']) {
      expect(metrics).toContain(name);
    }
  });

  it('exchanges an enrollment code once for a working device token', async () => {
    const issued = (await cli('enroll', '--user', ids.agent)) as { code: string; expiresAt: number };
    expect(issued.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    // Codes are accepted without dashes and in lower case, as people type them.
    const ok = await enroll({ code: issued.code.replace(/-/g, '').toLowerCase(), deviceName: 'Ann laptop' });
    expect(ok.status).toBe(200);
    const body = EnrollResponseSchema.parse(ok.json);
    expect(body.user).toMatchObject({ id: ids.agent, role: 'agent', orgName: 'Acme Support', teams: [{ id: ids.team, name: 'Billing' }] });
    const client = await RelayTestClient.connect(relay.url, body.token);
    expect(client.all('welcome')[0]!.user.id).toBe(ids.agent);

    const again = await enroll({ code: issued.code });
    expect(again.status).toBe(410);
    expect(HttpErrorSchema.parse(again.json).error).toBe('code_used');

    // The token shows up in the list and revoking it closes the live socket.
    const tokens = (await cli('token', 'list', '--user', ids.agent)) as { id: string; deviceName: string; revokedAt: number | null }[];
    const mine = tokens.find((t) => t.id === body.tokenId)!;
    expect(mine).toMatchObject({ deviceName: 'Ann laptop', revokedAt: null });
    await cli('token', 'revoke', '--token-id', body.tokenId);
    expect(await client.waitClosed(5_000)).toBe(4004);
  });

  it('refuses unknown, expired and malformed enrollments with clear messages', async () => {
    const unknown = await enroll({ code: 'ABCD-EFGH-JKLM' });
    expect(unknown.status).toBe(401);
    expect(HttpErrorSchema.parse(unknown.json)).toMatchObject({ error: 'code_invalid' });
    const expiring = (await cli('enroll', '--user', ids.agent, '--ttl-hours', '0.0000001')) as { code: string };
    await new Promise((r) => setTimeout(r, 20));
    const expired = await enroll({ code: expiring.code });
    expect(HttpErrorSchema.parse(expired.json)).toMatchObject({ error: 'code_expired' });
    expect((expired.json as { message: string }).message).toContain('expired');
    const notJson = await enroll('{code');
    expect(notJson.status).toBe(400);
    expect(HttpErrorSchema.parse(notJson.json).error).toBe('bad_json');
    const empty = await enroll({ code: '' });
    expect(HttpErrorSchema.parse(empty.json).message).toContain('enter the enrollment code');
    const huge = await enroll({ code: 'x'.repeat(10_000) });
    expect(huge.status).toBe(413);
  });

  it('answers unknown paths with 404 and a WebSocket upgrade elsewhere than /v1/ws is refused', async () => {
    expect((await fetch(`${relay.httpUrl}/nope`)).status).toBe(404);
    await expect(RelayTestClient.open(`ws://127.0.0.1:${relay.port}/v2/ws`)).rejects.toThrow();
  });
});

describe('shutdown', () => {
  it('drains on SIGTERM: clients get 1001 and the process exits 0', async () => {
    const token = (await cli('token', 'issue', '--user', ids.agent)) as { token: string; tokenId: string };
    const client = await RelayTestClient.connect(relay.url, token.token);
    const exit = relay.stop();
    expect(await client.waitClosed()).toBe(1001);
    expect(await exit).toBe(0);
    expect(relay.logs.some((l) => l.includes('"relay stopped"'))).toBe(true);
    // Last-used times, written in batches, are on disk once the relay has stopped.
    const tokens = (await cli('token', 'list', '--user', ids.agent)) as { id: string; lastUsedAt: number | null }[];
    expect(tokens.find((t) => t.id === token.tokenId)?.lastUsedAt).toBeGreaterThan(0);
  });
});
