// The `undertone-relay` command as shipped: the relay's command line with the rollout parts wired in (the
// `import users` and `export history` subcommands, and self-hosted extension updates on `serve --extensions-dir`).
import { runRelayCli, type CliCommand, type CliCommandContext } from '../relay/cli/relay-cli.ts';
import { openSqliteHistory } from '../relay/store/history-reader.ts';
import { createExtensionRoutes } from '../rollout/extension-update-routes.ts';
import { ExportError } from '../rollout/history-export.ts';
import { ROLLOUT_COMMANDS, runRolloutCommand } from '../rollout/rollout-commands.ts';

function rolloutCommand(name: string, usage: string): CliCommand {
  return {
    usage,
    run: (ctx: CliCommandContext) =>
      runRolloutCommand(name, {
        values: ctx.values,
        redis: Boolean(ctx.config.redisUrl),
        openDirectory: ctx.openDirectory,
        openHistory: () => {
          const reader = openSqliteHistory(ctx.config.dataDir);
          if (!reader) throw new ExportError(`there is no relay database in ${ctx.config.dataDir}`);
          return reader;
        },
        stdout: ctx.stdout,
        stderr: ctx.stderr,
      }),
  };
}

const exitCode = await runRelayCli(process.argv.slice(2), {
  commands: Object.fromEntries(Object.entries(ROLLOUT_COMMANDS).map(([name, usage]) => [name, rolloutCommand(name, usage)])),
  options: {
    file: { type: 'string' },
    enroll: { type: 'boolean' },
    out: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    format: { type: 'string' },
  },
  serveHelp: ['undertone-relay serve ... --extensions-dir DIR   (serve the extension packages and update manifests; docs/admin.md)'],
  addOns: (config) => (config.extensionsDir ? { httpRoutes: createExtensionRoutes(config.extensionsDir, { trustProxy: config.trustProxy }) } : {}),
}).catch((error: unknown) => {
  console.error(`undertone-relay: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
});
process.exit(exitCode);
