// `npm run policy-templates`: writes the Chrome (Linux, macOS, Windows .reg/ADMX) and Firefox policy templates for a
// deployment, from the extension's managed schema and the admin's configuration file.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parsePolicy } from '../../lib/extension/policy.ts';
import { RELEASE_FILE, ReleaseDescriptorSchema, exampleConfig, loadManagedSchema, policyTemplateFiles } from '../../lib/rollout/index.ts';
import { EXAMPLE_DEPLOYMENT, EXAMPLE_TEMPLATES_DIR } from './example-deployment.ts';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

const HELP = `npm run policy-templates -- --update-base URL (--release DIR | --chrome-id ID) [--config FILE] [--out DIR]
npm run policy-templates -- --example

  --update-base URL  public base URL of the relay serving the packages, e.g. https://relay.example.com
  --release DIR      the folder \`npm run package\` wrote (its release.json gives both extension ids)
  --chrome-id ID     the Chrome extension id printed by \`npm run package\` (instead of --release)
  --gecko-id ID      the Firefox add-on id (default undertone@undertone.app, or from --release)
  --config FILE      JSON managed configuration (relayUrl, helpdeskSites, privacy, ui); settings it leaves out are
                     filled with examples so every setting appears; it is checked as the extension checks policy
  --out DIR          where to write (default .output/policy-templates)
  --example          regenerate the committed examples in policy-templates/example`;

function fail(message: string): never {
  console.error(`policy-templates: ${message}`);
  process.exit(1);
}

function main(): void {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        'update-base': { type: 'string' },
        release: { type: 'string' },
        'chrome-id': { type: 'string' },
        'gecko-id': { type: 'string' },
        config: { type: 'string' },
        out: { type: 'string' },
        example: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n\n${HELP}`);
  }
  if (values.help) return void console.log(HELP);

  const schema = loadManagedSchema();
  let outDir: string;
  let deployment;
  if (values.example) {
    outDir = resolve(ROOT, EXAMPLE_TEMPLATES_DIR);
    deployment = { ...EXAMPLE_DEPLOYMENT, schema, config: exampleConfig(schema) };
  } else {
    const updateBase = values['update-base'] ?? fail(`--update-base is required\n\n${HELP}`);
    if (!/^https?:\/\/[^/]+/.test(updateBase)) fail(`--update-base "${updateBase}" must be an http(s) URL`);
    let chromeId = values['chrome-id'];
    let geckoId = values['gecko-id'] ?? 'undertone@undertone.app';
    if (values.release) {
      const file = join(values.release, RELEASE_FILE);
      if (!existsSync(file)) fail(`${file} does not exist; run \`npm run package\` first`);
      const release = ReleaseDescriptorSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
      chromeId ??= release.chrome.crx?.extensionId ?? fail(`${file} lists no CRX: package with --key to get a Chrome extension id`);
      geckoId = values['gecko-id'] ?? release.firefox.addonId;
    }
    if (!chromeId || !/^[a-p]{32}$/.test(chromeId)) fail('give --release DIR or --chrome-id ID (32 letters a-p)');
    let overrides: Record<string, unknown> = {};
    if (values.config) {
      try {
        overrides = JSON.parse(readFileSync(values.config, 'utf8')) as Record<string, unknown>;
      } catch (error) {
        fail(`${values.config} is not readable JSON (${(error as Error).message})`);
      }
      const { problems } = parsePolicy(overrides);
      if (problems.length > 0) fail(`${values.config} has settings the extension would ignore:\n  ${problems.join('\n  ')}`);
    }
    outDir = resolve(values.out ?? resolve(ROOT, '.output/policy-templates'));
    deployment = { chromeId, geckoId, updateBase: updateBase.replace(/\/+$/, ''), schema, config: exampleConfig(schema, overrides) };
  }
  for (const [path, data] of policyTemplateFiles(deployment)) {
    const full = join(outDir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, data);
    console.log(full);
  }
}

main();
