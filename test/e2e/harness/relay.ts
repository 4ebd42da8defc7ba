// A real relay process for e2e and integration tests: temp data dir, free port, admin CLI, stop and restart.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { DEMO_AGENTS } from '../../../demo/cast.ts';
import { ROOT } from './paths.ts';

const CLI = resolve(ROOT, 'bin/undertone-relay.mjs');

export type Provisioned = {
  orgId: string;
  teamId: string;
  agent: { id: string; name: string };
  supervisor: { id: string; name: string };
};

export class RelayProcess {
  private child: ChildProcess | null = null;
  private readonly logs: string[] = [];
  port = 0;

  private constructor(readonly dataDir: string) {}

  /** Starts `serve` on a free port (or the given one) with a fresh temp data directory. */
  static async start(): Promise<RelayProcess> {
    const relay = new RelayProcess(mkdtempSync(join(tmpdir(), 'undertone-relay-')));
    await relay.spawnServe(0);
    return relay;
  }

  get httpUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get wsUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** The relay's recent log lines, for failure messages. */
  recentLogs(): string {
    return this.logs.slice(-30).join('\n');
  }

  private spawnServe(port: number): Promise<void> {
    const child = spawn(process.execPath, [CLI, 'serve', '--port', String(port), '--host', '127.0.0.1', '--data', this.dataDir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const remember = (line: string) => {
      this.logs.push(line);
      if (this.logs.length > 200) this.logs.shift();
    };
    createInterface({ input: child.stderr! }).on('line', remember);
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`relay did not start within 20 s:\n${this.recentLogs()}`)), 20_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        this.child = null;
        reject(new Error(`relay exited with ${code} before listening:\n${this.recentLogs()}`));
      });
      createInterface({ input: child.stdout! }).on('line', (line) => {
        remember(line);
        if (!line.includes('relay listening')) return;
        try {
          const parsed = JSON.parse(line) as { port?: unknown };
          if (typeof parsed.port === 'number') {
            this.port = parsed.port;
            clearTimeout(timer);
            resolvePromise();
          }
        } catch {}
      });
    });
  }

  /** SIGTERM (or SIGKILL) and wait for the process to exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    child.removeAllListeners('exit');
    await new Promise<void>((resolvePromise) => {
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolvePromise();
      });
      child.kill(signal);
    });
  }

  /** Serves again on the same port and data directory after `stop()`. */
  async resume(): Promise<void> {
    if (!this.child) await this.spawnServe(this.port);
  }

  /** Stops the relay and serves again on the same port and data directory. */
  async restart(): Promise<void> {
    await this.stop();
    await this.spawnServe(this.port);
  }

  /** Runs an admin subcommand against this relay's data directory and returns its `--json` output. */
  admin<T = Record<string, unknown>>(...args: string[]): Promise<T> {
    return new Promise((resolvePromise, reject) => {
      execFile(process.execPath, [CLI, ...args, '--data', this.dataDir, '--json'], { cwd: ROOT, timeout: 20_000 }, (error, stdout, stderr) => {
        if (error) return reject(new Error(`undertone-relay ${args.join(' ')} failed: ${stderr || error.message}`));
        try {
          resolvePromise(JSON.parse(stdout) as T);
        } catch {
          reject(new Error(`undertone-relay ${args.join(' ')} printed no JSON: ${stdout}`));
        }
      });
    });
  }

  /**
   * One organisation with one team, an agent and a supervisor of that team. The agent works the demo helpdesk as any
   * of its agents (alice in Chromium, bruno in Firefox, chen): their names are the agent's helpdesk names, so the
   * extension takes the desk's signed-in agent for this user and coaches there.
   */
  async provision(): Promise<Provisioned> {
    const org = await this.admin<{ id: string }>('org', 'add', '--name', 'Acme Support');
    const team = await this.admin<{ id: string }>('team', 'add', '--org', org.id, '--name', 'Tier 1');
    const agent = await this.admin<{ id: string; name: string }>('user', 'add', '--org', org.id, '--name', 'Alice Agent', '--role', 'agent', '--team', team.id);
    await this.admin('user', 'set-helpdesk-names', '--user', agent.id, ...DEMO_AGENTS.flatMap((demo) => ['--helpdesk-name', demo.name]));
    const supervisor = await this.admin<{ id: string; name: string }>(
      'user', 'add', '--org', org.id, '--name', 'Sam Supervisor', '--role', 'supervisor', '--team', team.id,
    );
    return { orgId: org.id, teamId: team.id, agent, supervisor };
  }

  async enrollmentCode(userId: string): Promise<string> {
    return (await this.admin<{ code: string }>('enroll', '--user', userId)).code;
  }

  async issueToken(userId: string): Promise<string> {
    return (await this.admin<{ token: string }>('token', 'issue', '--user', userId, '--device', 'e2e')).token;
  }

  /** Stops the process and deletes the data directory. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
