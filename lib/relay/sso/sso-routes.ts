// HTTP routes of single sign-on on the relay's port: which organisations sign in through a provider, start a
// sign-in, the provider's callback, and redeeming the one-time code for a device token (rate-limited per address).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import {
  SSO_CALLBACK_PATH,
  SSO_PROVIDERS_PATH,
  SSO_REDEEM_PATH,
  SSO_START_PATH,
  SsoRedeemRequestSchema,
  SsoStartRequestSchema,
  describeIssues,
  type EnrollResponse,
  type ErrorCode,
  type SsoProviders,
} from '../../protocol/index.ts';
import type { Logger } from '../log.ts';
import { signedInUserOf } from '../identity/signed-in-user.ts';
import { answerCrossOrigin } from '../extension-cors.ts';
import { TokenBucket } from '../rate-limit.ts';
import { readJsonBody } from './request-body.ts';
import type { SsoSignIn } from './sso-sign-in.ts';

export interface SsoRouteOptions {
  signIn: SsoSignIn;
  log: Logger;
  /** The relay's public address (https://relay.example.com); else taken from the request (and the proxy's headers when trusted). */
  publicUrl?: string;
  trustProxy: boolean;
  /** Web origins allowed besides the extension's own (config `allowedOrigins`); other web pages are refused. */
  allowedOrigins: readonly string[];
  clientAddress: (req: IncomingMessage) => string;
}

const MAX_BODY_BYTES = 4096;

/** Returns a handler that answers the single sign-on paths and returns false for any other. */
export function createSsoRoutes(options: SsoRouteOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const buckets = new Map<string, TokenBucket>();
  const limited = (req: IncomingMessage, res: ServerResponse): boolean => {
    const address = options.clientAddress(req);
    let bucket = buckets.get(address);
    if (!bucket) {
      if (buckets.size > 10_000) buckets.clear();
      // Generous: a whole office behind one address signs in at the start of a shift; pending sign-ins are capped anyway.
      buckets.set(address, (bucket = new TokenBucket(10, 100)));
    }
    const wait = bucket.take();
    if (wait === 0) return false;
    res.setHeader('Retry-After', String(Math.ceil(wait / 1000)));
    error(res, 429, 'rate_limited', 'too many sign-in attempts; wait a minute and try again');
    return true;
  };

  const crossOrigin = (req: IncomingMessage, res: ServerResponse, method: 'GET' | 'POST'): boolean =>
    answerCrossOrigin(req, res, { allowedOrigins: options.allowedOrigins, methods: method, headers: 'content-type' });

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://relay');
    const path = url.pathname;
    if (path === SSO_PROVIDERS_PATH) {
      if (crossOrigin(req, res, 'GET')) return true;
      if (req.method !== 'GET') return methodNotAllowed(res, 'GET', path);
      const body: SsoProviders = { providers: options.signIn.providers() };
      json(res, 200, body);
      return true;
    }
    if (path === SSO_START_PATH) {
      if (crossOrigin(req, res, 'POST')) return true;
      if (req.method !== 'POST') return methodNotAllowed(res, 'POST', path);
      if (limited(req, res)) return true;
      void handle(res, options.log, async () => {
        const parsed = await readRequest(req, res, SsoStartRequestSchema);
        if (!parsed) return;
        const started = await options.signIn.start({ ...parsed.data, callbackUri: `${publicBase(req, options)}${SSO_CALLBACK_PATH}` });
        if (!started.ok) return error(res, started.status, started.code, started.message);
        json(res, 200, { authorizeUrl: started.authorizeUrl });
      });
      return true;
    }
    if (path === SSO_CALLBACK_PATH) {
      if (req.method !== 'GET') return methodNotAllowed(res, 'GET', path);
      void handle(res, options.log, async () => {
        const outcome = await options.signIn.callback(url.searchParams);
        if ('redirect' in outcome) {
          res.writeHead(302, { Location: outcome.redirect, 'Cache-Control': 'no-store' });
          res.end();
          return;
        }
        res.writeHead(outcome.status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(outcome.page);
      });
      return true;
    }
    if (path === SSO_REDEEM_PATH) {
      if (crossOrigin(req, res, 'POST')) return true;
      if (req.method !== 'POST') return methodNotAllowed(res, 'POST', path);
      if (limited(req, res)) return true;
      void handle(res, options.log, async () => {
        const parsed = await readRequest(req, res, SsoRedeemRequestSchema);
        if (!parsed) return;
        const result = options.signIn.redeem({ code: parsed.data.code, codeVerifier: parsed.data.codeVerifier, deviceName: parsed.data.deviceName ?? 'browser' });
        if (!result.ok) return error(res, 401, 'sso_refused', result.message);
        const p = result.principal;
        const response: EnrollResponse = {
          token: result.token,
          tokenId: result.tokenId,
          user: signedInUserOf(p),
        };
        options.log.info({ userId: p.userId, tokenId: result.tokenId }, 'device signed in through single sign-on');
        json(res, 200, response);
      });
      return true;
    }
    return false;
  };
}

/** The address browsers use for this relay, without a trailing slash. */
function publicBase(req: IncomingMessage, options: SsoRouteOptions): string {
  if (options.publicUrl) return options.publicUrl.replace(/\/+$/, '');
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.split(',')[0]?.trim();
  const proto = options.trustProxy && first(req.headers['x-forwarded-proto']) === 'https' ? 'https' : 'http';
  const host = (options.trustProxy ? first(req.headers['x-forwarded-host']) : undefined) || req.headers.host || 'localhost';
  return `${proto}://${host}`;
}

async function handle(res: ServerResponse, log: Logger, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    log.error({ err }, 'single sign-on request failed');
    if (!res.headersSent) error(res, 500, 'internal', 'the sign-in failed on the relay; try again');
  }
}

function methodNotAllowed(res: ServerResponse, method: string, path: string): true {
  error(res, 405, 'invalid_frame', `use ${method} ${path}`);
  return true;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function error(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  json(res, status, { error: code, message });
}

/** The request's JSON body checked against `schema`; on failure the error is answered and null returned. */
async function readRequest<T>(req: IncomingMessage, res: ServerResponse, schema: z.ZodType<T>): Promise<{ data: T } | null> {
  const read = await readJsonBody(req, MAX_BODY_BYTES);
  if (!read.ok) {
    error(res, read.status, read.status === 413 ? 'invalid_frame' : 'bad_json', read.message);
    return null;
  }
  const parsed = schema.safeParse(read.body);
  if (!parsed.success) {
    error(res, 400, 'invalid_frame', describeIssues(parsed.error));
    return null;
  }
  return { data: parsed.data };
}
