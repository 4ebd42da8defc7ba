// The studio window: the steps to click on the helpdesk page, the adapter's name and the coaching thread's place,
// what the real engine reads with the adapter, saving it for the site and exporting it for policy.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { parseAdapterConfig } from '../../lib/adapters/format/index.ts';
import { sitePatternFor, type MountPosition } from '../../lib/adapters/studio/index.ts';
import { requestSiteAccess } from '../../lib/extension/index.ts';
import { saveStudioAdapter } from '../../lib/extension/studio/index.ts';
import { CheckView } from './check-view.tsx';
import { ExportView } from './export-view.tsx';
import { PartList } from './part-list.tsx';
import { STUDIO_CSS } from './studio-style.ts';
import { useStudioPort } from './use-studio-port.ts';

const POSITIONS: Record<MountPosition, string> = {
  before: 'above it',
  after: 'below it',
  prepend: 'inside it, at the top',
  append: 'inside it, at the bottom',
};

export function StudioApp({ tabId, secret }: { tabId: number; secret: string }) {
  const { state, check, trouble, send } = useStudioPort(tabId, secret);
  const [saved, setSaved] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const adapterJson = state?.adapter ? JSON.stringify(state.adapter) : null;
  const parsed = useMemo(() => (adapterJson ? parseAdapterConfig(adapterJson) : null), [adapterJson]);

  // Every change to a usable adapter is checked on the page at once.
  useEffect(() => {
    if (parsed?.ok) send({ type: 'check', adapter: parsed.adapter as unknown as Record<string, unknown> });
  }, [adapterJson]);
  useEffect(() => setSaved(null), [adapterJson]);

  if (!state) {
    return (
      <main>
        <style>{STUDIO_CSS}</style>
        <h1>Undertone studio</h1>
        <p id="studio-trouble">{trouble ?? 'Connecting to the page…'}</p>
      </main>
    );
  }
  const site = sitePatternFor(state.url);
  const recognised = check?.status.state === 'recognised' && parsed?.ok;
  const save = () => {
    if (!parsed?.ok) return;
    const adapter = parsed.adapter;
    setSaveError(null);
    // The permission request must start inside the click.
    void requestSiteAccess(site).then(async (granted) => {
      if (!granted) return setSaveError(`Access to ${site} was not granted, so Undertone cannot coach there.`);
      await saveStudioAdapter(site, adapter);
      setSaved(`Saved for ${site}. Reload the helpdesk page to start coaching there.`);
    }, (error: unknown) => setSaveError(`Could not save: ${String(error)}`));
  };

  return (
    <main>
      <style>{STUDIO_CSS}</style>
      <h1>Teach Undertone this page</h1>
      <p class="page-name">{state.title || state.url}</p>
      {trouble && (
        <p id="studio-trouble" class="error" role="alert">
          {trouble}
        </p>
      )}
      <p>Click each part on the page as the steps ask. Each part gets a coloured box there; grey boxes are all the messages found.</p>
      <PartList state={state} send={send} />
      {state.picking && (
        <button type="button" id="stop-picking" onClick={() => send({ type: 'stop_picking' })}>
          Stop picking (use the page normally)
        </button>
      )}
      <section aria-labelledby="details-title">
        <h2 id="details-title">Details</h2>
        <label for="adapter-name">Helpdesk name</label>
        <input id="adapter-name" type="text" value={state.name} onChange={(e) => send({ type: 'options', name: e.currentTarget.value || state.name, whisperPosition: state.whisperPosition })} />
        <label for="whisper-position">The coaching thread goes</label>
        <select id="whisper-position" value={state.whisperPosition} onChange={(e) => send({ type: 'options', name: state.name, whisperPosition: e.currentTarget.value as MountPosition })}>
          {(Object.keys(POSITIONS) as MountPosition[]).map((position) => (
            <option key={position} value={position}>
              {POSITIONS[position]}
            </option>
          ))}
        </select>
        {state.key && (
          <p id="studio-key">
            Conversation id now: <code>{state.key.value}</code> (from {state.key.source === 'attribute' ? 'the page' : `the address's ${state.key.source === 'fragment' ? '#fragment' : state.key.source}`})
          </p>
        )}
      </section>
      {state.problems.length > 0 && (
        <ul id="studio-problems" class="error">
          {state.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      {state.warnings.length > 0 && (
        <ul id="studio-warnings">
          {state.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      {parsed && !parsed.ok && (
        <ul id="adapter-errors" class="error">
          {parsed.errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      )}
      {parsed?.ok && check && <CheckView check={check} />}
      {parsed?.ok && (
        <section aria-labelledby="save-title">
          <h2 id="save-title">Save</h2>
          <button type="button" id="check-again" onClick={() => send({ type: 'check', adapter: parsed.adapter as unknown as Record<string, unknown> })}>
            Check again on the page
          </button>
          <button type="button" id="save" disabled={!recognised} onClick={save}>
            Save for {site}
          </button>
          {!recognised && <p class="hint">Saving is possible once the check above says the page is recognised.</p>}
          {saved && (
            <p id="save-message" class="good" role="status">
              {saved}{' '}
              <button type="button" id="reload-page" onClick={() => void browser.tabs.reload(tabId)}>
                Reload the helpdesk page
              </button>
            </p>
          )}
          {saveError && (
            <p id="save-message" class="error" role="alert">
              {saveError}
            </p>
          )}
        </section>
      )}
      {parsed?.ok && <ExportView adapter={parsed.adapter} site={site} />}
      <button type="button" id="close-studio" onClick={() => {
        send({ type: 'close' });
        window.close();
      }}>
        Close the studio
      </button>
    </main>
  );
}
