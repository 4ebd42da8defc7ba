// Unread coaching messages as a list of text (never HTML from the wire).
import type { ThreadMessage } from '../lib/protocol/index.ts';

export function UnreadList({ messages }: { messages: ThreadMessage[] }) {
  if (!messages.length) return <p id="unread-empty">No unread whispers.</p>;
  return (
    <ul id="unread-list" aria-label="Unread whispers">
      {messages.map((m) => (
        <li key={m.id} data-message-id={m.id}>
          <strong>{m.from.name}</strong>
          {m.conversationKey ? ` (${m.conversationKey})` : ''}: <span class="text">{m.text}</span>
        </li>
      ))}
    </ul>
  );
}
