// Custom adapters (from policy or pasted in the options page) that fail validation: each error with its place in
// the JSON, so an admin sees why a site is not recognised without opening the developer tools.
import { parseAdapterConfig } from '../lib/adapters/format/index.ts';
import type { HelpdeskSite } from '../lib/extension/index.ts';

type SiteProblems = { site: string; fromPolicy: boolean; errors: string[] };

function problemsOf(sites: readonly HelpdeskSite[], policySites: readonly string[]): SiteProblems[] {
  const found: SiteProblems[] = [];
  for (const site of sites) {
    if (site.adapterConfig === undefined) continue;
    const parsed = parseAdapterConfig(site.adapterConfig);
    if (!parsed.ok) found.push({ site: site.match, fromPolicy: policySites.includes(site.match), errors: parsed.errors });
  }
  return found;
}

/** The listed sites' unusable custom adapters (only the sites `onlySite` keeps, when given); nothing when all are fine. */
export function AdapterProblems(props: { sites: readonly HelpdeskSite[]; policySites: readonly string[]; onlySite?: (site: HelpdeskSite) => boolean }) {
  const problems = problemsOf(props.onlySite ? props.sites.filter(props.onlySite) : props.sites, props.policySites);
  if (problems.length === 0) return null;
  return (
    <section id="adapter-problems" role="alert" aria-labelledby="adapter-problems-title">
      <h2 id="adapter-problems-title">Helpdesk adapters that cannot be used</h2>
      <p>On these sites Undertone tries its built-in adapters instead, so the page may not be recognised.</p>
      {problems.map((entry) => (
        <div key={entry.site} class="adapter-problem" data-adapter-site={entry.site}>
          <p>
            The custom adapter for <strong>{entry.site}</strong>
            {entry.fromPolicy ? ", set by your administrator's policy," : ''} has {entry.errors.length} problem{entry.errors.length === 1 ? '' : 's'}:
          </p>
          <ul>
            {entry.errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
