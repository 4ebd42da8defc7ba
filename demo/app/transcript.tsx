// The demo desk's transcript: only the latest messages are rendered (a windowed list), older ones on request.
import { useState } from 'preact/hooks';
import type { DemoMessage } from '../simulation.ts';

const WINDOW = 60;

function clock(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function Message(props: { message: DemoMessage }) {
  const { message } = props;
  const kind = message.author === 'system' ? 'event' : message.author;
  return (
    <div class={`hd-msg hd-msg--${kind}${message.deleted ? ' hd-msg--deleted' : ''}`} data-msg-id={message.id}>
      <div class="hd-msg__body">{message.deleted ? 'This message was deleted' : message.text}</div>
      <div class="hd-msg__meta">
        <time dateTime={new Date(message.at).toISOString()}>{clock(message.at)}</time>
        {message.edited && !message.deleted && <span class="hd-msg__edited">edited</span>}
      </div>
    </div>
  );
}

export function Transcript(props: { messages: DemoMessage[] }) {
  const [shown, setShown] = useState(WINDOW);
  const hidden = Math.max(0, props.messages.length - shown);
  return (
    <div
      class="hd-chat__log"
      role="log"
      ref={(log) => {
        if (log) log.scrollTop = log.scrollHeight;
      }}
    >
      {hidden > 0 && (
        <button type="button" class="hd-chat__earlier" onClick={() => setShown(shown + WINDOW)}>
          Show {Math.min(hidden, WINDOW)} earlier messages
        </button>
      )}
      {props.messages.slice(hidden).map((message) => (
        <Message key={message.id} message={message} />
      ))}
    </div>
  );
}
