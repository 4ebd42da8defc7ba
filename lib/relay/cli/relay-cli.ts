// The relay's command line: `serve` runs the relay; the other subcommands administer organisations, teams, users,
// enrollment codes and tokens, and report adapter health, in the same data directory (or the same Redis). More
// commands and HTTP routes are wired in by whoever composes the command (lib/relay-command); the relay needs none.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, redisTargetOf, resolveConfig, type RelayConfig } from '../config.ts';
import { ADMIN_COMMANDS, UsageError, runAdminCommand } from './admin-commands.ts';
import type { DirectoryAdmin } from '../identity/directory.ts';
import { IdentityStore } from '../identity/identity-store.ts';
import { createLogger } from '../log.ts';
import { openRedisDirectory } from '../redis/redis-backend.ts';
import { startRedisRelay, startRelay, type RelayAddOns } from '../server.ts';
import { openDatabase } from '../store/database.ts';
import { HEALTH_COMMAND, HEALTH_USAGE, runHealthCli } from './health-commands.ts';
import { SSO_COMMANDS, SSO_OPTIONS, runSsoCli } from './sso-commands.ts';

export type CliValues = Record<string, string | string[] | boolean | undefined>;

/** What a wired-in subcommand gets: its flags, the resolved config and the directory it may open. */
export type CliCommandContext = {
  values: CliValues;
  config: RelayConfig;
  openDirectory: () => Promise<{ identities: DirectoryAdmin; close(): Promise<void> }>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
};

/** A two-word subcommand such as `import users`: its usage line and what it runs (returns the exit code). */
export type CliCommand = { usage: string; run(ctx: CliCommandContext): Promise<number> };

export type RelayCliWiring = {
  /** Subcommands by their two words. */
  commands?: Record<string, CliCommand>;
  /** Extra flags those commands (or add-ons) read. */
  options?: NonNullable<ParseArgsConfig['options']>;
  /** Extra lines for `serve` in the help text. */
  serveHelp?: string[];
  /** What `serve` adds to the relay, from the resolved config. */
  addOns?: (config: RelayConfig) => RelayAddOns;
};

