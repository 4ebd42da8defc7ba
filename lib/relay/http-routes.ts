// The relay's HTTP side on the WebSocket port: health, Prometheus metrics and device enrollment.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ENROLL_PATH, EnrollRequestSchema, describeIssues, type EnrollResponse, type ErrorCode } from '../protocol/index.ts';
import type { Directory } from './identity/directory.ts';
import type { Logger } from './log.ts';
import type { RelayMetrics } from './metrics.ts';
import { TokenBucket } from './rate-limit.ts';

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
  /** Routes wired in by the command line (self-hosted extension updates); asked first. */
  extensions?: HttpRouteHook | undefined;
}

const MAX_BODY_BYTES = 4096;
const ENROLL_MESSAGES: Record<'code_invalid' | 'code_expired' | 'code_used', string> = {
  code_invalid: 'this enrollment code is not valid; check it or ask your admin for a new one',
  code_expired: 'this enrollment code has expired; ask your admin for a new one',
  code_used: 'this enrollment code was already used; ask your admin for a new one',
};

export function createHttpHandler(ctx: HttpContext): (req: IncomingMessage, res: ServerResponse) => void {
  // Enrollment attempts per client address, so codes cannot be guessed by brute force.
  const enrollBuckets = new Map<string, TokenBucket>();

  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': 'content-type', 'Access-Control-Max-Age': '600' });
      res.end();
      return;
    }
    if (req.method === 'GET' && path === '/healthz') {
      const health = ctx.health();
      const status = health.draining ? 503 : 200;
      return json(res, status, { status: health.draining ? 'draining' : 'ok', version: ctx.version, connections: health.connections });
    }
    if (req.method === 'GET' && path === '/metrics') {
      ctx.metrics.registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'Content-Type': ctx.metrics.registry.contentType });
          res.end(text);
        },
        (err: unknown) => {
          ctx.log.error({ err }, 'metrics failed');
          json(res, 500, { error: 'internal', message: 'metrics unavailable' });
        },
      );
      return;
    }
    if (path === ENROLL_PATH) {
      if (req.method !== 'POST') return error(res, 405, 'invalid_frame', `use POST ${ENROLL_PATH}`);
      const address = clientAddress(req, ctx.trustProxy ?? false);
      let bucket = enrollBuckets.get(address);
      if (!bucket) {
        if (enrollBuckets.size > 10_000) enrollBuckets.clear();
        enrollBuckets.set(address, (bucket = new TokenBucket(0.5, 10)));
      }
      const wait = bucket.take();
      if (wait > 0) {
        ctx.metrics.reject('rate_limited');
        res.setHeader('Retry-After', String(Math.ceil(wait / 1000)));
        return error(res, 429, 'rate_limited', 'too many enrollment attempts; wait a minute and try again');
      }
      return enroll(req, res, ctx);
    }
    if (ctx.extensions?.(req, res)) return;
    error(res, 404, 'not_found', `no route ${req.method} ${path}`);
  };
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
    user: { id: p.userId, name: p.name, role: p.role, orgId: p.orgId, orgName: p.orgName, teams: p.teams },
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

/** The client's address: the connecting peer, or behind a trusted proxy the address that proxy appended. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  if (trustProxy && forwarded) {
    const list = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded).split(',');
    const last = list[list.length - 1]?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}
