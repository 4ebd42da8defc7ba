// The adapter as JSON for the admin's policy (with checked.against and checked.on filled in), and the whole
// managed-policy value that installs it for every agent; both can be copied or downloaded.
import type { AdapterConfig } from '../../lib/adapters/format/index.ts';
import { policySnippet } from '../../lib/extension/studio/index.ts';

function download(name: string, text: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

export function ExportView({ adapter, site }: { adapter: AdapterConfig; site: string }) {
  const json = JSON.stringify(adapter, null, 2);
  const policy = policySnippet(site, adapter);
  return (
    <section id="export" aria-labelledby="export-title">
      <h2 id="export-title">For every agent: the adapter as JSON</h2>
      <p>Give it to your browser policy (see the adapter guide), or paste it into another browser's Undertone options.</p>
      <textarea id="export-json" readOnly rows={10} value={json} />
      <button type="button" id="download-adapter" onClick={() => download(`${adapter.id}.adapter.json`, json)}>
        Download the adapter
      </button>
      <button type="button" id="copy-adapter" onClick={() => void navigator.clipboard.writeText(json)}>
        Copy
      </button>
      <label for="export-policy">Managed-policy value for the Undertone extension</label>
      <textarea id="export-policy" readOnly rows={6} value={policy} />
      <button type="button" id="download-policy" onClick={() => download(`${adapter.id}.policy.json`, policy)}>
        Download the policy value
      </button>
    </section>
  );
}
