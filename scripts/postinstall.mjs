// After `npm install`: prepares WXT's generated types when the extension's tools are installed; a server install
// without them (`npm ci --omit=dev`) has nothing to prepare and carries on.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (existsSync(new URL('../node_modules/wxt/package.json', import.meta.url))) {
  const result = spawnSync('npx', ['--no-install', 'wxt', 'prepare'], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
