// A release folder for the rollout tests: the built extension packaged and signed with a key made at run time.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPackages, type ReleaseDescriptor } from '../../../lib/rollout/index.ts';
import { ensureExtensionBuilt } from '../harness/build.ts';
import { CHROME_BUILD, FIREFOX_BUILD } from '../harness/paths.ts';

export type TestRelease = { dir: string; descriptor: ReleaseDescriptor; key: KeyObject; dispose(): void };

export function makeTestRelease(version: string, updateBase?: string): TestRelease {
  ensureExtensionBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'undertone-release-'));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const { descriptor } = buildPackages({ chromeBuildDir: CHROME_BUILD, firefoxBuildDir: FIREFOX_BUILD, version, crxKey: privateKey, updateBase, outDir: dir });
  return { dir, descriptor, key: privateKey, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
