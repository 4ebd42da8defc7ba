// A real OpenID provider (the certified `oidc-provider` package) on loopback for single sign-on tests: test users
// with groups, a confidential client for the relay, its own login and consent pages, and a signing key the test
// knows, so a test can also mint tokens (wrong audience, expired, ...) with the provider's real key.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import Provider from 'oidc-provider';

export interface TestAccount {
  name: string;
  email: string;
  groups: string[];
}

export interface OidcTestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  /** When set, the ID token in the next token responses is replaced by what this returns. */
  replaceIdToken: ((original: string) => Promise<string> | string) | null;
  /** Signs claims with the provider's own key (`kid` of its JWKS). */
  sign(claims: JWTPayload, options?: { key?: 'provider' | 'foreign' }): Promise<string>;
  close(): Promise<void>;
}

export async function startOidcTestProvider(options: { redirectUris: string[]; accounts: Record<string, TestAccount> }): Promise<OidcTestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const foreign = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'test-signing-key', alg: 'RS256', use: 'sig' };
  const accounts = new Map(Object.entries(options.accounts));
  const clientId = 'undertone-relay';
  const clientSecret = 'relay-client-secret-for-tests-0123456789';

  const provider = new Provider(issuer, {
    clients: [
      { client_id: clientId, client_secret: clientSecret, redirect_uris: options.redirectUris, grant_types: ['authorization_code'], response_types: ['code'] },
      { client_id: 'another-app', client_secret: 'another-secret-0123456789-abcdefghij', redirect_uris: options.redirectUris, grant_types: ['authorization_code'], response_types: ['code'] },
    ],
    jwks: { keys: [jwk] },
    scopes: ['openid', 'profile', 'email', 'groups'],
    claims: { openid: ['sub'], profile: ['name'], email: ['email'], groups: ['groups'] },
    pkce: { required: () => true },
    cookies: { keys: ['test-cookie-key-0123456789'] },
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: () => ({ sub: id, name: account.name, email: account.email, groups: [...account.groups] }) };
    },
  });
  const state: OidcTestProvider = {
    issuer,
    clientId,
    clientSecret,
    accounts,
    replaceIdToken: null,
    async sign(claims, opts = {}) {
      const key = opts.key === 'foreign' ? foreign.privateKey : privateKey;
      return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'test-signing-key', typ: 'JWT' }).sign(key);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  provider.use(async (ctx, next) => {
    await next();
    const body = ctx.body as { id_token?: unknown } | undefined;
    if (ctx.path === '/token' && state.replaceIdToken && body && typeof body.id_token === 'string') {
      ctx.body = { ...body, id_token: await state.replaceIdToken(body.id_token) };
    }
  });
  const handle = provider.callback();
  server.on('request', (req, res) => void handle(req, res));
  return state;
}

/** A browser stand-in for HTTP-only tests: follows redirects by hand and keeps the provider's cookies. */
export class CookieBrowser {
  private readonly cookies = new Map<string, string>();
  /** Every URL this browser requested, in order. */
  readonly visited: string[] = [];

  /** Follows redirects from `url` until one leaves loopback http (the extension's redirect URL) or a page answers. */
  async follow(url: string, init: RequestInit = {}): Promise<{ url: string; status: number; body: string }> {
    let next = url;
    let request = init;
    for (let hop = 0; hop < 20; hop++) {
      if (!next.startsWith('http://127.0.0.1')) return { url: next, status: 0, body: '' };
      const headers = new Headers(request.headers);
      if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
      this.visited.push(next);
      const res = await fetch(next, { ...request, headers, redirect: 'manual' });
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const eq = pair!.indexOf('=');
        const name = pair!.slice(0, eq);
        const value = pair!.slice(eq + 1);
        if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
        else this.cookies.set(name, value);
      }
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        next = new URL(location, next).href;
        request = {};
        await res.arrayBuffer();
        continue;
      }
      return { url: next, status: res.status, body: await res.text() };
    }
    throw new Error(`too many redirects from ${url}`);
  }

  /** Submits the provider's own login form, then its consent form, as a person would. */
  async signInAtProvider(authorizeUrl: string, login: string): Promise<string> {
    let page = await this.follow(authorizeUrl);
    for (let step = 0; step < 4 && page.status === 200; step++) {
      const action = /<form[^>]*action="([^"]+)"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&');
      const prompt = /name="prompt" value="(\w+)"/.exec(page.body)?.[1];
      if (!action || !prompt) throw new Error(`unexpected provider page at ${page.url}: ${page.body.slice(0, 300)}`);
      const form = new URLSearchParams({ prompt, ...(prompt === 'login' ? { login, password: 'any password' } : {}) });
      page = await this.follow(new URL(action, page.url).href, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    }
    if (page.status !== 0) throw new Error(`sign-in at the provider ended on ${page.url} (HTTP ${page.status}): ${page.body.slice(0, 300)}`);
    return page.url;
  }
}
