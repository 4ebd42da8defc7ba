// Policy templates from the managed schema: every schema property appears in each template, values are valid policy,
// and the committed examples are what the generator makes today (so they cannot drift from the schema).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../lib/extension/policy.ts';
import {
  admxSettings,
  chromeExtensionPolicyKey,
  chromePolicyJson,
  exampleConfig,
  firefoxPoliciesJson,
  loadManagedSchema,
  macosMobileconfig,
  policyTemplateFiles,
  schemaProperties,
  windowsAdml,
  windowsAdmx,
  windowsRegistry,
  type Deployment,
  type SchemaNode,
} from '../../../lib/rollout/index.ts';
import { EXAMPLE_DEPLOYMENT, EXAMPLE_TEMPLATES_DIR } from '../../../scripts/package/example-deployment.ts';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const schema = loadManagedSchema();
const deployment: Deployment = { chromeId: 'bcdefghijklmnopabcdefghijklmnopa', geckoId: 'undertone@undertone.app', updateBase: 'https://relay.acme.test', schema, config: exampleConfig(schema) };
const properties = schemaProperties(schema);

/** Follows a schema path (`a.b`, `list[].field`) into a config value; undefined when any step is missing. */
function at(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const part of path.split('.')) {
    const [name, ...listMarks] = part.split('[]');
    current = (current as Record<string, unknown> | undefined)?.[name!];
    if (listMarks.length > 0) current = Array.isArray(current) ? current[0] : undefined;
  }
  return current;
}

