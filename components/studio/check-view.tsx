// What the real adapter engine reads from the page with the studio's adapter: status, conversation id, customer,
// agent, the listed conversations and the messages with author, time and text (shown here only, never sent).
import type { StudioCheck } from '../../lib/extension/studio/index.ts';

const STATE_WORDS: Record<StudioCheck['status']['state'], string> = {
  inactive: 'The adapter does not apply to this address.',
  idle: 'This address is not a chat page for the adapter.',
  searching: 'Still looking for the chat.',
  recognised: 'Recognised: Undertone can coach on this page.',
  not_recognised: 'Not recognised.',
};

function clock(at: number | null): string {
  return at === null ? 'no time' : new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function CheckView({ check }: { check: StudioCheck }) {
  return (
    <section id="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">What Undertone reads on the page</h2>
      <p id="preview-state" class={check.status.state === 'recognised' ? 'good' : 'error'}>
        {STATE_WORDS[check.status.state]}
      </p>
      {check.missing.length > 0 && <p id="preview-missing" class="error">Not found: {check.missing.join('; ')}</p>}
      {check.warnings.length > 0 && <p id="preview-warnings">Warnings: {check.warnings.join('; ')}</p>}
      <dl>
        <dt>Conversation id</dt>
        <dd id="preview-key">{check.key ?? 'not found'}</dd>
        <dt>Customer</dt>
        <dd id="preview-customer">{check.customer ?? 'not found'}</dd>
        <dt>Signed-in agent</dt>
        <dd id="preview-agent">{check.agentName ?? 'not found'}</dd>
        <dt>Conversations in the list</dt>
        <dd id="preview-conversations">
          {check.conversations.length === 0 ? 'none' : check.conversations.map((c) => `${c.customer || c.key}${c.active ? ' (open)' : ''}`).join(', ')}
        </dd>
        <dt>Messages</dt>
        <dd id="preview-counts">
          {check.counts.customer} from the customer, {check.counts.agent} from agents, {check.counts.system} system lines
        </dd>
        <dt>Reply box / coaching thread place</dt>
        <dd id="preview-places">
          {check.replyBox ? 'reply box found' : 'reply box NOT found'}, {check.whisperThread ? 'place found' : 'place NOT found'}
        </dd>
      </dl>
      <ol id="preview-messages" class="messages">
        {check.messages.map((message) => (
          <li key={message.id} data-author={message.author}>
            <span class="author">{message.author}</span> <span class="time">{clock(message.at)}</span> <span class="text">{message.text}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
