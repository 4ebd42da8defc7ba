// The extension's managed-storage schema (public/managed_schema.json) as types, and a walk over its properties.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type SchemaNode = {
  type: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  title?: string;
  description?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
};

export const MANAGED_SCHEMA_FILE = fileURLToPath(new URL('../../../public/managed_schema.json', import.meta.url));

export function loadManagedSchema(file = MANAGED_SCHEMA_FILE): SchemaNode {
  return JSON.parse(readFileSync(file, 'utf8')) as SchemaNode;
}

/** One property of the schema: `privacy.listenInAllowed`, `helpdeskSites[].match` (array items are `[]`). */
export type SchemaProperty = { path: string; node: SchemaNode };

/** Every property at every depth, parents before children, in schema order. */
export function schemaProperties(schema: SchemaNode, prefix = ''): SchemaProperty[] {
  const out: SchemaProperty[] = [];
  for (const [name, node] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    out.push({ path, node });
    if (node.type === 'object') out.push(...schemaProperties(node, path));
    if (node.type === 'array' && node.items?.type === 'object') out.push(...schemaProperties(node.items, `${path}[]`));
  }
  return out;
}

/** The words an admin reads about a property: title and description. */
export function describeNode(node: SchemaNode): string {
  return [node.title, node.description].filter(Boolean).join(': ');
}
