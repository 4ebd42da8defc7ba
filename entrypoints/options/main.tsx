// Options page: sign-in, who you are, connection state, helpdesk sites and settings, with the admin's policy locks,
// and the administrators' check of a helpdesk page.
import { render } from 'preact';
import { useState } from 'preact/hooks';
import '../../components/page-style.css';
import { connectionWords } from '../../components/connection-words.ts';
import { usePageState } from '../../components/use-page-state.ts';
import { RelayUrlNote } from './relay-url-note.tsx';
import { AdapterProblems } from '../../components/adapter-problems.tsx';
import { parseAdapterConfig } from '../../lib/adapters/format/index.ts';
import {
  askBackground,
  checkSitePattern,
  readUserSettings,
  releaseSiteAccess,
  requestSiteAccess,
  writeUserSettings,
  type HelpdeskSite,
  type PageState,
  type SettingName,
  type Settings,
} from '../../lib/extension/index.ts';
import { SsoSignIn } from './sso-sign-in.tsx';
import { OrgOverview } from './org-overview.tsx';
import { SendToCustomerSetting } from './send-to-customer.tsx';
import { PageCheck } from './page-check.tsx';

function Locked({ state, name }: { state: PageState; name: SettingName }) {
  return state.settings.locked.includes(name) ? <span class="locked" data-locked-note={name}> (set by your administrator)</span> : null;
}

async function saveSetting<K extends SettingName>(name: K, value: Settings[K]): Promise<void> {
  const current = await readUserSettings();
  await writeUserSettings({ ...current, [name]: value });
}

function SignIn({ state }: { state: PageState }) {
  const locked = state.settings.locked.includes('relayUrl');
  const [relayUrl, setRelayUrl] = useState(state.settings.settings.relayUrl);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const allowPlainLan = state.settings.settings.allowPlainLanRelay;
  const submit = async (event: Event) => {
    event.preventDefault();
    // Read the fields at submit time: what the user sees is what is sent.
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const url = locked ? state.settings.settings.relayUrl : String(form.get('relayUrl') ?? '');
    setBusy(true);
    setMessage(null);
    const result = await askBackground({ type: 'sign_in', relayUrl: url, code: String(form.get('code') ?? '') });
    setBusy(false);
    if (result.ok) {
      if (!locked) await saveSetting('relayUrl', url);
    } else setMessage(result.message);
  };
  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">Sign in</h2>
      <label for="relay-url">
        Relay URL
        <Locked state={state} name="relayUrl" />
      </label>
      <input
        id="relay-url"
        name="relayUrl"
        type="url"
        defaultValue={state.settings.settings.relayUrl}
        disabled={locked}
        placeholder="wss://relay.example.com"
        onInput={(e) => setRelayUrl(e.currentTarget.value)}
      />
      <RelayUrlNote id="relay-url-note" url={locked ? state.settings.settings.relayUrl : relayUrl} allowPlainLan={allowPlainLan} />
      <SsoSignIn relayUrl={locked ? state.settings.settings.relayUrl : relayUrl} onSignedIn={() => void (!locked && saveSetting('relayUrl', relayUrl))} />
      <label for="enroll-code">Enrollment code</label>
      <input id="enroll-code" name="code" type="text" autocomplete="off" />
      <button id="sign-in" type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      {message && (
        <p id="sign-in-message" class="message error" role="alert">
          {message}
        </p>
      )}
    </form>
  );
}

function Account({ state }: { state: PageState }) {
  const user = state.user!;
  const teams = user.teams.map((t) => t.name).join(', ') || 'no team';
  return (
    <section aria-labelledby="account-title">
      <h2 id="account-title">Signed in</h2>
      <p id="who">
        {user.name}, {user.role} in {teams}, {user.orgName}
      </p>
      <p>
        Relay: <span id="relay">{state.relayUrl}</span>
      </p>
      <RelayUrlNote id="relay-transport-warning" url={state.relayUrl ?? ''} allowPlainLan={state.settings.settings.allowPlainLanRelay} />
      <p>
        Connection: <span id="connection-state">{connectionWords(state.status)}</span>
      </p>
      {state.status.lastError && (
        <p id="last-error" class="message error">
          {state.status.lastError}
        </p>
      )}
      <button id="sign-out" type="button" onClick={() => void askBackground({ type: 'sign_out' })}>
        Sign out
      </button>
    </section>
  );
}

