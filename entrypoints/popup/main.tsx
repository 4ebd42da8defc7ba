// Toolbar popup: connection status, unread whispers, "use Undertone on this site", the supervisor console
// and the selector tester for the current tab.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../../components/page-style.css';
import { connectionWords } from '../../components/connection-words.ts';
import { UnreadList } from '../../components/unread-list.tsx';
import { SelectorTester } from '../../components/selector-tester.tsx';
import { usePageState } from '../../components/use-page-state.ts';
import { askBackground, checkSitePattern, readUserSettings, requestSiteAccess, writeUserSettings } from '../../lib/extension/index.ts';
import { openConsole, openConsoleTab } from '../../lib/extension/console-opener.ts';

type CurrentTab = { id: number; windowId: number | undefined; site: string | null };

/**
 * The tab the popup is about: the active tab, or the one named by `?tab=ID` (the popup opened in a tab of its
 * own, e.g. to keep the selector tester open beside the helpdesk).
 */
function useCurrentTab(): CurrentTab | null {
  const [current, setCurrent] = useState<CurrentTab | null>(null);
  useEffect(() => {
    const named = Number(new URLSearchParams(location.search).get('tab'));
    const found = named ? browser.tabs.get(named).then((tab) => [tab]) : browser.tabs.query({ active: true, currentWindow: true });
    void found.then(([tab]) => {
      if (tab?.id === undefined) return;
      const check = tab.url && /^https?:/.test(tab.url) ? checkSitePattern(new URL(tab.url).origin) : null;
      setCurrent({ id: tab.id, windowId: tab.windowId, site: check?.ok ? check.pattern : null });
    });
  }, []);
  return current;
}

function Popup() {
  const [state, refresh] = usePageState();
  const tab = useCurrentTab();
  const site = tab?.site ?? null;
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
      {state.user && state.user.role !== 'agent' && (
        <p>
          <button id="open-console" type="button" onClick={() => void openConsole(tab?.windowId).then(() => window.close())}>
            Open the supervisor console (Alt+Shift+U)
          </button>
          <button id="open-console-tab" type="button" onClick={() => void openConsoleTab().then(() => window.close())}>
            Console in a tab
          </button>
        </p>
      )}
      {tab?.site && <SelectorTester tabId={tab.id} />}
      <button id="open-options" type="button" onClick={() => void browser.runtime.openOptionsPage()}>
        {state.user ? 'Settings' : 'Sign in'}
      </button>
    </main>
  );
}

render(<Popup />, document.getElementById('app')!);
