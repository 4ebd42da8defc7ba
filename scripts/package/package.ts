// `npm run package`: builds the extension for Chrome and Firefox and writes the release files (Chrome zip, signed
// CRX3 when a key is given, Firefox .xpi, release.json) into .output/packages or --out DIR.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildPackages, loadRsaPrivateKey } from '../../lib/rollout/index.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

const HELP = `npm run package -- [--key PATH] [--update-base URL] [--out DIR] [--no-build]

  --key PATH          PEM RSA private key that signs the CRX (or env UNDERTONE_CRX_KEY: a path or the PEM text).
                      Without one, no CRX is made; the Chrome zip and the Firefox package still are.
  --update-base URL   public base URL of the relay serving updates (or env UNDERTONE_UPDATE_BASE), e.g.
                      https://relay.example.com: written as update_url into the CRX and the Firefox package.
  --out DIR           where to write the files (default .output/packages).
  --no-build          package the existing .output/chrome-mv3 and .output/firefox-mv2 without rebuilding.`;

function fail(message: string): never {
  console.error(`package: ${message}`);
  process.exit(1);
}

function main(): void {
  let values;
  try {
    ({ values } = parseArgs({
      options: { key: { type: 'string' }, 'update-base': { type: 'string' }, out: { type: 'string' }, 'no-build': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n\n${HELP}`);
  }
  if (values.help) {
    console.log(HELP);
    return;
  }
  const version = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

  const keySource = values.key ?? process.env.UNDERTONE_CRX_KEY;
  let crxKey;
  if (keySource) {
    const pem = keySource.includes('-----BEGIN') ? keySource : existsSync(keySource) ? readFileSync(keySource) : fail(`the key file ${keySource} does not exist`);
    try {
      crxKey = loadRsaPrivateKey(pem);
    } catch (error) {
      fail((error as Error).message);
    }
  }

  if (!values['no-build']) {
    for (const args of [['build'], ['build', '-b', 'firefox']]) {
      const result = spawnSync(resolve(ROOT, 'node_modules/.bin/wxt'), args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
      if (result.status !== 0) fail(`wxt ${args.join(' ')} failed`);
    }
  }

  const outDir = resolve(values.out ?? resolve(ROOT, '.output/packages'));
  let result;
  try {
    result = buildPackages({
      chromeBuildDir: resolve(ROOT, '.output/chrome-mv3'),
      firefoxBuildDir: resolve(ROOT, '.output/firefox-mv2'),
      version,
      crxKey,
      updateBase: values['update-base'] ?? process.env.UNDERTONE_UPDATE_BASE,
      outDir,
    });
  } catch (error) {
    fail((error as Error).message);
  }
  console.log(`Undertone ${version} packaged into ${outDir}:`);
  for (const file of result.files) console.log(`  ${file}`);
  for (const note of result.notes) console.log(note.startsWith('NO CRX') ? `\nWARNING: ${note}\n` : note);
}

main();
