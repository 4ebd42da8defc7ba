// The selector tester: what the helpdesk adapter finds on a tab right now (the active chat's id, messages counted by
// author, the authors of the last messages, reply box and mount places, what is missing); never customers' text.
import { useEffect, useState } from 'preact/hooks';
import type { InspectAnswer, TabMessage } from '../lib/extension/messages.ts';

type Loaded = { ok: true; answer: InspectAnswer } | { ok: false; message: string } | null;

const STATE_WORDS: Record<InspectAnswer['status']['state'], string> = {
  inactive: 'No adapter applies to this page.',
  idle: 'A helpdesk page, but not a chat view.',
  searching: 'Looking for the chat on this page…',
  recognised: 'Recognised.',
  not_recognised: 'This helpdesk page is not recognised.',
};

export function SelectorTester({ tabId }: { tabId: number }) {
  const [loaded, setLoaded] = useState<Loaded>(null);
  const run = () => {
    browser.tabs.sendMessage(tabId, { type: 'inspect' } satisfies TabMessage).then(
      (answer) => setLoaded(answer ? { ok: true, answer: answer as InspectAnswer } : { ok: false, message: 'Undertone does not run on this tab.' }),
      () => setLoaded({ ok: false, message: 'Undertone does not run on this tab (add the site first, then reload the tab).' }),
    );
  };
  useEffect(run, [tabId]);
  if (!loaded) return <p>Checking the page…</p>;
  if (!loaded.ok) return <p id="tester-message">{loaded.message}</p>;
  const { answer } = loaded;
  const found = answer.inspection;
  return (
    <section id="selector-tester" aria-labelledby="tester-title">
      <h2 id="tester-title">What the adapter finds here</h2>
      <p id="tester-state">
        {answer.adapterId ? `Adapter ${answer.adapterId}: ` : ''}
        {STATE_WORDS[answer.status.state]}
      </p>
      {found && (
        <dl>
          <dt>Active conversation</dt>
          <dd id="tester-active">{found.active ? `found, chat id ${found.active.key}, customer name ${found.active.customerFound ? 'found' : 'not found'}` : 'none'}</dd>
          <dt>Open chats in the list</dt>
          <dd id="tester-chats">{found.chatCount === null ? 'list not found' : String(found.chatCount)}</dd>
          <dt>Signed-in agent</dt>
          <dd id="tester-agent">{found.agentFound ? 'found' : 'not found'}</dd>
          <dt>Messages</dt>
          <dd id="tester-counts">{found.transcriptFound ? `${found.counts.customer} customer, ${found.counts.agent} agent, ${found.counts.system} system` : 'transcript not found'}</dd>
          <dt>Authors of the last messages</dt>
          <dd>
            <ol id="tester-last">
              {found.lastAuthors.map((author, index) => (
                <li key={index} data-author={author}>
                  {author}
                </li>
              ))}
            </ol>
          </dd>
          <dt>Reply box</dt>
          <dd id="tester-reply-box">{found.replyBox ? 'found' : 'not found'}</dd>
          <dt>Places for Undertone</dt>
          <dd id="tester-mounts">
            whisper thread {found.mounts.whisperThread ? 'found' : 'not found'}, supervisor panel {found.mounts.supervisorPanel ? 'found' : 'not found'}
          </dd>
          {found.missing.length > 0 && (
            <>
              <dt>Missing</dt>
              <dd id="tester-missing">{found.missing.join('; ')}</dd>
            </>
          )}
          {found.warnings.length > 0 && (
            <>
              <dt>Warnings</dt>
              <dd id="tester-warnings">{found.warnings.join('; ')}</dd>
            </>
          )}
        </dl>
      )}
      <button id="tester-again" type="button" onClick={run}>
        Check again
      </button>
    </section>
  );
}