const OPTIONS = {
  data: { type: 'string' },
  redis: { type: 'string' },
  'redis-prefix': { type: 'string' },
  'redis-sentinel': { type: 'string' },
  'redis-name': { type: 'string' },
  'redis-wait-replicas': { type: 'string' },
  'redis-wait-ms': { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'log-level': { type: 'string' },
  'retention-days': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  name: { type: 'string' },
  org: { type: 'string' },
  role: { type: 'string' },
  team: { type: 'string', multiple: true },
  user: { type: 'string' },
  device: { type: 'string' },
  'ttl-hours': { type: 'string' },
  'token-id': { type: 'string' },
  'helpdesk-name': { type: 'string', multiple: true },
  clear: { type: 'boolean' },
  'extensions-dir': { type: 'string' },
  'trust-proxy': { type: 'boolean' },
  'allowed-origins': { type: 'string' },
  'max-connections-per-address': { type: 'string' },
  'metrics-port': { type: 'string' },
  'metrics-host': { type: 'string' },
  'public-url': { type: 'string' },
  ...SSO_OPTIONS,
} as const;

/** The relay's own flags as parseArgs returns them. */
type OwnValues = {
  [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K] extends { type: 'boolean' } ? boolean : (typeof OPTIONS)[K] extends { multiple: true } ? string[] : string;
};

const help = (wiring: RelayCliWiring) => `undertone-relay: the Undertone whisper relay and its admin commands

  undertone-relay serve [--port 8740] [--host 127.0.0.1] [--data .data] [--retention-days 30] [--log-level info]
  undertone-relay serve --redis redis://127.0.0.1:6379 [--redis-prefix undertone:] ...   (several processes share one Redis)
  undertone-relay serve --redis-sentinel HOST:PORT,... --redis-name NAME [--redis-wait-replicas 1] [--redis-wait-ms 1000] ...
${(wiring.serveHelp ?? []).map((line) => `  ${line}\n`).join('')}  undertone-relay serve ... --trust-proxy          (behind a reverse proxy: limits per X-Forwarded-For address)
  undertone-relay serve ... --metrics-port 9464 [--metrics-host 127.0.0.1]   (Prometheus /metrics on its own port)
  undertone-relay serve ... --allowed-origins https://a.example,https://b.example   (web origins allowed besides the extension)
  undertone-relay serve ... --max-connections-per-address 256   (0 for no cap; docs/security.md)
  undertone-relay serve ... --public-url https://relay.example.com   (the address browsers use; single sign-on callbacks)
${Object.values(ADMIN_COMMANDS).map((c) => `  undertone-relay ${c.usage} [--data DIR | --redis URL | --redis-sentinel ... --redis-name NAME] [--json]`).join('\n')}
${Object.values(wiring.commands ?? {}).map((c) => `  undertone-relay ${c.usage} [--data DIR] [--json]`).join('\n')}
  undertone-relay ${HEALTH_USAGE} [--data DIR | --redis URL | --redis-sentinel ... --redis-name NAME] [--json]
${Object.values(SSO_COMMANDS).map((usage) => `  undertone-relay ${usage} [--data DIR] [--json]`).join('\n')}

Settings may also come from the environment: UNDERTONE_PORT, UNDERTONE_HOST, UNDERTONE_DATA, UNDERTONE_REDIS_URL,
UNDERTONE_REDIS_PREFIX, UNDERTONE_REDIS_SENTINEL, UNDERTONE_REDIS_NAME, UNDERTONE_RETENTION_DAYS, UNDERTONE_LOG_LEVEL, UNDERTONE_METRICS_PORT, UNDERTONE_METRICS_TOKEN
(serves /metrics on the public port to that bearer token) and more (flags win). See docs/admin.md and docs/security.md.`;

/** Runs `undertone-relay` with `argv` (without node and the script); resolves to the exit code. */
export async function runRelayCli(argv: string[], wiring: RelayCliWiring = {}): Promise<number> {
  const HELP = help(wiring);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...wiring.options, ...OPTIONS }, allowPositionals: true, strict: true });
  } catch (error) {
    console.error(`undertone-relay: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const values = parsed.values as CliValues & OwnValues;
  const { positionals } = parsed;
  if (values.help || positionals.length === 0) {
    console.log(HELP);
    return positionals.length === 0 && !values.help ? 2 : 0;
  }

  let config: RelayConfig;
  try {
    config = resolveConfig({
      dataDir: values.data,
      redisUrl: values.redis,
      redisSentinel: values['redis-sentinel'],
      redisName: values['redis-name'],
      redisWaitReplicas: values['redis-wait-replicas'],
      redisWaitMs: values['redis-wait-ms'],
      redisPrefix: values['redis-prefix'],
      port: values.port,
      host: values.host,
      logLevel: values['log-level'],
      retentionDays: values['retention-days'],
      extensionsDir: values['extensions-dir'],
      trustProxy: values['trust-proxy'],
      allowedOrigins: values['allowed-origins'],
      maxConnectionsPerAddress: values['max-connections-per-address'],
      metricsPort: values['metrics-port'],
      metricsHost: values['metrics-host'],
      publicUrl: values['public-url'],
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`undertone-relay: ${error.message}`);
      return 2;
    }
    throw error;
  }

  if (positionals[0] === 'serve') return serve(config, wiring.addOns?.(config) ?? {});
  const sso = `${positionals[0]} ${positionals[1] ?? ''}`;
  if (SSO_COMMANDS[sso]) return runSsoCli(sso, config, values);
  if (sso === HEALTH_COMMAND) return runHealthCli(config, values);
  const wired = wiring.commands?.[`${positionals[0]} ${positionals[1] ?? ''}`];
  if (wired) {
    return wired.run({
      values,
      config,
      openDirectory: () => openDirectory(config),
      stdout: (text) => console.log(text),
      stderr: (text) => console.error(text),
    });
  }

  const name = positionals.length >= 2 && ADMIN_COMMANDS[`${positionals[0]} ${positionals[1]}`] ? `${positionals[0]} ${positionals[1]}` : positionals[0]!;
  if (!ADMIN_COMMANDS[name]) {
    console.error(`undertone-relay: unknown command "${positionals.join(' ')}"\n\n${HELP}`);
    return 2;
  }
  const directory = await openDirectory(config);
  try {
    const result = await runAdminCommand(name, directory.identities, { values });
    console.log(values.json ? JSON.stringify(result.json) : result.text.join('\n') || '(none)');
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      const message = `${error.message} (usage: undertone-relay ${ADMIN_COMMANDS[name]!.usage})`;
      if (values.json) console.log(JSON.stringify({ error: message }));
      console.error(`undertone-relay: ${message}`);
      return 1;
    }
    throw error;
  } finally {
    await directory.close();
  }
}

async function openDirectory(config: RelayConfig): Promise<{ identities: DirectoryAdmin; close(): Promise<void> }> {
  const target = redisTargetOf(config);
  if (target) return openRedisDirectory(target, config.redisPrefix);
  const db = openDatabase(config.dataDir);
  return { identities: new IdentityStore(db), close: async () => void db.close() };
}

async function serve(config: RelayConfig, addOns: RelayAddOns): Promise<number> {
  const log = createLogger(config.logLevel);
  const relay = redisTargetOf(config) ? await startRedisRelay(config, log, addOns) : await startRelay(config, log, addOns);
  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'shutting down');
      relay.stop().then(
        () => resolve(0),
        (err: unknown) => {
          log.error({ err }, 'shutdown failed');
          resolve(1);
        },
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}
