// The /extensions/ routes over a real HTTP server: update manifests, package files at stable URLs, clear errors.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackages, createExtensionRoutes, readCrx3, type ReleaseDescriptor } from '../../../lib/rollout/index.ts';

let dir: string;
let server: Server;
let origin: string;
let release: ReleaseDescriptor;

function fakeBuild(name: string, manifest: object): string {
  const root = join(dir, name);
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(root, 'background.js'), 'self.x = 1;');
  return root;
}

function pack(version: string, updateBase?: string): ReleaseDescriptor {
  return buildPackages({
    chromeBuildDir: fakeBuild(`chrome-${version}`, { manifest_version: 3, name: 'Undertone', version }),
    firefoxBuildDir: fakeBuild(`firefox-${version}`, { manifest_version: 2, name: 'Undertone', version, browser_specific_settings: { gecko: { id: 'undertone@undertone.app' } } }),
    version,
    crxKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
    updateBase,
    outDir: join(dir, 'release'),
  }).descriptor;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'undertone-routes-'));
  // As behind a reverse proxy (--trust-proxy): update URLs follow X-Forwarded-Proto and X-Forwarded-Host.
  const routes = createExtensionRoutes(join(dir, 'release'), { trustProxy: true });
  server = createServer((req, res) => {
    if (!routes(req, res)) {
      res.writeHead(418);
      res.end('not mine');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('extension update routes', () => {
  it('answers 503 in words while the directory has no release, and leaves other paths alone', async () => {
    const res = await fetch(`${origin}/extensions/chrome/updates.xml`);
    expect(res.status).toBe(503);
    expect((await res.json()).message).toMatch(/no release\.json in .*npm run package/);
    expect((await fetch(`${origin}/healthz`)).status).toBe(418);
  });

  it('serves the Chrome update manifest and the signed CRX it points to', async () => {
    release = pack('1.0.0');
    const res = await fetch(`${origin}/extensions/chrome/updates.xml?x=id%3Dabc`, { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'relay.acme.test' } });
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
    const xml = await res.text();
    const crx = release.chrome.crx!;
    expect(xml).toContain(`<app appid="${crx.extensionId}">`);
    expect(xml).toContain(`codebase="https://relay.acme.test/extensions/chrome/undertone-1.0.0.crx" version="1.0.0" hash_sha256="${crx.sha256}"`);

    const file = await fetch(`${origin}/extensions/chrome/undertone-1.0.0.crx`);
    expect(file.headers.get('content-type')).toBe('application/x-chrome-extension');
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.equals(readFileSync(join(dir, 'release', crx.file)))).toBe(true);
    expect(readCrx3(bytes)).toMatchObject({ extensionId: crx.extensionId, signatureValid: true });
    const latest = Buffer.from(await (await fetch(`${origin}/extensions/chrome/undertone.crx`)).arrayBuffer());
    expect(latest.equals(bytes)).toBe(true);
  });

  it('ignores forwarded headers without a trusted proxy, so a client cannot point updates at its own host', async () => {
    const direct = createExtensionRoutes(join(dir, 'release'));
    const plain = createServer((req, res) => void direct(req, res));
    await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
    try {
      const port = (plain.address() as AddressInfo).port;
      const res = await fetch(`http://127.0.0.1:${port}/extensions/chrome/updates.xml`, { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' } });
      const xml = await res.text();
      expect(xml).not.toContain('evil.example');
      expect(xml).toContain(`codebase="http://127.0.0.1:${port}/extensions/chrome/`);
    } finally {
      await new Promise((r) => plain.close(r));
    }
  });

  it('serves the Firefox update manifest with the hash, and the xpi at a stable install URL', async () => {
    const manifest = await (await fetch(`${origin}/extensions/firefox/updates.json`)).json();
    expect(manifest).toEqual({
      addons: {
        'undertone@undertone.app': {
          updates: [{ version: '1.0.0', update_link: `${origin}/extensions/firefox/undertone-1.0.0-firefox.xpi`, update_hash: `sha256:${release.firefox.sha256}` }],
        },
      },
    });
    const xpi = await fetch(`${origin}/extensions/firefox/undertone.xpi`);
    expect(xpi.headers.get('content-type')).toBe('application/x-xpinstall');
    expect(Buffer.from(await xpi.arrayBuffer()).equals(readFileSync(join(dir, 'release', release.firefox.file)))).toBe(true);
  });

  it('announces the hash of the xpi as it is now, so a Mozilla-signed copy can replace the file', async () => {
    const signed = Buffer.concat([readFileSync(join(dir, 'release', release.firefox.file)), Buffer.from('signature')]);
    writeFileSync(join(dir, 'release', release.firefox.file), signed);
    const manifest = await (await fetch(`${origin}/extensions/firefox/updates.json`)).json();
    const expected = createHash('sha256').update(signed).digest('hex');
    expect(expected).not.toBe(release.firefox.sha256);
    expect(manifest.addons['undertone@undertone.app'].updates[0].update_hash).toBe(`sha256:${expected}`);
  });

  it('follows a new release dropped into the directory, using the base URL it was built with', async () => {
    release = pack('1.1.0', 'https://relay.example.com');
    utimesSync(join(dir, 'release', 'release.json'), new Date(), new Date(Date.now() + 5_000));
    const xml = await (await fetch(`${origin}/extensions/chrome/updates.xml`)).text();
    expect(xml).toContain('codebase="https://relay.example.com/extensions/chrome/undertone-1.1.0.crx" version="1.1.0"');
    expect((await fetch(`${origin}/extensions/chrome/undertone-1.0.0.crx`)).status).toBe(404);
  });

  it('refuses unknown files, other methods and a broken release.json in words', async () => {
    const missing = await fetch(`${origin}/extensions/firefox/..%2F..%2Fetc%2Fpasswd`);
    expect(missing.status).toBe(404);
    expect((await fetch(`${origin}/extensions/firefox/updates.json`, { method: 'POST' })).status).toBe(405);
    writeFileSync(join(dir, 'release', 'release.json'), '{"version": "x"}');
    utimesSync(join(dir, 'release', 'release.json'), new Date(), new Date(Date.now() + 10_000));
    const broken = await fetch(`${origin}/extensions/firefox/updates.json`);
    expect(broken.status).toBe(503);
    expect((await broken.json()).message).toMatch(/release\.json is not valid: version/);
  });
});
