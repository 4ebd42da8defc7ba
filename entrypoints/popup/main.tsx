// Toolbar popup: connection status, unread whispers, whether Undertone runs on this site ("use Undertone on this
// site"), the supervisor console and "Teach Undertone this page" (the adapter studio).
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import '../../components/page-style.css';
import { connectionWords } from '../../components/connection-words.ts';
import { UnreadList, unreadChatId } from '../../components/unread-list.tsx';
import { GuestChatsList } from '../../components/guests/guest-chats-list.tsx';
import { AdapterProblems } from '../../components/adapter-problems.tsx';
import { usePageState } from '../../components/use-page-state.ts';
import { askBackground, checkSitePattern } from '../../lib/extension/index.ts';
import type { UnreadChat } from '../../lib/extension/unread-chats.ts';
import { SiteBox } from './site-box.tsx';
import { openConsole, openConsoleTab } from '../../lib/extension/console-opener.ts';
import { startStudio } from '../../lib/extension/studio/index.ts';
import { urlMatchesAny } from '../../lib/url-patterns/index.ts';

type CurrentTab = { id: number; windowId: number | undefined; site: string | null; url: string | null };

/**
 * The tab the popup is about: the active tab, or the one named by `?tab=ID` (the popup opened in a tab of its
 * own, e.g. beside the helpdesk).
 */
function useCurrentTab(): CurrentTab | null {
  const [current, setCurrent] = useState<CurrentTab | null>(null);
  useEffect(() => {
    const named = Number(new URLSearchParams(location.search).get('tab'));
    const found = named ? browser.tabs.get(named).then((tab) => [tab]) : browser.tabs.query({ active: true, currentWindow: true });
    void found.then(([tab]) => {
      if (tab?.id === undefined) return;
      const check = tab.url && /^https?:/.test(tab.url) ? checkSitePattern(new URL(tab.url).origin) : null;
      setCurrent({ id: tab.id, windowId: tab.windowId, site: check?.ok ? check.pattern : null, url: tab.url ?? null });
    });
  }, []);
  return current;
}

/** The site pattern applies to the address (ports aside, as for host permissions). */
function siteCovers(pattern: string, url: string): boolean {
  return urlMatchesAny([pattern], url);
}

function Popup() {
  const [state] = usePageState();
  const tab = useCurrentTab();
  const site = tab?.site ?? null;
  const [message, setMessage] = useState<string | null>(null);
  const [studioUrl, setStudioUrl] = useState<string | null>(null);
  const [openProblems, setOpenProblems] = useState<Record<string, string>>({});
  if (!state) return <p>Loading…</p>;
  const openChat = async (chat: UnreadChat): Promise<string | null> => {
    if (chat.conversationKey === null) return null;
    const result = await askBackground({ type: 'open_chat', conversationKey: chat.conversationKey });
    if (result.ok) {
      // A popup opened as a tab (?tab=) stays; the toolbar popup closes as the chat comes to the front.
      if (!new URLSearchParams(location.search).has('tab')) window.close();
      return null;
    }
    setOpenProblems((before) => ({ ...before, [unreadChatId(chat)]: result.message }));
    return result.message;
  };
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
          <UnreadList chats={state.unreadChats} onOpen={openChat} problems={openProblems} />
          <GuestChatsList open={(g) => void browser.tabs.create({ url: browser.runtime.getURL(`/guest.html?grant=${encodeURIComponent(g.id)}`) })} />
        </>
      )}
      {tab?.url && site && (
        <SiteBox
          tabId={tab.id}
          tabUrl={tab.url}
          site={site}
          listedSites={state.settings.settings.helpdeskSites.map((s) => s.match)}
          activeSites={state.activeSites}
        />
      )}
      {message && <p class="message">{message}</p>}
      {studioUrl && (
        <p class="message">
          The studio opened in its own window.{' '}
          <a id="studio-link" href={studioUrl} target="_blank" rel="noreferrer">
            Open it here instead
          </a>
        </p>
      )}
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
      {tab?.url && (
        <AdapterProblems sites={state.settings.settings.helpdeskSites} policySites={state.settings.policySites} onlySite={(site) => siteCovers(site.match, tab.url!)} />
      )}
      {tab?.site && state.user?.role !== 'agent' && (
        <button
          id="teach-page"
          type="button"
          onClick={() =>
            void startStudio(tab.id).then((started) => {
              if (!started.ok) return setMessage(started.message);
              // The studio opens in its own window; a popup opened as a tab (?tab=) stays, with a link to it.
              if (!new URLSearchParams(location.search).has('tab')) window.close();
              setStudioUrl(started.studioUrl);
            })
          }
        >
          Teach Undertone this page
        </button>
      )}
      <button id="open-options" type="button" onClick={() => void browser.runtime.openOptionsPage()}>
        {state.user ? 'Settings' : 'Sign in'}
      </button>
    </main>
  );
}

render(<Popup />, document.getElementById('app')!);
