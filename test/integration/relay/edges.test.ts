// The relay's edges over real sockets: the Origin check on upgrades, CORS on enrollment only, the per-address
// connection cap (direct and behind a trusted proxy), half-open handshakes cut, metrics off the public port,
// forwarded headers ignored unless the proxy is trusted.
import { connect as tcpConnect } from 'node:net';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import type { RelayConfigInput } from '../../../lib/relay/config.ts';
import { RelayTestClient } from '../../support/relay-client.ts';
import { startRelayFixture, type RelayFixture } from '../../support/relay-fixture.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
async function fixture(overrides: RelayConfigInput = {}): Promise<RelayFixture> {
  const fx = await startRelayFixture(overrides);
  cleanups.push(() => fx.close());
  return fx;
}
async function rejections(fx: RelayFixture): Promise<Record<string, number>> {
  const text = await (await fetch(`${fx.metricsUrl}/metrics`)).text();
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^undertone_rejections_total\{code="([a-z_]+)"\} (\d+)/gm)) out[m[1]!] = Number(m[2]);
  return out;
}

/** Opens a WebSocket with the given headers: resolves with the socket once open, or with the refusal's status. */
function upgrade(fx: RelayFixture, options: { origin?: string; headers?: Record<string, string> } = {}): Promise<{ ws: WebSocket } | { status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(fx.url, { ...(options.origin ? { origin: options.origin } : {}), headers: options.headers ?? {} });
    ws.once('open', () => {
      cleanups.push(() => ws.terminate());
      resolve({ ws });
    });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.once('error', (err) => reject(err));
  });
}

async function enroll(fx: RelayFixture, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${fx.httpUrl}/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ code: 'ABCD-EFGH-JKLM' }) });
}

