// Windows Group Policy template (ADMX + en-US ADML) for Undertone's managed config in Google Chrome, one policy per
// schema setting: text, numbers, on/off, and lists; lists of objects are JSON text, which Chrome parses by the schema.
import { describeNode, schemaProperties, type SchemaNode } from './managed-schema.ts';
import type { Deployment } from './deployment.ts';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

type AdmxSetting = { id: string; path: string; key: string; valueName: string; node: SchemaNode; kind: 'text' | 'json' | 'decimal' | 'boolean' | 'list' };

/** The leaf settings of the schema: objects become registry subkeys; lists of objects are one JSON text value. */
export function admxSettings(schema: SchemaNode, chromeId: string): AdmxSetting[] {
  const base = `Software\\Policies\\Google\\Chrome\\3rdparty\\extensions\\${chromeId}\\policy`;
  return schemaProperties(schema)
    .filter(({ path, node }) => node.type !== 'object' && !path.includes('[]'))
    .map(({ path, node }) => {
      const parts = path.split('.');
      const valueName = parts.pop()!;
      const key = [base, ...parts].join('\\');
      const id = path.replace(/\./g, '_');
      const kind: AdmxSetting['kind'] =
        node.type === 'boolean' ? 'boolean'
        : node.type === 'integer' || node.type === 'number' ? 'decimal'
        : node.type === 'array' ? (node.items?.type === 'string' ? 'list' : 'json')
        : 'text';
      return { id, path, key, valueName, node, kind };
    });
}

export function windowsAdmx(d: Deployment): string {
  const policies = admxSettings(d.schema, d.chromeId).map((s) => {
    const head = `    <policy name="${s.id}" class="Machine" displayName="$(string.${s.id})" explainText="$(string.${s.id}_Explain)" key="${escapeXml(s.key)}"`;
    const common = `      <parentCategory ref="Undertone" />\n      <supportedOn ref="SUPPORTED_CHROME" />`;
    if (s.kind === 'boolean') {
      return `${head} valueName="${s.valueName}">\n${common}\n      <enabledValue><decimal value="1" /></enabledValue>\n      <disabledValue><decimal value="0" /></disabledValue>\n    </policy>`;
    }
    const element =
      s.kind === 'decimal' ? `<decimal id="${s.id}" valueName="${s.valueName}" minValue="0" maxValue="2000000000" />`
      : s.kind === 'list' ? `<list id="${s.id}" key="${escapeXml(`${s.key}\\${s.valueName}`)}" valuePrefix="" />`
      : `<text id="${s.id}" valueName="${s.valueName}" maxLength="32000" />`;
    return `${head} presentation="$(presentation.${s.id})">\n${common}\n      <elements>\n        ${element}\n      </elements>\n    </policy>`;
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<!-- Undertone managed configuration for Google Chrome. Generated from the extension\'s managed schema (npm run policy-templates). -->',
    '<policyDefinitions xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0">',
    '  <policyNamespaces>',
    `    <target prefix="undertone" namespace="Undertone.Policies.${d.chromeId}" />`,
    '  </policyNamespaces>',
    '  <resources minRequiredRevision="1.0" />',
    '  <supportedOn>',
    '    <definitions>',
    '      <definition name="SUPPORTED_CHROME" displayName="$(string.SUPPORTED_CHROME)" />',
    '    </definitions>',
    '  </supportedOn>',
    '  <categories>',
    '    <category name="Undertone" displayName="$(string.Undertone)" />',
    '  </categories>',
    '  <policies>',
    ...policies,
    '  </policies>',
    '</policyDefinitions>',
    '',
  ].join('\n');
}

/** Words for an object list: its title and description, then each item property's. */
function explain(s: AdmxSetting): string {
  const lines = [describeNode(s.node) || s.path];
  if (s.kind === 'json' && s.node.items?.properties) {
    lines.push('', 'Enter a JSON list; each entry is an object with:');
    for (const [name, child] of Object.entries(s.node.items.properties)) lines.push(`  "${name}" (${child.type}): ${describeNode(child)}`);
    lines.push('', 'Example: [{"match": "https://support.example.com/*", "adapter": "zendesk"}]');
  }
  if (s.kind === 'list') lines.push('', 'One entry per line.');
  lines.push('', `Registry: ${s.key}\\${s.valueName}`);
  return lines.join('\n');
}

export function windowsAdml(d: Deployment): string {
  const settings = admxSettings(d.schema, d.chromeId);
  const strings = settings.flatMap((s) => [
    `      <string id="${s.id}">${escapeXml(s.node.title ?? s.path)} (${escapeXml(s.path)})</string>`,
    `      <string id="${s.id}_Explain">${escapeXml(explain(s))}</string>`,
  ]);
  const presentations = settings
    .filter((s) => s.kind !== 'boolean')
    .map((s) => {
      const label = escapeXml(s.node.title ?? s.path);
      const control =
        s.kind === 'decimal' ? `<decimalTextBox refId="${s.id}">${label}</decimalTextBox>`
        : s.kind === 'list' ? `<listBox refId="${s.id}">${label}</listBox>`
        : `<textBox refId="${s.id}"><label>${label}</label></textBox>`;
      return `      <presentation id="${s.id}">\n        ${control}\n      </presentation>`;
    });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<policyDefinitionResources xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0">',
    '  <displayName>Undertone</displayName>',
    '  <description>Undertone managed configuration for Google Chrome</description>',
    '  <resources>',
    '    <stringTable>',
    '      <string id="Undertone">Undertone</string>',
    '      <string id="SUPPORTED_CHROME">Google Chrome with the Undertone extension</string>',
    ...strings,
    '    </stringTable>',
    '    <presentationTable>',
    ...presentations,
    '    </presentationTable>',
    '  </resources>',
    '</policyDefinitionResources>',
    '',
  ].join('\n');
}
