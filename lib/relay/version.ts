// The relay's version, read once from the nearest package.json above this file (the source checkout's, or the
// installed relay package's when running compiled from dist/).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function nearestPackageJson(from: string): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const RELAY_VERSION: string = (JSON.parse(readFileSync(nearestPackageJson(fileURLToPath(import.meta.url)), 'utf8')) as { version: string }).version;
