// The demo desk (Northwind Desk): inbox of open chats, the active chat with its transcript and reply box, and a
// customer sidebar. A resync re-renders everything from scratch, so every node is replaced.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DemoAgent } from '../cast.ts';
import type { DemoConversation } from '../simulation.ts';
import { Composer } from './composer.tsx';
import { closeConversation, loadState, sendReply, subscribe } from './desk-api.ts';
import { Transcript } from './transcript.tsx';

function conversationFromPath(): string | null {
  return /^\/desk\/conversations\/([\w-]+)/.exec(location.pathname)?.[1] ?? null;
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((part) => part[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
}

function preview(conversation: DemoConversation): string {
  const last = [...conversation.messages].reverse().find((message) => message.author !== 'system' && !message.deleted);
  return last ? `${last.author === 'agent' ? 'You: ' : ''}${last.text}` : '';
}

export function Desk(props: { agent: DemoAgent }) {
  const [conversations, setConversations] = useState<DemoConversation[]>([]);
  const [generation, setGeneration] = useState(0);
  const [selected, setSelected] = useState<string | null>(conversationFromPath());
  const [unread, setUnread] = useState<Record<string, number>>({});
  const [error, setError] = useState('');
  const selectedRef = useRef(selected);
  selectedRef.current = selected;

  useEffect(() => {
    const reload = () =>
      loadState()
        .then((state) => {
          setConversations(state.conversations);
          setGeneration((value) => value + 1);
          setError('');
        })
        .catch((failure: unknown) => setError(String(failure)));
    void reload();
    const unsubscribe = subscribe((event) => {
      if (event.type === 'resync') return void reload();
      if (event.type === 'removed') {
        setConversations((list) => list.filter((conversation) => conversation.id !== event.conversationId));
        return;
      }
      const next = event.conversation;
      setConversations((list) =>
        list.some((conversation) => conversation.id === next.id)
          ? list.map((conversation) => (conversation.id === next.id ? next : conversation))
          : [...list, next],
      );
      const last = next.messages[next.messages.length - 1];
      if (next.id !== selectedRef.current && last?.author === 'customer') {
        setUnread((counts) => ({ ...counts, [next.id]: (counts[next.id] ?? 0) + 1 }));
      }
    });
    const onPopState = () => setSelected(conversationFromPath());
    window.addEventListener('popstate', onPopState);
    return () => {
      unsubscribe();
      window.removeEventListener('popstate', onPopState);
    };
  }, []);

  const select = (id: string) => {
    if (id !== selected) history.pushState(null, '', `/desk/conversations/${id}`);
    setSelected(id);
    setUnread((counts) => ({ ...counts, [id]: 0 }));
  };

  const active = conversations.find((conversation) => conversation.id === selected) ?? conversations[0] ?? null;
  useEffect(() => {
    if (active && active.id !== selected) {
      history.replaceState(null, '', `/desk/conversations/${active.id}`);
      setSelected(active.id);
    }
  }, [active?.id, selected]);

  return (
    <div class="hd-app" data-hd-app="northwind-desk" key={generation}>
      <header class="hd-topbar">
        <span class="hd-brand">Northwind Desk</span>
        <nav class="hd-topbar__nav">
          <a class="is-current" href="/desk">Inbox</a>
          <span>Reports</span>
          <span>Knowledge base</span>
        </nav>
        <div class="hd-user">
          <span class="hd-user__avatar" aria-hidden="true">{initials(props.agent.name)}</span>
          <span class="hd-user__name">{props.agent.name}</span>
          <a
            class="hd-user__signout"
            href="/"
            onClick={() => {
              document.cookie = 'nw_agent=; Max-Age=0; Path=/';
            }}
          >
            Sign out
          </a>
        </div>
      </header>
      {error && <div class="hd-banner">Connection problem: {error}</div>}
      <div class="hd-body">
        <aside class="hd-inbox">
          <div class="hd-inbox__title">
            Open chats <span class="hd-inbox__count">{conversations.length}</span>
          </div>
          <ul class="hd-inbox__list">
            {conversations.map((conversation) => (
              <li
                key={conversation.id}
                class={`hd-inbox__item${conversation.id === active?.id ? ' is-selected' : ''}${conversation.status === 'ended' ? ' is-ended' : ''}`}
                data-conv-id={conversation.id}
                onClick={() => select(conversation.id)}
              >
                <span class="hd-inbox__name">{conversation.customer}</span>
                <span class="hd-inbox__preview">{preview(conversation)}</span>
                {(unread[conversation.id] ?? 0) > 0 && <span class="hd-badge">{unread[conversation.id]}</span>}
              </li>
            ))}
          </ul>
        </aside>
        {active ? (
          <main class="hd-chat" data-chat-id={active.id} key={active.id}>
            <div class="hd-chat__header">
              <h2 class="hd-chat__customer">{active.customer}</h2>
              <span class="hd-chat__meta">
                {active.topic} · {active.status === 'ended' ? 'ended' : 'live chat'} · #{active.id}
              </span>
            </div>
            <Transcript key={`${active.id}:${generation}`} messages={active.messages} />
            {active.status === 'open' ? (
              <Composer onSend={(text) => sendReply(active.id, text)} />
            ) : (
              <div class="hd-chat__ended">
                This chat has ended.
                <button type="button" onClick={() => void closeConversation(active.id)}>
                  Close chat
                </button>
              </div>
            )}
          </main>
        ) : (
          <main class="hd-empty">No open chats. New chats appear here.</main>
        )}
        <aside class="hd-sidebar">
          {active && (
            <section class="hd-customer-card">
              <h3>{active.customer}</h3>
              <dl>
                <dt>Topic</dt>
                <dd>{active.topic}</dd>
                <dt>Chat started</dt>
                <dd>{new Date(active.startedAt).toLocaleTimeString()}</dd>
                <dt>Messages</dt>
                <dd>{active.messages.length}</dd>
              </dl>
            </section>
          )}
        </aside>
      </div>
    </div>
  );
}
