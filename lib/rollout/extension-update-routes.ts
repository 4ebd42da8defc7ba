// HTTP routes under /extensions/ that serve the packaged extension and its update manifests from a release directory
// (`undertone-relay serve --extensions-dir DIR`, the folder `npm run package` wrote); release.json is re-read when it changes.
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { RELEASE_FILE, ReleaseDescriptorSchema, type ReleaseDescriptor } from './release-descriptor.ts';
import { chromeUpdateXml, firefoxUpdatesJson } from './update-manifests.ts';
import {
  CHROME_LATEST_CRX_PATH,
  CHROME_UPDATE_MANIFEST_PATH,
  EXTENSIONS_PREFIX,
  FIREFOX_LATEST_XPI_PATH,
  FIREFOX_UPDATE_MANIFEST_PATH,
} from './update-urls.ts';

export type ExtensionRoutes = (req: IncomingMessage, res: ServerResponse) => boolean;

type Loaded = { release: ReleaseDescriptor } | { problem: string };

/**
 * The public base URL: the one the packages were built with, else what the client asked for; X-Forwarded-Proto
 * and X-Forwarded-Host count only behind a trusted proxy (--trust-proxy), or a client could point updates elsewhere.
 */
function baseUrl(req: IncomingMessage, release: ReleaseDescriptor, trustProxy: boolean): string {
  if (release.updateBase) return release.updateBase;
  const first = (h: string | string[] | undefined) => (trustProxy ? (Array.isArray(h) ? h[0] : h)?.split(',')[0]?.trim() : undefined);
  const proto = first(req.headers['x-forwarded-proto']) === 'https' ? 'https' : 'http';
  const host = first(req.headers['x-forwarded-host']) || req.headers.host || 'localhost';
  return `${proto}://${host}`;
}

function send(res: ServerResponse, status: number, type: string, body: string, cache = 'no-cache'): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': cache, 'Content-Length': Buffer.byteLength(body) });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function problem(res: ServerResponse, status: number, error: string, message: string): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify({ error, message }), 'no-store');
}

function sendFile(req: IncomingMessage, res: ServerResponse, dir: string, name: string, type: string): void {
  const path = join(dir, name);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return problem(res, 404, 'not_found', `${name} is listed in ${RELEASE_FILE} but missing from the extensions directory`);
  }
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': size,
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'no-cache',
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(path).on('error', () => res.destroy()).pipe(res);
}

/** `trustProxy`: build update URLs from X-Forwarded-Proto/Host (the relay runs with --trust-proxy). */
export function createExtensionRoutes(dir: string, options: { trustProxy?: boolean } = {}): ExtensionRoutes {
  let cached: { mtimeMs: number; loaded: Loaded } | null = null;
  // Hashes of the files as they are now: an admin may replace the xpi with the copy Mozilla signed.
  const hashes = new Map<string, { stamp: string; sha256: string }>();
  const currentHash = (name: string, fallback: string): string => {
    try {
      const stat = statSync(join(dir, name));
      const stamp = `${stat.mtimeMs}:${stat.size}`;
      const known = hashes.get(name);
      if (known?.stamp === stamp) return known.sha256;
      const sha256 = createHash('sha256').update(readFileSync(join(dir, name))).digest('hex');
      hashes.set(name, { stamp, sha256 });
      return sha256;
    } catch {
      return fallback;
    }
  };
  const load = (): Loaded => {
    const file = join(dir, RELEASE_FILE);
    let mtimeMs: number;
    try {
      mtimeMs = statSync(file).mtimeMs;
    } catch {
      return { problem: `no ${RELEASE_FILE} in ${dir}: copy the output of \`npm run package\` there` };
    }
    if (cached?.mtimeMs === mtimeMs) return cached.loaded;
    let loaded: Loaded;
    try {
      const parsed = ReleaseDescriptorSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      loaded = parsed.success ? { release: parsed.data } : { problem: `${RELEASE_FILE} is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
    } catch (error) {
      loaded = { problem: `${RELEASE_FILE} is not readable JSON (${(error as Error).message})` };
    }
    cached = { mtimeMs, loaded };
    return loaded;
  };

  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (!path.startsWith(EXTENSIONS_PREFIX)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      problem(res, 405, 'invalid_frame', `use GET ${path}`);
      return true;
    }
    const loaded = load();
    if ('problem' in loaded) {
      problem(res, 503, 'unavailable', loaded.problem);
      return true;
    }
    const release: ReleaseDescriptor = {
      ...loaded.release,
      chrome: { ...loaded.release.chrome, ...(loaded.release.chrome.crx ? { crx: { ...loaded.release.chrome.crx, sha256: currentHash(loaded.release.chrome.crx.file, loaded.release.chrome.crx.sha256) } } : {}) },
      firefox: { ...loaded.release.firefox, sha256: currentHash(loaded.release.firefox.file, loaded.release.firefox.sha256) },
    };
    const crx = release.chrome.crx;
    const base = baseUrl(req, release, options.trustProxy ?? false);
    if (path === CHROME_UPDATE_MANIFEST_PATH) {
      const xml = chromeUpdateXml(release, base);
      if (xml === null) problem(res, 404, 'not_found', 'this release has no CRX: package it with a signing key (npm run package -- --key PATH)');
      else send(res, 200, 'application/xml; charset=utf-8', xml);
    } else if (path === FIREFOX_UPDATE_MANIFEST_PATH) {
      send(res, 200, 'application/json; charset=utf-8', firefoxUpdatesJson(release, base));
    } else if (crx && (path === CHROME_LATEST_CRX_PATH || path === `/extensions/chrome/${crx.file}`)) {
      sendFile(req, res, dir, crx.file, 'application/x-chrome-extension');
    } else if (path === FIREFOX_LATEST_XPI_PATH || path === `/extensions/firefox/${release.firefox.file}`) {
      sendFile(req, res, dir, release.firefox.file, 'application/x-xpinstall');
    } else {
      problem(res, 404, 'not_found', `no extension file at ${path}; see ${CHROME_UPDATE_MANIFEST_PATH} and ${FIREFOX_UPDATE_MANIFEST_PATH}`);
    }
    return true;
  };
}
