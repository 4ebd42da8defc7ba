// Single sign-on against a real OpenID provider on loopback: the admin command, sign-in through the provider's own
// pages with groups mapped to role and teams, every refused ID token (audience, issuer, expiry, replayed nonce,
// forged signature) with its reason, one-time codes, and group removal revoking the person's tokens.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnrollResponseSchema, HttpErrorSchema, SsoProvidersSchema, SsoStartResponseSchema } from '../../../lib/protocol/index.ts';
import { RelayTestClient } from '../../support/relay-client.ts';
import { startRelayFixture, type RelayFixture } from '../../support/relay-fixture.ts';
import { CookieBrowser, startOidcTestProvider, type OidcTestProvider } from '../../support/oidc-test-provider.ts';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../../bin/undertone-relay.mjs', import.meta.url));
const EXTENSION_REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

let fixture: RelayFixture;
let idp: OidcTestProvider;
let secretFile: string;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args, '--data', fixture.dataDir]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function post(path: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${fixture.httpUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

/** Starts a sign-in at the relay, signs in at the provider's pages as `login`, and returns where the relay sent the browser. */
async function signInAtProvider(login: string, orgId = fixture.cast.orgId): Promise<{ back: URL; verifier: string }> {
  const { verifier, challenge } = pkce();
  const started = await post('/v1/sso/start', { orgId, redirectUri: EXTENSION_REDIRECT, codeChallenge: challenge });
  expect(started.status).toBe(200);
  const { authorizeUrl } = SsoStartResponseSchema.parse(started.json);
  const back = new URL(await new CookieBrowser().signInAtProvider(authorizeUrl, login));
  expect(back.origin + back.pathname).toBe(EXTENSION_REDIRECT);
  return { back, verifier };
}

async function redeem(code: string, verifier: string) {
  return post('/v1/sso/redeem', { code, codeVerifier: verifier, deviceName: 'Chrome' });
}

/** Signs in fully and returns the relay's enrollment answer. */
async function signIn(login: string) {
  const { back, verifier } = await signInAtProvider(login);
  expect(back.searchParams.get('error_description')).toBeNull();
  const redeemed = await redeem(back.searchParams.get('code')!, verifier);
  expect(redeemed.status).toBe(200);
  return EnrollResponseSchema.parse(redeemed.json);
}

/** Signs in while the provider's token response carries `idToken` instead of the real one; returns the refusal. */
async function refusedWith(idToken: (original: string) => Promise<string> | string): Promise<string> {
  idp.replaceIdToken = idToken;
  try {
    const { back } = await signInAtProvider('alice');
    expect(back.searchParams.get('code')).toBeNull();
    expect(back.searchParams.get('error')).toBe('access_denied');
    return back.searchParams.get('error_description') ?? '';
  } finally {
    idp.replaceIdToken = null;
  }
}

function claimsOf(idToken: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

beforeAll(async () => {
  fixture = await startRelayFixture();
  idp = await startOidcTestProvider({
    redirectUris: [`${fixture.httpUrl}/v1/sso/callback`],
    accounts: {
      alice: { name: 'Alice Example', email: 'alice@example.com', groups: ['support-billing', 'everyone'] },
      sam: { name: 'Sam Lead', email: 'sam@example.com', groups: ['support-billing', 'support-escalations', 'support-leads'] },
      ada: { name: 'Ada Admin', email: 'ada@example.com', groups: ['support-admins'] },
      lee: { name: 'Lee Lead', email: 'lee@example.com', groups: ['support-leads'] },
      mo: { name: 'Mo Marketing', email: 'mo@example.com', groups: ['marketing'] },
    },
  });
  secretFile = join(fixture.dataDir, 'client-secret');
  writeFileSync(secretFile, `${idp.clientSecret}\n`, { mode: 0o600 });
}, 60_000);

afterAll(async () => {
  await idp?.close();
  await fixture?.close();
});

describe('sso set', () => {
  it('refuses wrong settings in words', async () => {
    const org = fixture.cast.orgId;
    const base = ['sso', 'set', '--org', org, '--issuer', idp.issuer, '--client-id', idp.clientId, '--client-secret-file', secretFile];
    const badMap = await cli(...base, '--map', 'support-billing=group:Billing');
    expect(badMap.code).toBe(1);
    expect(badMap.stderr).toContain('must grant team:NAME or role:ROLE');
    const badRole = await cli(...base, '--map', 'x=role:boss');
    expect(badRole.stderr).toContain('the role must be agent, supervisor or admin');
    const noMap = await cli(...base);
    expect(noMap.stderr).toContain('give at least one --map');
    const noFile = await cli(...base.slice(0, -1), join(fixture.dataDir, 'missing'), '--map', 'a=team:A');
    expect(noFile.stderr).toContain('ENOENT');
    const wrongIssuer = await cli('sso', 'set', '--org', org, '--issuer', `${idp.issuer}/`, '--client-id', 'x', '--client-secret-file', secretFile, '--map', 'a=team:A');
    expect(wrongIssuer.stderr).toContain(`calls itself "${idp.issuer}"`);
    const unknownOrg = await cli('sso', 'set', '--org', 'org_missing', '--issuer', idp.issuer, '--client-id', 'x', '--client-secret-file', secretFile, '--map', 'a=team:A');
    expect(unknownOrg.stderr).toContain('organisation org_missing not found');
    expect((await cli('sso', 'show', '--org', org, '--json')).stdout.trim()).toBe('null');
  });

  it('stores the provider and group rules, creates missing teams and names the redirect URI', async () => {
    const set = await cli(
      'sso', 'set', '--org', fixture.cast.orgId, '--issuer', idp.issuer, '--client-id', idp.clientId, '--client-secret-file', secretFile,
      '--groups-claim', 'groups', '--scopes', 'openid profile email groups', '--public-url', fixture.httpUrl,
      '--map', 'support-billing=team:Billing', '--map', 'support-escalations=team:Escalations',
      '--map', 'support-leads=role:supervisor', '--map', 'support-admins=role:admin', '--json',
    );
    expect(set.stderr).toBe('');
    const json = JSON.parse(set.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ createdTeams: ['Escalations'], redirectUri: `${fixture.httpUrl}/v1/sso/callback`, checked: true });
    const shown = await cli('sso', 'show', '--org', fixture.cast.orgId);
    expect(shown.stdout).toContain('support-leads -> role:supervisor');
    expect(shown.stdout).not.toContain(idp.clientSecret);
    const providers = SsoProvidersSchema.parse(await (await fetch(`${fixture.httpUrl}/v1/sso`)).json());
    expect(providers.providers).toEqual([{ orgId: fixture.cast.orgId, name: 'Acme Support' }]);
  });
});

describe('sign-in through the provider', () => {
  it('creates the user at first sign-in with the team and role of their groups, and the token works', async () => {
    const alice = await signIn('alice');
    expect(alice.user).toMatchObject({ name: 'Alice Example', role: 'agent', orgId: fixture.cast.orgId, orgName: 'Acme Support' });
    expect(alice.user.teams.map((t) => t.name)).toEqual(['Billing']);
    const socket = await RelayTestClient.connect(fixture.url, alice.token);
    await socket.close();

    const sam = await signIn('sam');
    expect(sam.user.role).toBe('supervisor');
    expect(sam.user.teams.map((t) => t.name)).toEqual(['Billing', 'Escalations']);
    const ada = await signIn('ada');
    expect(ada.user).toMatchObject({ role: 'admin', teams: [] });

    // The same person signing in again is the same user.
    const again = await signIn('alice');
    expect(again.user.id).toBe(alice.user.id);
    expect(again.tokenId).not.toBe(alice.tokenId);
  });

  it('refuses people in no mapped group, and a supervisor role with no team', async () => {
    const mo = await signInAtProvider('mo');
    expect(mo.back.searchParams.get('code')).toBeNull();
    expect(mo.back.searchParams.get('error_description')).toContain('in none of the groups your administrator gave access');
    const lee = await signInAtProvider('lee');
    expect(lee.back.searchParams.get('error_description')).toContain('make you a supervisor but give you no team');
  });

  it('hands out each one-time code once, and only to the verifier that started the sign-in', async () => {
    const stolen = await signInAtProvider('alice');
    const wrong = await redeem(stolen.back.searchParams.get('code')!, pkce().verifier);
    expect(wrong.status).toBe(401);
    expect(HttpErrorSchema.parse(wrong.json)).toMatchObject({ error: 'sso_refused', message: 'the code verifier does not belong to this sign-in' });
    // A failed attempt used the code up: the right verifier cannot use it afterwards either.
    const late = await redeem(stolen.back.searchParams.get('code')!, stolen.verifier);
    expect(HttpErrorSchema.parse(late.json).message).toContain('expired or was already used');

    const { back, verifier } = await signInAtProvider('alice');
    expect((await redeem(back.searchParams.get('code')!, verifier)).status).toBe(200);
    const twice = await redeem(back.searchParams.get('code')!, verifier);
    expect(twice.status).toBe(401);
    expect(HttpErrorSchema.parse(twice.json).message).toContain('expired or was already used');
  });

  it('refuses a second callback with the same state', async () => {
    const { challenge } = pkce();
    const started = SsoStartResponseSchema.parse((await post('/v1/sso/start', { orgId: fixture.cast.orgId, redirectUri: EXTENSION_REDIRECT, codeChallenge: challenge })).json);
    const browser = new CookieBrowser();
    const back = new URL(await browser.signInAtProvider(started.authorizeUrl, 'alice'));
    expect(back.searchParams.get('code')).not.toBeNull();
    const callback = browser.visited.find((u) => u.startsWith(`${fixture.httpUrl}/v1/sso/callback?`))!;
    expect(callback).toContain('state=');
    const replay = await fetch(callback, { redirect: 'manual' });
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('expired or was already used');
  });

  it('explains wrong start requests', async () => {
    const evil = await post('/v1/sso/start', { orgId: fixture.cast.orgId, redirectUri: 'https://evil.example.com/', codeChallenge: pkce().challenge });
    expect(evil.status).toBe(400);
    expect(HttpErrorSchema.parse(evil.json).message).toContain("extension's web-auth redirect URL");
    const otherOrg = await post('/v1/sso/start', { orgId: fixture.cast.otherOrgId, redirectUri: EXTENSION_REDIRECT, codeChallenge: pkce().challenge });
    expect(otherOrg.status).toBe(404);
    expect(HttpErrorSchema.parse(otherOrg.json).error).toBe('sso_unavailable');
    const fromWebPage = await fetch(`${fixture.httpUrl}/v1/sso/start`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example.com' },
      body: JSON.stringify({ orgId: fixture.cast.orgId, redirectUri: EXTENSION_REDIRECT, codeChallenge: pkce().challenge }),
    });
    expect(fromWebPage.status).toBe(403);
    const fromExtension = await fetch(`${fixture.httpUrl}/v1/sso`, { headers: { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' } });
    expect(fromExtension.headers.get('access-control-allow-origin')).toBe('chrome-extension://abcdefghijklmnopabcdefghijklmnop');
    const malformed = await post('/v1/sso/start', { orgId: fixture.cast.orgId, redirectUri: EXTENSION_REDIRECT, codeChallenge: 'short' });
    expect(HttpErrorSchema.parse(malformed.json).message).toContain('codeChallenge');
  });
});

describe('refused ID tokens', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const valid = (original: string) => ({ ...claimsOf(original) });

  it('wrong audience', async () => {
    const reason = await refusedWith((t) => idp.sign({ ...valid(t), aud: 'another-app' }));
    expect(reason).toContain('meant for "another-app", not for this relay\'s client id "undertone-relay"');
  });

  it('wrong issuer', async () => {
    const reason = await refusedWith((t) => idp.sign({ ...valid(t), iss: 'https://login.evil.example' }));
    expect(reason).toContain('issued by "https://login.evil.example", not by the configured issuer');
  });

  it('expired', async () => {
    const reason = await refusedWith((t) => idp.sign({ ...valid(t), iat: now() - 7200, exp: now() - 3600 }));
    expect(reason).toMatch(/the ID token expired at \d{4}-/);
  });

  it('replayed from an earlier sign-in (nonce)', async () => {
    let earlier = '';
    idp.replaceIdToken = (t) => (earlier = t);
    await signInAtProvider('alice');
    idp.replaceIdToken = null;
    expect(earlier).not.toBe('');
    const reason = await refusedWith(() => earlier);
    expect(reason).toContain('does not carry the nonce of this sign-in');
  });

  it('forged signature', async () => {
    const reason = await refusedWith((t) => idp.sign(valid(t), { key: 'foreign' }));
    expect(reason).toContain('signature does not match the provider\'s published key');
    const altered = await refusedWith((t) => {
      const [h, , s] = t.split('.');
      const payload = Buffer.from(JSON.stringify({ ...claimsOf(t), sub: 'sam' })).toString('base64url');
      return `${h}.${payload}.${s}`;
    });
    expect(altered).toContain('signature does not match');
  });
});

describe('leaving the mapped groups', () => {
  it('refuses the next sign-in and revokes every token of that person, closing their sockets', async () => {
    idp.accounts.set('rae', { name: 'Rae Leaving', email: 'rae@example.com', groups: ['support-billing'] });
    const first = await signIn('rae');
    const second = await signIn('rae');
    const live = await RelayTestClient.connect(fixture.url, first.token);
    idp.accounts.get('rae')!.groups = ['marketing'];
    const refused = await signInAtProvider('rae');
    expect(refused.back.searchParams.get('error_description')).toContain('in none of the groups');
    expect(await live.waitClosed(5_000)).toBe(4004);
    const tokens = JSON.parse((await cli('token', 'list', '--user', first.user.id, '--json')).stdout) as { id: string; revokedAt: number | null }[];
    expect(tokens.map((t) => t.id).sort()).toEqual([first.tokenId, second.tokenId].sort());
    expect(tokens.every((t) => t.revokedAt !== null)).toBe(true);

    // Back in a mapped group: signs in again as the same user, with the team of the new group.
    idp.accounts.get('rae')!.groups = ['support-escalations'];
    const back = await signIn('rae');
    expect(back.user.id).toBe(first.user.id);
    expect(back.user.teams.map((t) => t.name)).toEqual(['Escalations']);
  });
});
