// Single sign-on through the relay: the extension starts a sign-in, the relay sends the browser to the
// organisation's provider (authorization code with PKCE and a nonce), takes the code back, checks the ID token,
// maps groups to role and teams, and hands the extension a one-time code it redeems (with its own PKCE verifier)
// for a device token. The provider's client secret never leaves the relay.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Logger } from '../log.ts';
import type { IdentityStore, Principal } from '../identity/identity-store.ts';
import { applyGroupRules, readGroups } from './group-mapping.ts';
import { verifyIdToken, IdTokenError } from './id-token.ts';
import { ProviderError, type ProviderMetadata, type ProviderMetadataCache } from './provider-metadata.ts';
import type { SsoConfig, SsoStore } from './sso-store.ts';

/** How long a started sign-in may take at the provider. */
const LOGIN_TTL_MS = 10 * 60_000;
/** How long the extension has to redeem the relay's one-time code. */
const RELAY_CODE_TTL_MS = 2 * 60_000;
const MAX_PENDING = 10_000;

/** Redirect URLs of the browsers' web-auth flows: Chromium's `*.chromiumapp.org`, Firefox's `*.extensions.allizom.org`. */
const EXTENSION_REDIRECT = /^https:\/\/([a-p]{32}\.chromiumapp\.org|[0-9a-f]{40}\.extensions\.allizom\.org)(\/[^?#]*)?$/;

interface PendingLogin {
  orgId: string;
  nonce: string;
  providerVerifier: string;
  extensionChallenge: string;
  redirectUri: string;
  callbackUri: string;
  expiresAt: number;
}

interface IssuedCode {
  userId: string;
  extensionChallenge: string;
  expiresAt: number;
}

export type StartOutcome = { ok: true; authorizeUrl: string } | { ok: false; status: number; code: 'sso_unavailable' | 'invalid_frame'; message: string };
/** Where the callback sends the browser, or a page to show when it cannot (unknown or used sign-in). */
export type CallbackOutcome = { redirect: string } | { page: string; status: number };
export type RedeemOutcome = { ok: true; token: string; tokenId: string; principal: Principal } | { ok: false; message: string };

export interface SsoSignInDeps {
  store: SsoStore;
  identities: IdentityStore;
  metadata: ProviderMetadataCache;
  log: Logger;
  fetchImpl?: typeof fetch;
  now?: () => number;
}

function random(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export class SsoSignIn {
  private readonly pending = new Map<string, PendingLogin>();
  private readonly codes = new Map<string, IssuedCode>();
  private readonly now: () => number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly deps: SsoSignInDeps) {
    this.now = deps.now ?? Date.now;
    this.fetchImpl = deps.fetchImpl ?? fetch;
  }

  providers(): { orgId: string; name: string }[] {
    return this.deps.store.listProviders();
  }

  /** Begins a sign-in: returns the provider's authorization URL for the browser's web-auth window. */
  async start(input: { orgId: string; redirectUri: string; codeChallenge: string; callbackUri: string }): Promise<StartOutcome> {
    if (!EXTENSION_REDIRECT.test(input.redirectUri)) {
      return { ok: false, status: 400, code: 'invalid_frame', message: 'redirectUri must be the extension\'s web-auth redirect URL (identity.getRedirectURL())' };
    }
    const config = this.deps.store.getConfig(input.orgId);
    if (!config) return { ok: false, status: 404, code: 'sso_unavailable', message: 'this organisation does not sign in through an identity provider on this relay' };
    let metadata: ProviderMetadata;
    try {
      metadata = await this.deps.metadata.get(config.issuer);
    } catch (error) {
      this.deps.log.warn({ err: error, orgId: input.orgId }, 'identity provider discovery failed');
      const detail = error instanceof ProviderError ? error.message : 'discovery failed';
      return { ok: false, status: 502, code: 'sso_unavailable', message: `the relay cannot reach your identity provider (${detail})` };
    }
    this.sweep();
    if (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    const state = random(24);
    const login: PendingLogin = {
      orgId: input.orgId,
      nonce: random(24),
      providerVerifier: random(48),
      extensionChallenge: input.codeChallenge,
      redirectUri: input.redirectUri,
      callbackUri: input.callbackUri,
      expiresAt: this.now() + LOGIN_TTL_MS,
    };
    this.pending.set(state, login);
    const url = new URL(metadata.discovery.authorization_endpoint);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', config.clientId);
    url.searchParams.set('redirect_uri', input.callbackUri);
    url.searchParams.set('scope', config.scopes);
    url.searchParams.set('state', state);
    url.searchParams.set('nonce', login.nonce);
    url.searchParams.set('code_challenge', pkceChallenge(login.providerVerifier));
    url.searchParams.set('code_challenge_method', 'S256');
    return { ok: true, authorizeUrl: url.href };
  }

  /** The provider sent the browser back: finish the sign-in and send the browser on to the extension. */
  async callback(params: URLSearchParams): Promise<CallbackOutcome> {
    const state = params.get('state') ?? '';
    const login = this.pending.get(state);
    // Each sign-in is finished once: a second callback with the same state finds nothing.
    this.pending.delete(state);
    if (!login || login.expiresAt <= this.now()) {
      return { status: 400, page: 'This sign-in link has expired or was already used. Start again from the Undertone options page.' };
    }
    const back = (query: Record<string, string>) => {
      const url = new URL(login.redirectUri);
      for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
      return { redirect: url.href };
    };
    const refuse = (message: string) => back({ error: 'access_denied', error_description: message });
    const providerError = params.get('error');
    if (providerError) {
      const description = params.get('error_description');
      return refuse(`your identity provider ended the sign-in: ${providerError}${description ? ` (${description})` : ''}`);
    }
    const code = params.get('code');
    if (!code) return refuse('your identity provider sent no authorization code');
    const config = this.deps.store.getConfig(login.orgId);
    if (!config) return refuse('single sign-on was turned off for this organisation');
    try {
      const userId = await this.finish(config, login, code);
      const relayCode = random(32);
      this.codes.set(hash(relayCode), { userId, extensionChallenge: login.extensionChallenge, expiresAt: this.now() + RELAY_CODE_TTL_MS });
      return back({ code: relayCode });
    } catch (error) {
      if (error instanceof SignInRefused || error instanceof IdTokenError || error instanceof ProviderError) {
        this.deps.log.warn({ orgId: login.orgId, reason: error.message }, 'single sign-on refused');
        return refuse(error.message);
      }
      this.deps.log.error({ err: error, orgId: login.orgId }, 'single sign-on failed');
      return refuse('the relay could not finish the sign-in; try again');
    }
  }

  /** The extension exchanges the one-time code, proving with its PKCE verifier that it started this sign-in. */
  redeem(input: { code: string; codeVerifier: string; deviceName: string }): RedeemOutcome {
    const key = hash(input.code);
    const issued = this.codes.get(key);
    this.codes.delete(key);
    if (!issued || issued.expiresAt <= this.now()) return { ok: false, message: 'this sign-in has expired or was already used; sign in again' };
    const expected = Buffer.from(issued.extensionChallenge);
    const actual = Buffer.from(pkceChallenge(input.codeVerifier));
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
      return { ok: false, message: 'the code verifier does not belong to this sign-in' };
    }
    const token = this.deps.identities.issueToken(issued.userId, input.deviceName);
    const principal = this.deps.identities.principalFor(issued.userId, token.tokenId);
    if (!principal) return { ok: false, message: 'this account no longer exists on the relay' };
    return { ok: true, token: token.token, tokenId: token.tokenId, principal };
  }

  private async finish(config: SsoConfig, login: PendingLogin, code: string): Promise<string> {
    const metadata = await this.deps.metadata.get(config.issuer);
    const tokens = await this.exchange(config, metadata, login, code);
    const claims = await verifyIdToken(tokens.idToken, { issuer: config.issuer, clientId: config.clientId, nonce: login.nonce, keys: metadata.keys, now: new Date(this.now()) });
    // Providers that keep ID tokens small send groups and profile claims only from the userinfo endpoint.
    let profile: Record<string, unknown> = claims;
    if (readGroups(claims, config.groupsClaim) === undefined && tokens.accessToken && metadata.discovery.userinfo_endpoint) {
      profile = { ...(await this.userinfo(metadata.discovery.userinfo_endpoint, tokens.accessToken, claims.sub)), ...claims };
    }
    const groups = readGroups(profile, config.groupsClaim);
    const existing = this.deps.store.userForAccount(config.orgId, config.issuer, claims.sub);
    const mapped = applyGroupRules(config.rules, groups ?? []);
    if (!mapped.ok) {
      if (existing) {
        const revoked = this.deps.store.revokeUserTokens(existing, this.now());
        this.deps.log.info({ userId: existing, revoked: revoked.length }, 'signed-in user left every mapped group; tokens revoked');
      }
      const missing = groups === undefined ? ` (the provider sent no "${config.groupsClaim}" claim)` : '';
      throw new SignInRefused(`${mapped.reason}${missing}`);
    }
    const name = firstText(profile.name, profile.preferred_username, profile.email) ?? claims.sub;
    const { userId, created } = this.deps.store.upsertAccountUser(
      { orgId: config.orgId, issuer: config.issuer, subject: claims.sub, name: name.slice(0, 200), role: mapped.role, teams: mapped.teams },
      this.now(),
    );
    this.deps.log.info({ userId, orgId: config.orgId, role: mapped.role, teams: mapped.teams, created }, 'signed in through the identity provider');
    return userId;
  }

  private async exchange(config: SsoConfig, metadata: ProviderMetadata, login: PendingLogin, code: string): Promise<{ idToken: string; accessToken?: string }> {
    const body = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: login.callbackUri, code_verifier: login.providerVerifier });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    const methods = metadata.discovery.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
    if (!methods.includes('client_secret_basic') && methods.includes('client_secret_post')) {
      body.set('client_id', config.clientId);
      body.set('client_secret', config.clientSecret);
    } else {
      const pair = `${encodeURIComponent(config.clientId)}:${encodeURIComponent(config.clientSecret)}`;
      headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
    }
    let response: Response;
    try {
      response = await this.fetchImpl(metadata.discovery.token_endpoint, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
    } catch (error) {
      throw new ProviderError(`cannot reach the provider's token endpoint: ${(error as Error).message}`);
    }
    const answer = (await response.json().catch(() => ({}))) as { id_token?: unknown; access_token?: unknown; error?: unknown; error_description?: unknown };
    if (!response.ok) {
      const why = typeof answer.error === 'string' ? `${answer.error}${typeof answer.error_description === 'string' ? `: ${answer.error_description}` : ''}` : `HTTP ${response.status}`;
      throw new ProviderError(`the provider refused the authorization code (${why}); check the client id and secret`);
    }
    if (typeof answer.id_token !== 'string') throw new ProviderError('the provider answered without an ID token; is the "openid" scope allowed for this client?');
    return { idToken: answer.id_token, ...(typeof answer.access_token === 'string' ? { accessToken: answer.access_token } : {}) };
  }

  private async userinfo(endpoint: string, accessToken: string, subject: string): Promise<Record<string, unknown>> {
    const response = await this.fetchImpl(endpoint, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' }, signal: AbortSignal.timeout(10_000) }).catch(() => null);
    if (!response?.ok) return {};
    const claims = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    // Userinfo about someone else is ignored (OpenID Connect Core 5.3.2).
    return claims.sub === subject ? claims : {};
  }

  private sweep(): void {
    const now = this.now();
    for (const [k, v] of this.pending) if (v.expiresAt <= now) this.pending.delete(k);
    for (const [k, v] of this.codes) if (v.expiresAt <= now) this.codes.delete(k);
  }
}

class SignInRefused extends Error {}

function hash(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

function firstText(...values: unknown[]): string | undefined {
  return values.find((v): v is string => typeof v === 'string' && v.trim() !== '')?.trim();
}
