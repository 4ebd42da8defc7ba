// Toolbar popup: connection status, unread whispers, and "use Undertone on this site".
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../../components/page-style.css';
import { connectionWords } from '../../components/connection-words.ts';
import { UnreadList } from '../../components/unread-list.tsx';
import { usePageState } from '../../components/use-page-state.ts';
import { askBackground, checkSitePattern, readUserSettings, requestSiteAccess, writeUserSettings } from '../../lib/extension/index.ts';

/** The active tab's site as a pattern, when it is an http(s) page. */
function useCurrentSite(): string | null {
  const [site, setSite] = useState<string | null>(null);
  useEffect(() => {
    void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
      if (!tab?.url || !/^https?:/.test(tab.url)) return;
      const check = checkSitePattern(new URL(tab.url).origin);
      if (check.ok) setSite(check.pattern);
    });
  }, []);
  return site;
}

function Popup() {
  const [state, refresh] = usePageState();
  const site = useCurrentSite();
  const [message, setMessage] = useState<string | null>(null);
  if (!state) return <p>Loading…</p>;
  const useHere = (pattern: string) => {
    void requestSiteAccess(pattern).then(async (granted) => {
      if (!granted) return setMessage('Access was not granted.');
      const current = await readUserSettings();
      const own = (current.helpdeskSites ?? []).filter((s) => s.match !== pattern);
      await writeUserSettings({ ...current, helpdeskSites: [...own, { match: pattern, adapter: 'auto' }] });
      await askBackground({ type: 'sites_changed' });
      setMessage(`Undertone will run on ${pattern} from the next page load.`);
      refresh();
    });
  };
  const listed = site !== null && state.settings.settings.helpdeskSites.some((s) => s.match === site);
  return (
    <main style={{ minWidth: '280px' }}>
      <h1>Undertone</h1>
      <p>
        <span id="status">{connectionWords(state.status)}</span>
        {state.user && <span id="popup-who"> as {state.user.name}</span>}
      </p>
      {state.status.lastError && state.status.state !== 'connected' && <p class="message error">{state.status.lastError}</p>}
      {state.user && (
        <>
          <h2>
            Unread whispers: <span id="unread-count">{state.unreadMessages.length}</span>
          </h2>
          <UnreadList messages={state.unreadMessages} />
        </>
      )}
      {site && !listed && (
        <button id="use-here" type="button" onClick={() => useHere(site)}>
          Use Undertone on this site
        </button>
      )}
      {message && <p class="message">{message}</p>}
      <button id="open-options" type="button" onClick={() => void browser.runtime.openOptionsPage()}>
        {state.user ? 'Settings' : 'Sign in'}
      </button>
    </main>
  );
}

render(<Popup />, document.getElementById('app')!);