describe('Origin check on the WebSocket upgrade', () => {
  it('refuses a web origin with 403, before any frame', async () => {
    const fx = await fixture();
    const refused = await upgrade(fx, { origin: 'https://helpdesk.example.com' });
    expect(refused).toMatchObject({ status: 403 });
    expect((refused as { body: string }).body).toContain('origin may not connect');
    expect((await rejections(fx)).origin_refused).toBe(1);
  });

  it('accepts the extension origins of Chromium and Firefox, a listed web origin, and clients without Origin', async () => {
    const fx = await fixture({ allowedOrigins: 'https://console.acme.test' });
    for (const origin of ['chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'moz-extension://0b4b1f64-1a55-4d0e-9d5e-1c5d3a0e2b7f', 'https://console.acme.test', undefined]) {
      const opened = await upgrade(fx, origin ? { origin } : {});
      expect('ws' in opened, `origin ${origin}`).toBe(true);
    }
    // A listed origin is exact: another port or scheme is a different origin.
    expect(await upgrade(fx, { origin: 'http://console.acme.test' })).toMatchObject({ status: 403 });
    expect(await upgrade(fx, { origin: 'https://console.acme.test:8443' })).toMatchObject({ status: 403 });
    expect(await upgrade(fx, { origin: 'null' })).toMatchObject({ status: 403 });
  });
});

describe('CORS', () => {
  it('answers CORS only on enrollment, only for allowed origins, with POST only', async () => {
    const fx = await fixture();
    const health = await fetch(`${fx.httpUrl}/healthz`, { headers: { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' } });
    expect(health.headers.get('access-control-allow-origin')).toBeNull();

    const extension = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
    const preflight = await fetch(`${fx.httpUrl}/v1/enroll`, { method: 'OPTIONS', headers: { origin: extension, 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(extension);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST');

    const web = await fetch(`${fx.httpUrl}/v1/enroll`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(web.status).toBe(403);
    expect(web.headers.get('access-control-allow-origin')).toBeNull();
    expect((await enroll(fx, { origin: 'https://evil.example' })).status).toBe(403);

    const fromFirefox = await enroll(fx, { origin: 'moz-extension://0b4b1f64-1a55-4d0e-9d5e-1c5d3a0e2b7f' });
    expect(fromFirefox.status).toBe(401);
    expect(fromFirefox.headers.get('access-control-allow-origin')).toBe('moz-extension://0b4b1f64-1a55-4d0e-9d5e-1c5d3a0e2b7f');
  });

  it('takes enrollment as JSON only, so a cross-site form cannot post it', async () => {
    const fx = await fixture();
    const form = await fetch(`${fx.httpUrl}/v1/enroll`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"code":"ABCD-EFGH-JKLM"}' });
    expect(form.status).toBe(415);
    expect((await form.json()).message).toContain('application/json');
  });
});

describe('per-address connection cap', () => {
  it('refuses the connection beyond the cap with 429, WebSocket or HTTP, and admits again once one closes', async () => {
    const fx = await fixture({ maxConnectionsPerAddress: 3 });
    const clients = [await RelayTestClient.open(fx.url), await RelayTestClient.open(fx.url), await RelayTestClient.open(fx.url)];
    cleanups.push(() => clients.forEach((c) => c.drop()));
    const refused = await upgrade(fx);
    expect(refused).toMatchObject({ status: 429 });
    expect((refused as { body: string }).body).toContain('more than 3 open connections');
    expect((await fetch(`${fx.httpUrl}/healthz`)).status).toBe(429);
    expect((await rejections(fx)).too_many_connections).toBe(2);
    // The ones inside the cap still work.
    clients[0]!.send({ type: 'hello', v: 1, token: fx.cast.agentA.token });
    await clients[0]!.next('welcome');

    clients[1]!.drop();
    await clients[1]!.waitClosed();
    let admitted = false;
    for (let attempt = 0; attempt < 100 && !admitted; attempt++) {
      const again = await upgrade(fx);
      admitted = 'ws' in again;
      if (!admitted) await new Promise((r) => setTimeout(r, 20));
    }
    expect(admitted).toBe(true);
  });

  it('counts a forged X-Forwarded-For against the real peer when the proxy is not trusted', async () => {
    const fx = await fixture({ maxConnectionsPerAddress: 2 });
    expect('ws' in (await upgrade(fx, { headers: { 'x-forwarded-for': '198.51.100.1' } }))).toBe(true);
    expect('ws' in (await upgrade(fx, { headers: { 'x-forwarded-for': '198.51.100.2' } }))).toBe(true);
    expect(await upgrade(fx, { headers: { 'x-forwarded-for': '198.51.100.3' } })).toMatchObject({ status: 429 });
  });

  it('caps WebSockets per forwarded address behind a trusted proxy', async () => {
    const fx = await fixture({ maxConnectionsPerAddress: 2, trustProxy: true });
    const from = (address: string) => ({ headers: { 'x-forwarded-for': `10.0.0.9, ${address}` } });
    expect('ws' in (await upgrade(fx, from('203.0.113.7')))).toBe(true);
    expect('ws' in (await upgrade(fx, from('203.0.113.7')))).toBe(true);
    expect(await upgrade(fx, from('203.0.113.7'))).toMatchObject({ status: 429 });
    expect('ws' in (await upgrade(fx, from('203.0.113.8')))).toBe(true);
  });
});

describe('handshake deadline', () => {
  it('closes half-open connections: silent ones and ones that never finish their upgrade headers', async () => {
    const fx = await fixture({ handshakeTimeoutMs: 300 });
    const port = new URL(fx.httpUrl).port;
    const closed = Array.from({ length: 40 }, (_, i) =>
      new Promise<void>((resolve, reject) => {
        const socket = tcpConnect(Number(port), '127.0.0.1', () => {
          if (i % 2 === 0) socket.write(`GET /v1/ws HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\n`);
        });
        cleanups.push(() => void socket.destroy());
        socket.on('error', () => {});
        socket.once('close', () => resolve());
        setTimeout(() => reject(new Error('a half-open connection was still open after 10 s')), 10_000).unref();
      }),
    );
    await Promise.all(closed);
    expect((await rejections(fx)).handshake_timeout).toBe(40);
    // A complete handshake is unaffected.
    const c = await RelayTestClient.connect(fx.url, fx.cast.agentA.token);
    c.drop();
  });
});

describe('metrics', () => {
  it('serves /metrics on its own loopback port, not on the public one', async () => {
    const fx = await fixture();
    const publicMetrics = await fetch(`${fx.httpUrl}/metrics`);
    expect(publicMetrics.status).toBe(404);
    expect(await publicMetrics.text()).not.toContain('undertone_');
    expect(fx.metricsUrl.startsWith('http://127.0.0.1:')).toBe(true);
    expect(await (await fetch(`${fx.metricsUrl}/metrics`)).text()).toContain('undertone_connections');
    expect((await fetch(`${fx.metricsUrl}/v1/enroll`, { method: 'POST' })).status).toBe(404);
  });

  it('serves /metrics on the public port only with the bearer token when one is set', async () => {
    const token = 'metrics-secret-0123456789';
    const fx = await fixture({ metricsToken: token });
    expect((await fetch(`${fx.httpUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${fx.httpUrl}/metrics`, { headers: { authorization: 'Bearer metrics-secret-0123456788' } })).status).toBe(401);
    const ok = await fetch(`${fx.httpUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('undertone_connections');
  });
});

describe('enrollment limiter and forwarded headers', () => {
  it('limits enrollment per real peer when X-Forwarded-For is forged', async () => {
    const fx = await fixture();
    for (let i = 0; i < 10; i++) expect((await enroll(fx, { 'x-forwarded-for': `198.51.100.${i}` })).status).toBe(401);
    const limited = await enroll(fx, { 'x-forwarded-for': '198.51.100.99' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('limits enrollment per forwarded address behind a trusted proxy', async () => {
    const fx = await fixture({ trustProxy: true });
    for (let i = 0; i < 10; i++) expect((await enroll(fx, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(401);
    expect((await enroll(fx, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(429);
    expect((await enroll(fx, { 'x-forwarded-for': '203.0.113.8' })).status).toBe(401);
  });
});