describe('policy templates', () => {
  it('walks every property of the schema, nested objects and list items included', () => {
    expect(properties.map((p) => p.path)).toEqual([
      'relayUrl',
      'allowPlainLanRelay',
      'helpdeskSites',
      'helpdeskSites[].match',
      'helpdeskSites[].adapter',
      'helpdeskSites[].adapterConfig',
      'sendToCustomer',
      'sendToCustomerSignature',
      'privacy',
      'privacy.listenInAllowed',
      'privacy.customerNames',
      'privacy.redactionPatterns',
      'ui',
      'ui.theme',
      'ui.waitAlertSeconds',
    ]);
  });

  it('fills an example for every property that the extension accepts without a problem', () => {
    for (const { path } of properties) expect(at(deployment.config, path), path).not.toBeUndefined();
    expect(parsePolicy(deployment.config).problems).toEqual([]);
  });

  it('gives a property added to the schema an example from its type, so it shows up in templates at once', () => {
    const grown: SchemaNode = { ...schema, properties: { ...schema.properties, ui: { ...schema.properties!.ui!, properties: { ...schema.properties!.ui!.properties, compact: { type: 'boolean' } } } } };
    const config = exampleConfig(grown);
    expect(at(config, 'ui.compact')).toBe(false);
    expect(windowsRegistry({ ...deployment, schema: grown, config })).toContain('"compact"=dword:00000000');
  });

  it('Chrome JSON: force-installs from the relay update URL and carries every setting under 3rdparty', () => {
    const policy = JSON.parse(chromePolicyJson(deployment));
    expect(policy.ExtensionInstallForcelist).toEqual(['bcdefghijklmnopabcdefghijklmnopa;https://relay.acme.test/extensions/chrome/updates.xml']);
    const config = policy['3rdparty'].extensions[deployment.chromeId];
    for (const { path } of properties) expect(at(config, path), path).toEqual(at(deployment.config, path));
  });

  it('Firefox policies.json: force-installs from install_url and carries every setting under 3rdparty', () => {
    const { policies } = JSON.parse(firefoxPoliciesJson(deployment));
    expect(policies.ExtensionSettings['undertone@undertone.app']).toEqual({
      installation_mode: 'force_installed',
      install_url: 'https://relay.acme.test/extensions/firefox/undertone.xpi',
    });
    const config = policies['3rdparty'].Extensions['undertone@undertone.app'];
    for (const { path } of properties) expect(at(config, path), path).toEqual(at(deployment.config, path));
  });

  it('macOS profile: a Chrome payload with the forcelist and an extension payload with every setting', () => {
    const xml = macosMobileconfig(deployment);
    const [chromePayload, extensionPayload] = xml.split('<string>com.google.Chrome.extensions.').map((s) => s);
    expect(chromePayload).toContain('<key>ExtensionInstallForcelist</key>');
    expect(chromePayload).toContain('<string>bcdefghijklmnopabcdefghijklmnopa;https://relay.acme.test/extensions/chrome/updates.xml</string>');
    expect(extensionPayload!.startsWith(`${deployment.chromeId}</string>`)).toBe(true);
    for (const { path } of properties) expect(extensionPayload, path).toContain(`<key>${path.split('.').pop()!.replace('[]', '')}</key>`);
    expect(extensionPayload).toContain('<key>listenInAllowed</key>\n');
    expect(xml).toMatch(/<key>waitAlertSeconds<\/key>\s*<integer>120<\/integer>/);
  });

  it('Windows .reg: the forcelist entry, and every setting as a value under its key (objects and lists as subkeys)', () => {
    const reg = windowsRegistry(deployment);
    expect(reg.startsWith('Windows Registry Editor Version 5.00\r\n')).toBe(true);
    expect(reg).toContain('"1"="bcdefghijklmnopabcdefghijklmnopa;https://relay.acme.test/extensions/chrome/updates.xml"');
    const sections = new Map<string, string[]>();
    let current = '';
    for (const line of reg.split('\r\n')) {
      if (line.startsWith('[')) sections.set((current = line.slice(1, -1)), []);
      else if (line.startsWith('"')) sections.get(current)!.push(line);
    }
    const base = chromeExtensionPolicyKey(deployment.chromeId);
    for (const { path, node } of properties) {
      if (node.type === 'object' || (node.type === 'array' && node.items?.type === 'object')) continue;
      // helpdeskSites[].match lives in ...\helpdeskSites\1 as "match"; a list of text in its own key as "1", "2", ...
      const segments = path.split('.').map((s) => s.replace('[]', '\\1'));
      const [keyParts, valueName] = node.type === 'array' ? [segments, '1'] : [segments.slice(0, -1), segments.at(-1)!];
      const values = sections.get([base, ...keyParts].join('\\')) ?? [];
      expect(values.some((line) => line.startsWith(`"${valueName}"=`)), path).toBe(true);
    }
    expect(sections.get(`${base}\\ui`)).toEqual(['"theme"="auto"', '"waitAlertSeconds"=dword:00000078']);
    expect(sections.get(`${base}\\privacy\\redactionPatterns`)).toEqual(['"1"="\\\\b\\\\d{16}\\\\b"']);
  });

  it('ADMX/ADML: one policy per setting with its registry value, and words for every property', () => {
    const admx = windowsAdmx(deployment);
    const adml = windowsAdml(deployment);
    const settings = admxSettings(schema, deployment.chromeId);
    expect(settings.map((s) => `${s.path}:${s.kind}`)).toEqual([
      'relayUrl:text',
      'allowPlainLanRelay:boolean',
      'helpdeskSites:json',
      'sendToCustomer:text',
      'sendToCustomerSignature:text',
      'privacy.listenInAllowed:boolean',
      'privacy.customerNames:text',
      'privacy.redactionPatterns:list',
      'ui.theme:text',
      'ui.waitAlertSeconds:decimal',
    ]);
    for (const s of settings) {
      expect(admx).toContain(`<policy name="${s.id}"`);
      expect(adml).toContain(`<string id="${s.id}_Explain">`);
    }
    for (const { path, node } of properties) {
      if (node.type === 'object') continue;
      const name = path.split(/[.\]]/).pop()!;
      expect(path.includes('[]') ? adml : admx, path).toMatch(path.includes('[]') ? new RegExp(`&quot;${name}&quot;`) : new RegExp(`(valueName|key)="[^"]*${name}"`));
    }
  });

  it('the committed examples in policy-templates/example are exactly what the generator makes', () => {
    const files = policyTemplateFiles({ ...EXAMPLE_DEPLOYMENT, schema, config: exampleConfig(schema) });
    for (const [path, data] of files) {
      const committed = readFileSync(join(ROOT, EXAMPLE_TEMPLATES_DIR, path));
      expect(committed.equals(data), `${path} is stale: run npm run policy-templates -- --example`).toBe(true);
    }
  });
});