function Sites({ state, refresh }: { state: PageState; refresh: () => void }) {
  const [pattern, setPattern] = useState('');
  const [adapterJson, setAdapterJson] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const sites = state.settings.settings.helpdeskSites;
  const add = (event: Event) => {
    event.preventDefault();
    const check = checkSitePattern(pattern);
    if (!check.ok) return setMessage(check.message);
    // A custom adapter is checked before anything is asked or stored; each problem names its place in the JSON.
    let site: HelpdeskSite = { match: check.pattern, adapter: 'auto' };
    if (adapterJson.trim()) {
      const parsed = parseAdapterConfig(adapterJson);
      if (!parsed.ok) return setMessage(`The adapter is not usable: ${parsed.errors.join('; ')}`);
      site = { match: check.pattern, adapter: 'custom', adapterConfig: adapterJson.trim() };
    }
    // The permission request must start inside the click, before any other await.
    void requestSiteAccess(check.pattern).then(async (granted) => {
      if (!granted) return setMessage(`Access to ${check.pattern} was not granted, so Undertone will not run there.`);
      const current = await readUserSettings();
      const own = (current.helpdeskSites ?? []).filter((s) => s.match !== check.pattern);
      await writeUserSettings({ ...current, helpdeskSites: [...own, site] });
      await askBackground({ type: 'sites_changed' });
      setPattern('');
      setAdapterJson('');
      setMessage(null);
      refresh();
    });
  };
  /** A listed site without access yet (e.g. one from policy): the browser asks the user, inside this click. */
  const allow = (match: string) => {
    void requestSiteAccess(match).then(async (granted) => {
      if (!granted) return setMessage(`Access to ${match} was not granted, so Undertone will not run there.`);
      await askBackground({ type: 'sites_changed' });
      setMessage(null);
      refresh();
    });
  };
  const remove = async (match: string) => {
    const current = await readUserSettings();
    const rest = (current.helpdeskSites ?? []).filter((s) => s.match !== match);
    await writeUserSettings({ ...current, helpdeskSites: rest });
    await releaseSiteAccess(match, [...rest, ...sites.filter((s) => state.settings.policySites.includes(s.match))]);
    await askBackground({ type: 'sites_changed' });
    refresh();
  };
  return (
    <section aria-labelledby="sites-title">
      <h2 id="sites-title">Helpdesk sites</h2>
      {sites.length === 0 ? (
        <p>No sites yet. Add your helpdesk's address, or open it and choose "Use Undertone on this site" in the toolbar popup.</p>
      ) : (
        <ul id="sites">
          {sites.map((site) => (
            <li key={site.match} data-site={site.match}>
              {site.match} ({site.adapter}){' '}
              {state.activeSites.includes(site.match) ? (
                'active'
              ) : (
                <>
                  no access yet{' '}
                  <button type="button" class="allow-access" aria-label={`Allow access to ${site.match}`} onClick={() => allow(site.match)}>
                    Allow access
                  </button>
                </>
              )}
              {state.settings.policySites.includes(site.match) ? (
                <span class="locked"> (set by your administrator)</span>
              ) : (
                <button type="button" aria-label={`Remove ${site.match}`} onClick={() => void remove(site.match)}>
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add}>
        <label for="site-pattern">Add a site</label>
        <input id="site-pattern" type="text" value={pattern} placeholder="https://support.example.com/*" onInput={(e) => setPattern(e.currentTarget.value)} />
        <label for="site-adapter">Custom adapter (optional; JSON, see the adapter guide)</label>
        <textarea
          id="site-adapter"
          rows={6}
          style={{ width: '100%', maxWidth: '420px', font: '12px ui-monospace, monospace' }}
          value={adapterJson}
          placeholder='{"format": "undertone-adapter/1", …} (leave empty to use the built-in adapters)'
          onInput={(e) => setAdapterJson(e.currentTarget.value)}
        />
        <button id="add-site" type="submit">
          Add site
        </button>
        {message && (
          <p id="site-message" class="message error" role="alert">
            {message}
          </p>
        )}
      </form>
    </section>
  );
}

function Preferences({ state }: { state: PageState }) {
  const { settings, locked } = state.settings;
  return (
    <section aria-labelledby="prefs-title">
      <h2 id="prefs-title">Settings</h2>
      <label>
        <input
          id="listen-in"
          type="checkbox"
          checked={settings.listenInAllowed}
          disabled={locked.includes('listenInAllowed')}
          onChange={(e) => void saveSetting('listenInAllowed', e.currentTarget.checked)}
        />{' '}
        Allow supervisors to listen in
        <Locked state={state} name="listenInAllowed" />
      </label>
      <label for="theme">
        Theme
        <Locked state={state} name="theme" />
      </label>
      <select id="theme" value={settings.theme} disabled={locked.includes('theme')} onChange={(e) => void saveSetting('theme', e.currentTarget.value as Settings['theme'])}>
        <option value="auto">Follow the page</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
      <SendToCustomerSetting state={state} save={(mode) => void saveSetting('sendToCustomer', mode)} />
    </section>
  );
}

function Options() {
  const [state, refresh] = usePageState();
  if (!state) return <p>Loading…</p>;
  return (
    <main>
      <h1>Undertone</h1>
      {state.settings.problems.length > 0 && (
        <section id="policy-problems" role="alert" aria-labelledby="policy-title">
          <h2 id="policy-title">Problems in your administrator's policy</h2>
          <p>These settings were ignored; the rest of the policy applies.</p>
          <ul>
            {state.settings.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </section>
      )}
      {state.user ? <Account state={state} /> : <SignIn state={state} />}
      {state.user?.role === 'admin' && <OrgOverview />}
      <AdapterProblems sites={state.settings.settings.helpdeskSites} policySites={state.settings.policySites} />
      <Sites state={state} refresh={refresh} />
      <Preferences state={state} />
      <PageCheck activeSites={state.activeSites} />
    </main>
  );
}

render(<Options />, document.getElementById('app')!);
