// `npm start`: runs Undertone on its embedded defaults: the relay (SQLite under .data/), the Northwind Desk demo
// helpdesk, a demo organisation on first run, fresh enrollment codes, and the built extension for both browsers.
import { spawnSync } from 'node:child_process';
import { resolveConfig } from '../lib/relay/config.ts';
import type { IdentityStore } from '../lib/relay/identity/identity-store.ts';
import { createLogger } from '../lib/relay/log.ts';
import { startRelay } from '../lib/relay/server.ts';
import { DEMO_AGENTS } from '../demo/cast.ts';
import { startDemoHelpdesk } from '../demo/server.ts';

const DEMO_ORG = 'Northwind Support';

/** Creates the demo organisation once; returns the users to print enrollment codes for. */
function ensureDemoOrg(identities: IdentityStore): { id: string; name: string; role: string }[] {
  let org = identities.listOrgs().find((o) => o.name === DEMO_ORG);
  if (!org) {
    org = identities.addOrg(DEMO_ORG);
    const team = identities.addTeam(org.id, 'Frontline');
    for (const agent of DEMO_AGENTS) identities.addUser({ orgId: org.id, name: agent.name, role: 'agent', teamIds: [team.id] });
    identities.addUser({ orgId: org.id, name: 'Sofia Reyes', role: 'supervisor', teamIds: [team.id] });
    identities.addUser({ orgId: org.id, name: 'Ada Admin', role: 'admin', teamIds: [] });
  }
  return identities.listUsers(org.id).map((u) => ({ id: u.id, name: u.name, role: u.role }));
}

function buildExtension(): void {
  for (const args of [['wxt', 'build'], ['wxt', 'build', '-b', 'firefox']]) {
    const result = spawnSync('npx', args, { stdio: ['ignore', 'ignore', 'inherit'] });
    if (result.status !== 0) console.error(`extension build (${args.join(' ')}) failed; the relay and demo still run`);
  }
}

const config = resolveConfig({});
const log = createLogger(process.env.UNDERTONE_LOG_LEVEL ?? 'warn');
if (process.env.UNDERTONE_SKIP_BUILD !== '1') buildExtension();
const relay = await startRelay(config, log);
const demoPort = Number(process.env.UNDERTONE_DEMO_PORT ?? 8790);
const demo = await startDemoHelpdesk({ port: demoPort });
const users = ensureDemoOrg(relay.identities);
const httpUrl = `http://${config.host}:${relay.port}`;

console.log(`
Undertone is running.

  Relay URL          ${httpUrl}   (enter this on the options page; health: ${httpUrl}/healthz, metrics: ${relay.metricsUrl ? `${relay.metricsUrl}/metrics` : 'off; set UNDERTONE_METRICS_PORT'})
  Data directory     ${config.dataDir}
  Demo helpdesk      ${demo.url}
  Extension builds   .output/chrome-mv3 (Chrome: chrome://extensions, Developer mode, Load unpacked)
                     .output/firefox-mv2 (Firefox: about:debugging, This Firefox, Load Temporary Add-on, manifest.json)

Sign in from the extension's options page with the Relay URL above and one of these single-use
enrollment codes (valid 72 hours; new ones are printed at every start):
`);
for (const user of users) {
  const { code } = relay.identities.issueEnrollmentCode(user.id);
  console.log(`  ${code}   ${user.name} (${user.role})`);
}
console.log(`
Open the demo helpdesk as an agent in one browser and as the supervisor in another. Ctrl+C stops everything.`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await demo.close();
  await relay.stop();
  process.exit(0);
}
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
