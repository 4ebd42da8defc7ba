// The popup's word on the current tab's site: Undertone runs here, or "Use Undertone on this site", which asks for
// the site, starts Undertone on it and reloads the tab; one statement at a time, never two that disagree.
import { useState } from 'preact/hooks';
import { enableSiteAndReload, siteStanding, type EnableOutcome } from '../../lib/extension/index.ts';

type SiteBoxProps = { tabId: number; tabUrl: string; site: string; listedSites: readonly string[]; activeSites: readonly string[] };

export function SiteBox({ tabId, tabUrl, site, listedSites, activeSites }: SiteBoxProps) {
  const [outcome, setOutcome] = useState<EnableOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const standing = siteStanding(tabUrl, listedSites, activeSites);
  const enable = () => {
    setBusy(true);
    void enableSiteAndReload(site, tabId)
      .catch((error: unknown) => ({ ok: false as const, why: error instanceof Error ? error.message : String(error) }))
      .then((result) => {
        setBusy(false);
        setOutcome(result);
      });
  };
  if (outcome?.ok) {
    return (
      <p id="site-status" class="message" data-standing="runs">
        {outcome.reloaded
          ? `Undertone is on for ${site}; this page was reloaded and Undertone runs on it.`
          : `Undertone is on for ${site}, but ${outcome.why}: reload this page to start it.`}
      </p>
    );
  }
  return (
    <>
      <p id="site-status" data-standing={standing}>
        {standing === 'runs' ? 'Undertone runs on this site.' : standing === 'no_access' ? `${site} is listed, but Undertone has no access to it yet.` : 'Undertone is not used on this site.'}
      </p>
      {standing !== 'runs' && (
        <button id="use-here" type="button" disabled={busy} onClick={enable}>
          Use Undertone on this site
        </button>
      )}
      {outcome && !outcome.ok && (
        <p id="site-message" class="message error" role="alert">
          {outcome.why}
        </p>
      )}
    </>
  );
}
