// The administrators' page check in the options page: pick an open tab of a helpdesk site and see what the adapter
// finds there (the selector tester: counts, found or missing, authors; never customers' text).
import { useEffect, useState } from 'preact/hooks';
import { SelectorTester } from '../../components/selector-tester.tsx';
import { urlMatchesAny } from '../../lib/url-patterns/index.ts';

type HelpdeskTab = { id: number; address: string };

/** Open tabs of the active helpdesk sites; named by address without query or fragment (a title is the page's text). */
function useHelpdeskTabs(activeSites: readonly string[]): HelpdeskTab[] {
  const [tabs, setTabs] = useState<HelpdeskTab[]>([]);
  const sitesKey = activeSites.join(' ');
  useEffect(() => {
    void browser.tabs.query({}).then((all) =>
      setTabs(
        all
          .filter((tab) => tab.id !== undefined && tab.url !== undefined && urlMatchesAny(activeSites, tab.url))
          .map((tab) => {
            const url = new URL(tab.url!);
            return { id: tab.id!, address: `${url.origin}${url.pathname}` };
          }),
      ),
    );
  }, [sitesKey]);
  return tabs;
}

export function PageCheck({ activeSites }: { activeSites: readonly string[] }) {
  const tabs = useHelpdeskTabs(activeSites);
  // `options.html?tab=ID` opens the check for that tab (e.g. beside the helpdesk in a window of its own).
  const named = Number(new URLSearchParams(location.search).get('tab')) || null;
  const [chosen, setChosen] = useState<number | null>(named);
  const tabId = chosen ?? tabs[0]?.id ?? null;
  return (
    <section id="page-check" aria-labelledby="page-check-title">
      <h2 id="page-check-title">For administrators: check a helpdesk page</h2>
      <p>What Undertone's adapter finds on an open helpdesk tab. Counts and parts only: no customer's words or names are shown.</p>
      {tabs.length > 0 && (
        <label>
          Tab{' '}
          <select id="page-check-tab" value={tabId === null ? '' : String(tabId)} onChange={(e) => setChosen(Number(e.currentTarget.value))}>
            {tabs.map((tab) => (
              <option key={tab.id} value={String(tab.id)}>
                {tab.address}
              </option>
            ))}
          </select>
        </label>
      )}
      {tabId === null ? <p id="tester-message">Open your helpdesk in a tab (a site listed above), then check it here.</p> : <SelectorTester key={tabId} tabId={tabId} />}
    </section>
  );
}
