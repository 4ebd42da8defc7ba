// Saving a studio-made adapter for its site (the user's own sites list) and the policy snippet an admin deploys.
import type { AdapterConfig } from '../../adapters/format/schema.ts';
import { readUserSettings, writeUserSettings } from '../extension-state.ts';
import { askBackground } from '../messages.ts';

/** Stores the adapter as the site's custom adapter, replacing an earlier one, and re-registers the content script. */
export async function saveStudioAdapter(site: string, adapter: AdapterConfig): Promise<void> {
  const current = await readUserSettings();
  const others = (current.helpdeskSites ?? []).filter((entry) => entry.match !== site);
  await writeUserSettings({ ...current, helpdeskSites: [...others, { match: site, adapter: 'custom', adapterConfig: JSON.stringify(adapter) }] });
  await askBackground({ type: 'sites_changed' });
}

/** The managed-policy value that installs the adapter on every agent's browser (see docs/adapters.md). */
export function policySnippet(site: string, adapter: AdapterConfig): string {
  return JSON.stringify({ helpdeskSites: [{ match: site, adapter: 'custom', adapterConfig: JSON.stringify(adapter) }] }, null, 2);
}
