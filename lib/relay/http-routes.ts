// The relay's HTTP side: on the WebSocket port health, device enrollment (the one route with CORS) and, with a
// bearer token, metrics; on the metrics port (loopback by default) metrics and health.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ENROLL_PATH, EnrollRequestSchema, describeIssues, type EnrollResponse, type ErrorCode } from '../protocol/index.ts';
import type { Directory } from './identity/directory.ts';
import { signedInUserOf } from './identity/signed-in-user.ts';
import type { Logger } from './log.ts';
import type { RelayMetrics } from './metrics.ts';
import { clientAddress } from './client-address.ts';
import type { Admission } from './connection-guard.ts';
import type { EnrollLimiter } from './enroll-limiter.ts';
import { judgeOrigin, originAllowed } from './origin-policy.ts';

/** A route handler added beside the relay's own; returns true when it answered the request. */
export type HttpRouteHook = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface HttpContext {
  identities: Directory;
  metrics: RelayMetrics;
  log: Logger;
  version: string;
  health: () => { connections: number; draining: boolean };
  /** Use the proxy-appended X-Forwarded-For address for per-client limits (config `trustProxy`). */
  trustProxy?: boolean;
  /** Web origins allowed to enroll besides the extension's own (config `allowedOrigins`). */
  allowedOrigins?: readonly string[];
  /** Serve /metrics on this port to requests with `Authorization: Bearer <token>`; otherwise not at all. */
  metricsToken?: string | undefined;
  /** Enrollment attempts per client address; shared by all relays in Redis mode. */
  enrollLimiter: EnrollLimiter;
  /** Refuses requests of a client address over its connection cap (lib/relay/connection-guard.ts). */
  admit?: (req: IncomingMessage) => Admission;
  /** Routes wired in by the command line (self-hosted extension updates); asked first. */
  extensions?: HttpRouteHook | undefined;
  /** Single sign-on and the admin's overview (lib/relay/sso, lib/relay/admin); asked in order after the relay's own. */
  routes?: readonly HttpRouteHook[];
}

const MAX_BODY_BYTES = 4096;
const ENROLL_MESSAGES: Record<'code_invalid' | 'code_expired' | 'code_used', string> = {
  code_invalid: 'this enrollment code is not valid; check it or ask your admin for a new one',
  code_expired: 'this enrollment code has expired; ask your admin for a new one',
  code_used: 'this enrollment code was already used; ask your admin for a new one',
};

export function createHttpHandler(ctx: HttpContext): (req: IncomingMessage, res: ServerResponse) => void {
  const metricsAuth = ctx.metricsToken ? bearerCheck(ctx.metricsToken) : null;

  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const admission = ctx.admit?.(req);
    if (admission && !admission.ok) {
      res.setHeader('Connection', 'close');
      return error(res, 429, 'rate_limited', admission.message);
    }
    if (req.method === 'GET' && path === '/healthz') return health(res, ctx);
    if (path === '/metrics') {
      if (!metricsAuth) return error(res, 404, 'not_found', 'metrics are served on the metrics port (--metrics-port), not here');
      if (!metricsAuth(req.headers.authorization)) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        return error(res, 401, 'auth_failed', 'metrics need Authorization: Bearer <metrics token>');
      }
      return metrics(res, ctx);
    }
    if (path === ENROLL_PATH) return enrollRoute(req, res, ctx);
    if (ctx.extensions?.(req, res)) return;
    for (const route of ctx.routes ?? []) if (route(req, res)) return;
    error(res, 404, 'not_found', `no route ${req.method} ${path}`);
  };
}

/** The metrics listener (config `metricsPort`, loopback by default): /metrics and /healthz, nothing else. */
export function createMetricsHandler(ctx: Pick<HttpContext, 'metrics' | 'log' | 'version' | 'health'>): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/metrics') return metrics(res, ctx);
    if (req.method === 'GET' && path === '/healthz') return health(res, ctx);
    error(res, 404, 'not_found', `no route ${req.method} ${path}`);
  };
}

function health(res: ServerResponse, ctx: Pick<HttpContext, 'version' | 'health'>): void {
  const state = ctx.health();
  json(res, state.draining ? 503 : 200, { status: state.draining ? 'draining' : 'ok', version: ctx.version, connections: state.connections });
}

