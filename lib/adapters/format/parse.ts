// Turns an admin's adapter JSON (text or already-parsed value) into a validated adapter or readable errors.
// Each error names the place in the JSON, e.g. `transcript.message: "div[" is not a valid CSS selector`.
import type { z } from 'zod';
import { AdapterConfigSchema, type AdapterConfig } from './schema.ts';

export type AdapterParseResult =
  | { ok: true; adapter: AdapterConfig }
  | { ok: false; errors: string[]; message: string };

type Issue = z.core.$ZodIssue;

function location(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(adapter)';
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index ? '.' : ''}${String(part)}`))
    .join('');
}

/** Union failures carry one issue list per alternative: report the alternative that got furthest. */
function flatten(issue: Issue, base: readonly PropertyKey[]): { path: PropertyKey[]; message: string }[] {
  const path = [...base, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branches = issue.errors.map((branch) => branch.flatMap((inner) => flatten(inner, path)));
    const depth = (list: { path: PropertyKey[] }[]) => Math.max(0, ...list.map((entry) => entry.path.length));
    const typeOnly = (list: { message: string }[]) => list.every((entry) => /^Invalid input: expected/.test(entry.message));
    const best = [...branches].sort((a, b) => Number(typeOnly(a)) - Number(typeOnly(b)) || depth(b) - depth(a))[0];
    if (best && best.length > 0 && !typeOnly(best)) return best;
    return [{ path, message: 'must be a CSS selector (text) or an object like {"selector": "...", "attribute": "..."}' }];
  }
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) return [{ path, message: `is required (${issue.expected})` }];
  if (issue.code === 'unrecognized_keys') {
    return [{ path, message: `${issue.keys.map((key) => `"${key}"`).join(', ')} is not part of the adapter format here` }];
  }
  return [{ path, message: issue.message }];
}

function describe(error: z.ZodError): string[] {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const issue of error.issues) {
    for (const entry of flatten(issue, [])) {
      const line = `${location(entry.path)}: ${entry.message}`;
      if (!seen.has(line)) {
        seen.add(line);
        lines.push(line);
      }
    }
  }
  return lines;
}

/** Validates an adapter given as JSON text or as a parsed value. Never throws. */
export function parseAdapterConfig(json: unknown): AdapterParseResult {
  let raw = json;
  if (typeof json === 'string') {
    try {
      raw = JSON.parse(json);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      const message = `the adapter is not valid JSON: ${detail}`;
      return { ok: false, errors: [message], message };
    }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    const message = 'the adapter must be a JSON object starting with {"format": "undertone-adapter/1", ...}';
    return { ok: false, errors: [message], message };
  }
  const result = AdapterConfigSchema.safeParse(raw);
  if (result.success) return { ok: true, adapter: result.data };
  const errors = describe(result.error);
  const name = (raw as { id?: unknown }).id;
  const label = typeof name === 'string' ? `adapter "${name}"` : 'the adapter';
  return { ok: false, errors, message: `${label} has ${errors.length} problem${errors.length === 1 ? '' : 's'}: ${errors.join('; ')}` };
}
