// The admin's read-only overview over real HTTP: only an admin's device token opens it, it shows that admin's own
// organisation (teams, people by role, devices, single sign-on state) and never another organisation's rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpErrorSchema, OrgOverviewSchema } from '../../../lib/protocol/index.ts';
import { SsoStore } from '../../../lib/relay/sso/index.ts';
import { openDatabase } from '../../../lib/relay/store/database.ts';
import { startRelayFixture, type RelayFixture } from '../../support/relay-fixture.ts';

let fixture: RelayFixture;

async function overview(token: string | null, headers: Record<string, string> = {}) {
  const res = await fetch(`${fixture.httpUrl}/v1/admin/overview`, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });
  return { status: res.status, json: (await res.json()) as unknown, headers: res.headers };
}

beforeAll(async () => {
  fixture = await startRelayFixture();
});
afterAll(async () => {
  await fixture?.close();
});

describe('GET /v1/admin/overview', () => {
  it("shows the admin their own organisation: teams, people by role, devices, single sign-on off", async () => {
    const { status, json } = await overview(fixture.cast.admin.token);
    expect(status).toBe(200);
    const body = OrgOverviewSchema.parse(json);
    expect(body.org).toEqual({ id: fixture.cast.orgId, name: 'Acme Support' });
    expect(body.teams).toEqual([
      { id: fixture.cast.teamA, name: 'Billing', members: 4 },
      { id: fixture.cast.teamB, name: 'Returns', members: 2 },
    ]);
    expect(body.people.map((p) => `${p.role}:${p.name}:${p.teams.join('+')}:${p.signsInWith}`).sort()).toEqual([
      'admin:Ada Admin::code',
      'agent:Abe Agent:Billing:code',
      'agent:Ann Agent:Billing:code',
      'agent:Bea Agent:Returns:code',
      'supervisor:Bob Supervisor:Returns:code',
      'supervisor:Sam Supervisor:Billing:code',
      'supervisor:Sue Supervisor:Billing:code',
    ]);
    expect(body.devices).toHaveLength(7);
    expect(body.devices.find((d) => d.tokenId === fixture.cast.agentA.tokenId)).toMatchObject({ userName: 'Ann Agent', deviceName: "Ann Agent's browser", revokedAt: null });
    expect(body.sso).toBeNull();
    // Nothing of the other organisation, and no secrets.
    const text = JSON.stringify(json);
    for (const foreign of ['Globex', 'Olga Agent', 'Oscar Supervisor', fixture.cast.otherOrgId, fixture.cast.otherAgent.tokenId]) expect(text).not.toContain(foreign);
    expect(text).not.toContain(fixture.cast.agentA.token);
  });

  it('shows single sign-on settings without the client secret, and revoked devices as revoked', async () => {
    const db = openDatabase(fixture.dataDir);
    try {
      new SsoStore(db).setConfig({
        orgId: fixture.cast.orgId,
        issuer: 'https://login.example.com',
        clientId: 'undertone',
        clientSecret: 'the-client-secret-value',
        groupsClaim: 'groups',
        scopes: 'openid profile email',
        rules: [{ group: 'support-leads', role: 'supervisor' }],
      });
    } finally {
      db.close();
    }
    fixture.relay.identities.revokeToken(fixture.cast.agentB.tokenId);
    const { json } = await overview(fixture.cast.admin.token);
    const body = OrgOverviewSchema.parse(json);
    expect(body.sso).toMatchObject({ issuer: 'https://login.example.com', clientId: 'undertone', groupsClaim: 'groups', mappings: [{ group: 'support-leads', grants: 'role:supervisor' }] });
    expect(JSON.stringify(json)).not.toContain('the-client-secret-value');
    expect(body.devices.find((d) => d.tokenId === fixture.cast.agentB.tokenId)?.revokedAt).toEqual(expect.any(Number));
  });

  it("gives another organisation's admin only that organisation", async () => {
    const otherAdmin = fixture.relay.identities.addUser({ orgId: fixture.cast.otherOrgId, name: 'Gia Globex', role: 'admin', teamIds: [] });
    const token = fixture.relay.identities.issueToken(otherAdmin.id, 'browser').token;
    const body = OrgOverviewSchema.parse((await overview(token)).json);
    expect(body.org.name).toBe('Globex');
    expect(body.people.map((p) => p.name).sort()).toEqual(['Gia Globex', 'Olga Agent', 'Oscar Supervisor']);
    expect(JSON.stringify(body)).not.toContain('Acme');
    expect(body.sso).toBeNull();
  });

  it('refuses supervisors, agents, missing, unknown and revoked tokens, and web pages', async () => {
    const supervisor = await overview(fixture.cast.supervisorA.token);
    expect(supervisor.status).toBe(403);
    expect(HttpErrorSchema.parse(supervisor.json)).toMatchObject({ error: 'forbidden', message: 'only an admin of the organisation sees its overview' });
    expect((await overview(fixture.cast.agentA.token)).status).toBe(403);
    const missing = await overview(null);
    expect(missing.status).toBe(401);
    expect(HttpErrorSchema.parse(missing.json).error).toBe('not_authenticated');
    expect((await overview('ut1_not-a-token')).status).toBe(401);
    fixture.relay.identities.revokeToken(fixture.cast.admin.tokenId);
    expect(HttpErrorSchema.parse((await overview(fixture.cast.admin.token)).json).message).toContain('unknown or revoked');
    const web = await overview(fixture.cast.supervisorA.token, { origin: 'https://evil.example.com' });
    expect(web.status).toBe(403);
    const extension = await overview(null, { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' });
    expect(extension.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
  });
});