function metrics(res: ServerResponse, ctx: Pick<HttpContext, 'metrics' | 'log'>): void {
  ctx.metrics.registry.metrics().then(
    (text) => {
      res.writeHead(200, { 'Content-Type': ctx.metrics.registry.contentType, 'Cache-Control': 'no-store' });
      res.end(text);
    },
    (err: unknown) => {
      ctx.log.error({ err }, 'metrics failed');
      json(res, 500, { error: 'internal', message: 'metrics unavailable' });
    },
  );
}

/** Compares bearer tokens in constant time (hashes of equal length), so timing tells nothing of the token. */
function bearerCheck(token: string): (header: string | undefined) => boolean {
  const expected = createHash('sha256').update(token).digest();
  return (header) => {
    const match = /^Bearer (.+)$/i.exec(header ?? '');
    if (!match) return false;
    return timingSafeEqual(createHash('sha256').update(match[1]!).digest(), expected);
  };
}

/**
 * POST /v1/enroll, the only route with CORS: the extension's options page (and admin-listed web origins) may
 * call it from the browser; a web page's Origin is refused. JSON only, so a cross-site form cannot post it.
 */
function enrollRoute(req: IncomingMessage, res: ServerResponse, ctx: HttpContext): void {
  const verdict = judgeOrigin(req.headers.origin, ctx.allowedOrigins ?? []);
  if (!originAllowed(verdict)) {
    ctx.metrics.reject('origin_refused');
    return error(res, 403, 'forbidden', 'this origin may not enroll devices; enroll from the Undertone extension');
  }
  if (verdict !== 'absent') {
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin as string);
    res.setHeader('Vary', 'Origin');
  }
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': 'content-type', 'Access-Control-Max-Age': '600' });
    res.end();
    return;
  }
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST, OPTIONS');
    return error(res, 405, 'invalid_frame', `use POST ${ENROLL_PATH}`);
  }
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    return error(res, 415, 'invalid_frame', 'send the enrollment request as Content-Type: application/json');
  }
  const address = clientAddress(req, ctx.trustProxy ?? false);
  Promise.resolve(ctx.enrollLimiter.take(address)).then(
    (wait) => {
      if (wait > 0) {
        ctx.metrics.reject('rate_limited');
        res.setHeader('Retry-After', String(Math.ceil(wait / 1000)));
        return error(res, 429, 'rate_limited', 'too many enrollment attempts; wait a minute and try again');
      }
      enroll(req, res, ctx);
    },
    (err: unknown) => {
      ctx.log.error({ err }, 'enrollment limiter failed');
      req.resume();
      error(res, 503, 'internal', 'enrollment is unavailable for a moment; try again');
    },
  );
}

function enroll(req: IncomingMessage, res: ServerResponse, ctx: HttpContext): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let aborted = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES && !aborted) {
      aborted = true;
      ctx.metrics.reject('too_large');
      error(res, 413, 'invalid_frame', `the request body must be at most ${MAX_BODY_BYTES} bytes`);
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (aborted) return;
    redeem(Buffer.concat(chunks), res, ctx).catch((err: unknown) => {
      ctx.log.error({ err }, 'enrollment failed');
      error(res, 500, 'internal', 'enrollment failed; try again');
    });
  });
}

async function redeem(raw: Buffer, res: ServerResponse, ctx: HttpContext): Promise<void> {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    return error(res, 400, 'bad_json', 'the request body must be JSON: {"code": "...", "deviceName": "..."}');
  }
  const parsed = EnrollRequestSchema.safeParse(body);
  if (!parsed.success) return error(res, 400, 'invalid_frame', describeIssues(parsed.error));
  const result = await ctx.identities.redeemEnrollmentCode(parsed.data.code, parsed.data.deviceName ?? 'browser');
  if (!result.ok) {
    ctx.metrics.reject(result.reason);
    return error(res, result.reason === 'code_invalid' ? 401 : 410, result.reason, ENROLL_MESSAGES[result.reason]);
  }
  const p = result.principal;
  const response: EnrollResponse = {
    token: result.token,
    tokenId: result.tokenId,
    user: signedInUserOf(p),
  };
  ctx.log.info({ userId: p.userId, tokenId: result.tokenId }, 'device enrolled');
  json(res, 200, response);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function error(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  json(res, status, { error: code, message });
}
