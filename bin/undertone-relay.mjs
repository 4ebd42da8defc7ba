#!/usr/bin/env node
// The `undertone-relay` command. A source checkout with its development tools runs the TypeScript (through tsx);
// an installed relay package, or a checkout after `npm run build:relay`, runs the compiled JavaScript in dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = new URL('../lib/relay-command/undertone-relay.ts', import.meta.url);
const compiled = new URL('../dist/lib/relay-command/undertone-relay.js', import.meta.url);

async function tsxRegister() {
  try {
    return (await import('tsx/esm/api')).register;
  } catch {
    return null;
  }
}

const register = existsSync(fileURLToPath(source)) && process.env.UNDERTONE_RELAY_COMPILED !== '1' ? await tsxRegister() : null;
if (register) {
  register();
  await import(source.href);
} else if (existsSync(fileURLToPath(compiled))) {
  await import(compiled.href);
} else {
  console.error(
    'undertone-relay: this checkout has neither its development tools nor a compiled relay.\n' +
      'Run `npm ci && npm run build:relay` here, or install the relay package made by `npm run pack:relay` (docs/admin.md).',
  );
  process.exit(1);
}
