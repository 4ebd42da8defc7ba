// The background's adapter health: which helpdesk sites this browser cannot read (required parts its tabs report
// missing, a custom adapter that does not validate), sent to the relay as `adapter_health` on change (gathered for
// 2 s) and after each welcome. Only names from settings and adapters go out, never page content.
import type { AdapterConfig } from '../adapters/format/index.ts';
import { parseAdapterConfig } from '../adapters/format/index.ts';
import type { AdapterHealthFrame, HealthPart, MissingPart, SiteHealth } from '../protocol/index.ts';
import { urlMatchesAny } from '../url-patterns/index.ts';
import { adapterCatalogue } from './adapter-catalogue.ts';
import type { HelpdeskSite } from './policy.ts';

/** What is remembered per site across worker restarts: the adapter and the parts missing since when. */
type Broken = { adapterId: string; missing: MissingPart[] };

export type AdapterHealthOptions = {
  /** Sends a live frame now; false when not connected (the next welcome sends it). */
  send(frame: AdapterHealthFrame): boolean;
  /** The configured helpdesk sites, read at each use. */
  sites(): readonly HelpdeskSite[];
  /** Where the broken sites are kept while the browser runs (storage.session); absent in tests. */
  store?: { load(): Promise<unknown>; save(value: Record<string, Broken>): Promise<void> };
  gatherMs?: number;
  now?: () => number;
};

/** A short, stable hash of an adapter's configuration (FNV-1a, 32 bits, hex). */
function configHash(adapter: AdapterConfig): string {
  let hash = 0x811c9dc5;
  for (const char of JSON.stringify(adapter)) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** `checked.on` and the hash, e.g. `2026-11-29.1a2b3c4d` (`unchecked.…` without a check date). */
export function adapterVersion(adapter: AdapterConfig): string {
  return `${adapter.checked?.on ?? 'unchecked'}.${configHash(adapter)}`;
}

/** One line of at most 300 characters, as the wire allows. */
const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ').slice(0, 300);

export class AdapterHealth {
  private broken: Record<string, Broken> = {};
  private lastSent: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  readonly loaded: Promise<void>;

  constructor(private readonly o: AdapterHealthOptions) {
    this.loaded = (o.store?.load() ?? Promise.resolve(undefined)).then(
      (value) => {
        if (value && typeof value === 'object') this.broken = { ...(value as Record<string, Broken>), ...this.broken };
      },
      () => {},
    );
  }

  /** A tab's reading of its page: not recognised marks the tab's site broken, recognised makes it healthy again. */
  pageReport(url: string, state: string, adapterId: string | null, parts: readonly HealthPart[]): void {
    const site = this.o.sites().find((s) => urlMatchesAny([s.match], url));
    if (!site) return;
    if (state === 'recognised') {
      if (!this.broken[site.match]) return;
      delete this.broken[site.match];
    } else if (state === 'not_recognised' && adapterId && parts.length > 0) {
      const now = (this.o.now ?? Date.now)();
      const before = new Map(this.broken[site.match]?.missing.map((m) => [m.part, m.since]) ?? []);
      this.broken[site.match] = { adapterId, missing: [...new Set(parts)].map((part) => ({ part, since: before.get(part) ?? now })) };
    } else return;
    void this.o.store?.save(this.broken).catch(() => {});
    this.changed();
  }

  /** Settings changed (sites, custom adapters): the report is worked out again. */
  changed(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush(false);
    }, this.o.gatherMs ?? 2000);
  }

  /** A new relay session: the whole list goes out again. */
  connectionReset(): void {
    void this.loaded.then(() => this.flush(true));
  }

  /** The sites this browser cannot read, as the relay gets them. */
  report(): SiteHealth[] {
    const sites = this.o.sites();
    const { adapters } = adapterCatalogue(sites);
    const out: SiteHealth[] = [];
    for (const site of sites) {
      const parsed = site.adapterConfig === undefined ? null : parseAdapterConfig(site.adapterConfig);
      const adapterErrors = parsed && !parsed.ok ? parsed.errors.slice(0, 20).map(oneLine) : [];
      const broken = this.broken[site.match];
      const adapter = broken ? adapters.find((a) => a.id === broken.adapterId) : undefined;
      const missing = adapter ? broken!.missing : [];
      if (missing.length === 0 && adapterErrors.length === 0) continue;
      out.push({ site: site.match, adapter: adapter ? { id: adapter.id, name: adapter.name, version: adapterVersion(adapter) } : null, missing, adapterErrors });
    }
    return out.slice(0, 50);
  }

  private flush(always: boolean): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const sites = this.report();
    const json = JSON.stringify(sites);
    if (!always && json === this.lastSent) return;
    if (this.o.send({ type: 'adapter_health', sites })) this.lastSent = json;
  }
}
