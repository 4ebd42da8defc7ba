// Which adapters a helpdesk tab may use: custom adapters from the sites list (checked here, in the background, so
// the content script never carries the format's validator), then built-ins named by a site, then all built-ins.
import { builtinAdapters } from '../adapters/builtin/index.ts';
import { parseAdapterConfig } from '../adapters/format/index.ts';
import type { AdapterConfig } from '../adapters/format/index.ts';
import type { HelpdeskSite } from './policy.ts';

export type AdapterCatalogue = { adapters: AdapterConfig[]; problems: string[] };

/** Custom adapters first (each limited to its site), then built-ins a site names (applied to that site), then all built-ins. */
export function adapterCatalogue(sites: readonly HelpdeskSite[]): AdapterCatalogue {
  const custom: AdapterConfig[] = [];
  const named: AdapterConfig[] = [];
  const problems: string[] = [];
  for (const site of sites) {
    if (site.adapterConfig !== undefined) {
      const parsed = parseAdapterConfig(site.adapterConfig);
      if (parsed.ok) custom.push({ ...parsed.adapter, match: { ...parsed.adapter.match, urls: [...parsed.adapter.match.urls, site.match] } });
      else problems.push(`The custom adapter for ${site.match} is not usable: ${parsed.message}`);
      continue;
    }
    if (site.adapter === 'auto' || site.adapter === 'custom') continue;
    const builtin = builtinAdapters.find((adapter) => adapter.id === site.adapter || adapter.id.startsWith(`${site.adapter}-`));
    if (builtin) named.push({ ...builtin, match: { ...builtin.match, urls: [site.match] } });
    else problems.push(`${site.match} names the adapter "${site.adapter}", which does not exist; the built-in adapters are tried instead.`);
  }
  return { adapters: [...custom, ...named, ...builtinAdapters], problems };
}
