// A complete managed configuration for the templates: the admin's own values where given, an example for every
// other schema property, so each template shows every setting the extension reads.
import type { SchemaNode } from './managed-schema.ts';

/** Example values for the properties we know; any other property gets one from its type. */
const EXAMPLES: Record<string, unknown> = {
  relayUrl: 'wss://relay.example.com',
  'helpdeskSites[].match': 'https://support.example.com/*',
  'helpdeskSites[].adapter': 'zendesk',
  'helpdeskSites[].adapterConfig': '{}',
  allowPlainLanRelay: false,
  'privacy.listenInAllowed': true,
  'privacy.customerNames': 'with_listen_in',
  'privacy.redactionPatterns[]': '\\b\\d{16}\\b',
  'ui.theme': 'auto',
  'ui.waitAlertSeconds': 120,
  sendToCustomer: 'off',
  sendToCustomerSignature: '— {name}, {team}',
};

function example(node: SchemaNode, path: string): unknown {
  if (path in EXAMPLES) return EXAMPLES[path];
  switch (node.type) {
    case 'object':
      return Object.fromEntries(Object.entries(node.properties ?? {}).map(([k, child]) => [k, example(child, path ? `${path}.${k}` : k)]));
    case 'array':
      return node.items ? [example(node.items, `${path}[]`)] : [];
    case 'string':
      return '';
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return false;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The schema's full example, with the admin's values laid over it (objects merge, everything else replaces). */
export function exampleConfig(schema: SchemaNode, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const merge = (base: unknown, over: unknown): unknown => {
    if (!isObject(base) || !isObject(over)) return over === undefined ? base : over;
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) out[k] = merge(base[k], v);
    return out;
  };
  return merge(example(schema, ''), overrides) as Record<string, unknown>;
}
